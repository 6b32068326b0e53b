// What a run learnt about its credentials (runs.credentials_json): encoding, decoding, adding up
// the parts of one sweep, and the migration (v4) that added the column.
#include <storage/credentials_view.hpp>
#include <storage/database.hpp>
#include <storage/schema.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

using test_support::TempDir;

namespace {

storage::CredentialsView rejected() {
  storage::CredentialsView v;
  v.verdict = "rejected";
  v.refused = {"SEP001122334455 (CUCM)", "AXL \"401\"\n"};
  v.failed_logons = 2;
  v.max_failed_logons = 2;
  v.message = "the CUCM refused the credentials of 'remote-app' for SEP001122334455";
  return v;
}

storage::CredentialsView accepted() {
  storage::CredentialsView v;
  v.verdict = "accepted";
  v.accepted_by = "the CUCM for SEPAABBCCDDEEFF";
  v.max_failed_logons = 2;
  return v;
}

} // namespace

TEST_CASE("what a run learnt about its credentials survives encoding and decoding", "[storage][credentials]") {
  const auto decoded = storage::decode_credentials_view(storage::encode_credentials_view(rejected()));
  REQUIRE(decoded);
  CHECK(decoded->verdict == "rejected");
  CHECK(decoded->refused == rejected().refused);
  CHECK(decoded->failed_logons == 2);
  CHECK(decoded->max_failed_logons == 2);
  CHECK(decoded->message == rejected().message);

  CHECK(storage::encode_credentials_view({}) == "{}");
  REQUIRE(storage::decode_credentials_view("{}"));
  CHECK(storage::decode_credentials_view("{}")->verdict.empty());
  CHECK_FALSE(storage::decode_credentials_view("[]"));
  CHECK_FALSE(storage::decode_credentials_view(R"({"verdict":"rejected"})"));
  CHECK_FALSE(storage::decode_credentials_view(R"({"verdict":1,"accepted_by":"","refused":[],)"
                                               R"("failed_logons":0,"max_failed_logons":2,"message":""})"));
}

TEST_CASE("parts of one sweep: accepted anywhere wins, refusals and failed logons add up", "[storage][credentials]") {
  const auto both = storage::combine(rejected(), accepted());
  CHECK(both.verdict == "accepted");
  CHECK(both.accepted_by == "the CUCM for SEPAABBCCDDEEFF");
  CHECK(both.failed_logons == 2);
  CHECK(both.message.empty());
  CHECK(storage::combine(accepted(), rejected()).verdict == "accepted");

  const auto twice = storage::combine(rejected(), rejected());
  CHECK(twice.verdict == "rejected");
  CHECK(twice.failed_logons == 4);
  CHECK(twice.refused == rejected().refused); // the same refusals are named once
  CHECK(twice.message == rejected().message);

  storage::CredentialsView unproven;
  unproven.verdict = "unproven";
  CHECK(storage::combine({}, unproven).verdict == "unproven");
  CHECK(storage::combine(unproven, rejected()).verdict == "rejected");
  CHECK(storage::combine({}, {}).verdict.empty());
}

TEST_CASE("a run stores its credentials view, and a v2 database gets the column", "[storage][credentials]") {
  TempDir dir;
  const auto path = dir.file("v2.db");
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    for (int v = 0; v < 2; ++v) {
      const std::string step(storage::migrations()[static_cast<std::size_t>(v)]);
      CHECK(sqlite3_exec(raw, step.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    CHECK(sqlite3_exec(raw,
                       "INSERT INTO runs (started_at, status, options_json, phone_count, tool_version) "
                       "VALUES ('2024-05-01T06:30:00Z', 'completed', '{}', 0, '0.1'); PRAGMA user_version = 2",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = storage::Database::open(path);
  REQUIRE(db);
  CHECK(db->run(1)->credentials_json == "{}");
  const auto run = db->begin_run({"{}", "test", 0});
  const std::string json = storage::encode_credentials_view(rejected());
  db->set_run_credentials(run, json);
  CHECK(db->run(run)->credentials_json == json);
  CHECK_THROWS_AS(db->set_run_credentials(run + 100, "{}"), storage::Error);
}
