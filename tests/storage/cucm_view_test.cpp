// The CUCM's view of a run (runs.cucm_json): encoding, decoding, and the v1 → v2 migration that
// added the column to databases written before it.
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>
#include <storage/schema.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

using test_support::TempDir;

namespace {

storage::CucmView sample_view() {
  storage::CucmView view;
  storage::AxlView axl;
  axl.url = "https://cucm.example.net:8443";
  axl.operation = "getAppUser";
  axl.user = "remote \"app\"";
  axl.exists = true;
  axl.groups = {"Standard CTI Enabled", "Grüne Gruppe\n"};
  axl.missing_groups = {"Standard CTI Allow Control of All Devices"};
  axl.controlled = {"SEP001122334455", "SEPAABBCCDDEEFF"};
  view.axl = axl;
  storage::DiscoveryView discovery;
  discovery.url = "https://cucm.example.net:8443";
  discovery.name_pattern = "SEP%";
  discovery.phones = 5000;
  discovery.unregistered = 12;
  discovery.web_disabled = 3;
  discovery.without_address = {"SEP000000000001"};
  view.discovery = discovery;
  return view;
}

} // namespace

TEST_CASE("the CUCM's view of a run survives encoding and decoding", "[storage][cucm]") {
  const storage::CucmView view = sample_view();
  const auto decoded = storage::decode_cucm_view(storage::encode_cucm_view(view));
  REQUIRE(decoded);
  REQUIRE(decoded->axl);
  CHECK(decoded->axl->user == view.axl->user);
  CHECK(decoded->axl->exists);
  CHECK(decoded->axl->groups == view.axl->groups);
  CHECK(decoded->axl->missing_groups == view.axl->missing_groups);
  CHECK(decoded->axl->controlled == view.axl->controlled);
  REQUIRE(decoded->discovery);
  CHECK(decoded->discovery->phones == 5000);
  CHECK(decoded->discovery->unregistered == 12);
  CHECK(decoded->discovery->web_disabled == 3);
  CHECK(decoded->discovery->name_pattern == "SEP%");
  CHECK(decoded->discovery->without_address == view.discovery->without_address);

  CHECK(storage::encode_cucm_view({}) == "{}");
  const auto empty = storage::decode_cucm_view("{}");
  REQUIRE(empty);
  CHECK_FALSE(empty->axl);
  CHECK_FALSE(empty->discovery);
  CHECK_FALSE(storage::decode_cucm_view("not json"));
  CHECK_FALSE(storage::decode_cucm_view(R"({"axl":{"user":1}})"));
  CHECK_FALSE(storage::decode_cucm_view(R"({"axl":[]})"));
}

TEST_CASE("the RisPort70 lookup of an inventory survives encoding and decoding beside AXL's view", "[storage][cucm]") {
  storage::CucmView view = sample_view();
  view.discovery.reset();
  storage::RisPortView risport;
  risport.url = "https://cucm.example.net:8443";
  risport.by_name = 1990;
  risport.by_address = 8;
  risport.requests = 3;
  risport.rate_faults = 1;
  risport.known = 1995;
  risport.unregistered = 10;
  risport.web_disabled = 4;
  risport.moved = 2;
  risport.not_found = {"SEP000000000009", "10.1.2.3"};
  risport.unchecked = {"phone-7.example.net", "[2001:db8::7]"};
  view.risport = risport;
  const auto decoded = storage::decode_cucm_view(storage::encode_cucm_view(view));
  REQUIRE(decoded);
  REQUIRE(decoded->axl);
  CHECK_FALSE(decoded->discovery);
  REQUIRE(decoded->risport);
  const storage::RisPortView& r = *decoded->risport;
  CHECK(r.url == risport.url);
  CHECK(r.by_name == 1990);
  CHECK(r.by_address == 8);
  CHECK(r.requests == 3);
  CHECK(r.rate_faults == 1);
  CHECK(r.known == 1995);
  CHECK(r.unregistered == 10);
  CHECK(r.web_disabled == 4);
  CHECK(r.moved == 2);
  CHECK(r.not_found == risport.not_found);
  CHECK(r.unchecked == risport.unchecked);
  CHECK(r.error.empty());
  CHECK_FALSE(storage::decode_cucm_view(R"({"risport":{"url":"x"}})"));
}

TEST_CASE("a run stores the CUCM's view, and a database from before the column is migrated", "[storage][cucm]") {
  TempDir dir;
  const auto path = dir.file("v1.db");
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string v1(storage::migrations()[0]);
    CHECK(sqlite3_exec(raw, v1.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK(sqlite3_exec(raw,
                       "INSERT INTO runs (started_at, status, options_json, phone_count, tool_version) "
                       "VALUES ('2024-05-01T06:30:00Z', 'completed', '{}', 0, '0.1'); PRAGMA user_version = 1",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = storage::Database::open(path);
  REQUIRE(db);
  const auto old_run = db->run(1);
  REQUIRE(old_run);
  CHECK(old_run->cucm_json == "{}");

  const auto run = db->begin_run({"{}", "test", 0});
  CHECK(db->run(run)->cucm_json == "{}");
  const std::string json = storage::encode_cucm_view(sample_view());
  db->set_run_cucm(run, json);
  CHECK(db->run(run)->cucm_json == json);
  CHECK(db->runs().back().cucm_json == json);
  CHECK_THROWS_AS(db->set_run_cucm(run + 100, "{}"), storage::Error);
}
