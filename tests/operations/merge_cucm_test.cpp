// `phonesweep merge` in-process on shard databases built in the test: the merged run keeps the
// causes only the CUCM's view proves, which re-diagnosing the phones' own evidence cannot.
#include <app/merge_command.hpp>
#include <storage/database.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>

#include <vector>

namespace {

// A phone RisPort called unregistered that did not answer: stored as `unregistered`, as a scan
// with discovery stores it.
storage::PhoneRecord unregistered_phone(int i) {
  auto record = test_support::sample_record(i, diagnosis::RootCause::unregistered);
  record.target.extra.emplace_back("registration", "unregistered");
  record.evidence.any_answer = false;
  record.evidence.screenshot = diagnosis::ScreenshotAnswer::no_answer;
  record.evidence.image_format.clear();
  record.evidence.transport = diagnosis::TransferStatus::connect_failed;
  record.outcome.detail = "RisPort: unregistered; the phone does not answer";
  return record;
}

std::string shard_db(const test_support::TempDir& dir, int k) {
  const std::string path = dir.file("shard" + std::to_string(k) + ".db");
  auto db = storage::Database::open(path, storage::Database::Mode::create);
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"remote-app","shard":")" + std::to_string(k) + R"(/2"})", "test", 2});
  const std::vector<storage::PhoneRecord> records{test_support::sample_record(10 + k), unregistered_phone(20 + k)};
  db->insert_batch(run, records);
  db->finish_run(run, storage::RunStatus::completed);
  return path;
}

} // namespace

TEST_CASE("merge: phones the CUCM called unregistered stay unregistered, not unreachable") {
  test_support::TempDir dir;
  app::MergeOptions options;
  options.sources = {shard_db(dir, 1), shard_db(dir, 2)};
  options.output = dir.file("all.db");
  options.quiet = true;
  CHECK(app::run_merge(options) == 1); // failures present

  auto db = storage::Database::open(options.output, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  int unregistered = 0, unreachable = 0;
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    if (r.outcome.cause == diagnosis::RootCause::unregistered) ++unregistered;
    if (r.outcome.cause == diagnosis::RootCause::unreachable) ++unreachable;
  });
  CHECK(unregistered == 2);
  CHECK(unreachable == 0);
}
