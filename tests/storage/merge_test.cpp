// storage::merge_runs on databases built in the test: what a merged run keeps besides results.
#include <storage/credentials_view.hpp>
#include <storage/database.hpp>
#include <storage/merge.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace {

std::string shard_db(const test_support::TempDir& dir, int k, const std::string& cucm_json,
                     const std::string& credentials_json = "{}") {
  const std::string path = dir.file("shard" + std::to_string(k) + ".db");
  auto db = storage::Database::open(path, storage::Database::Mode::create);
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"remote-app","shard":")" + std::to_string(k) + R"(/2"})", "test", 1});
  const std::vector<storage::PhoneRecord> records{test_support::sample_record(k)};
  db->insert_batch(run, records);
  db->set_run_cucm(run, cucm_json);
  db->set_run_credentials(run, credentials_json);
  db->finish_run(run, storage::RunStatus::completed);
  return path;
}

} // namespace

TEST_CASE("merge: the merged run keeps the CUCM's view the shards recorded with --axl") {
  test_support::TempDir dir;
  const std::string view = R"({"axl":{"url":"https://cucm:8443","operation":"getAppUser","user":"remote-app",)"
                           R"("exists":true,"groups":[],"missing_groups":["Standard CTI Enabled"],"controlled":[]}})";
  const auto a = shard_db(dir, 1, view);
  const auto b = shard_db(dir, 2, "{}");
  const std::string out = dir.file("all.db");
  const auto merged = storage::merge_runs({b, a}, out);
  REQUIRE(merged);
  auto db = storage::Database::open(out, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->run(merged->run);
  REQUIRE(run);
  CHECK(run->recorded == 2);
  CHECK(run->cucm_json == view);
}

TEST_CASE("merge: the merged run adds up what the shards learnt about the credentials") {
  test_support::TempDir dir;
  storage::CredentialsView refused;
  refused.verdict = "rejected";
  refused.refused = {"SEP001122334455 (CUCM)", "SEP001122334466 (CUCM)"};
  refused.failed_logons = 2;
  refused.max_failed_logons = 2;
  refused.message = "refused for SEP001122334455 and SEP001122334466";
  const auto a = shard_db(dir, 1, "{}", storage::encode_credentials_view(refused));
  const auto b = shard_db(dir, 2, "{}", storage::encode_credentials_view(refused));
  const std::string out = dir.file("all.db");
  const auto merged = storage::merge_runs({a, b}, out);
  REQUIRE(merged);
  auto db = storage::Database::open(out, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto view = storage::decode_credentials_view(db->run(merged->run)->credentials_json);
  REQUIRE(view);
  CHECK(view->verdict == "rejected");
  CHECK(view->failed_logons == 4);
  CHECK(view->message == refused.message);
}

TEST_CASE("merge: a shard's bad_credentials is settled over the union when another shard's phones accept the "
          "credentials") {
  test_support::TempDir dir;
  // Shard 1 saw only a phone the CUCM refused the user for: on its own, a wrong password.
  auto refused = test_support::sample_record(1, diagnosis::RootCause::bad_credentials);
  refused.evidence.screenshot = diagnosis::ScreenshotAnswer::phone_error;
  refused.evidence.phone_error = 4;
  refused.evidence.cucm = diagnosis::CucmAuth::unauthorized;
  const auto shard = [&](int k, const storage::PhoneRecord& record) {
    const std::string path = dir.file("shard" + std::to_string(k) + ".db");
    auto db = storage::Database::open(path, storage::Database::Mode::create);
    REQUIRE(db);
    const auto run = db->begin_run({R"({"user":"remote-app","shard":")" + std::to_string(k) + R"(/2"})", "test", 1});
    db->insert_batch(run, std::vector<storage::PhoneRecord>{record});
    db->finish_run(run, storage::RunStatus::completed);
    return path;
  };
  const std::string out = dir.file("all.db");
  const auto merged = storage::merge_runs({shard(1, refused), shard(2, test_support::sample_record(2))}, out);
  REQUIRE(merged);
  CHECK(merged->settled >= 1);
  auto db = storage::Database::open(out, storage::Database::Mode::existing);
  REQUIRE(db);
  CHECK(db->run(merged->run)->status == storage::RunStatus::completed);
  std::optional<diagnosis::RootCause> cause;
  db->for_each_record(merged->run, [&](const storage::PhoneRecord& r) {
    if (r.target.address() == refused.target.address()) cause = r.outcome.cause;
  });
  CHECK(cause == diagnosis::RootCause::not_associated);
}
