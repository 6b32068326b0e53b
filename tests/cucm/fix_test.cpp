// `phonesweep fix` end to end against the real fleetsim over HTTPS: sweep (scan --axl) → fix (a
// dry run changes nothing) → fix --apply → re-scan (the phones AXL could fix are ok, every other
// phone unchanged) → fix --undo --apply → re-scan (the first diagnosis again); the refusals
// (a run too old, a user that changed since the run), a write AXL refuses, and an end user.
#include <tests/cucm/soap_fleet.hpp>
#include <tests/support/estate_truth.hpp>

#include <cucm/axl_update.hpp>
#include <cucm/transport.hpp>
#include <cucm/user_change.hpp>
#include <storage/changes.hpp>
#include <storage/database.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <set>

using namespace soap_test;
using scanner::RootCause;

namespace {

constexpr const char* password = "sim-secret-Pa55";

harness::RunResult scan(const SoapFleet& fleet, const Tls& tls, const std::string& db,
                        std::vector<std::string> extra = {}, const std::string& inventory = {}) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "scan", "--inventory",
                 inventory.empty() ? fleet.dir + "/estate/inventory.csv" : inventory, "--db", db, "--user",
                 "phonesweep-app", "--cucm", fleet.cucm_url, "--timeout", "2", "--connect-timeout", "1",
                 "--auth-rate", "0", "--axl", fleet.soap_url, "--cacert", tls.cert, "--quiet"};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = password;
  launch.capture_stderr = true;
  return harness::run(launch, std::chrono::minutes(5));
}

harness::RunResult fix(const SoapFleet& fleet, const Tls& tls, const std::string& db, std::vector<std::string> extra) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "fix", "--db", db, "--axl", fleet.soap_url, "--axl-user",
                 "phonesweep-app", "--cacert", tls.cert};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = password;
  launch.capture_stderr = true;
  return harness::run(launch, std::chrono::minutes(5));
}

std::map<std::string, RootCause> causes(const std::string& db, std::int64_t run) {
  auto opened = storage::Database::open(db, storage::Database::Mode::read_only);
  REQUIRE(opened);
  const auto stored = opened->causes_by_address(run);
  return {stored.begin(), stored.end()};
}

std::vector<storage::Change> changes(const std::string& db) {
  auto opened = storage::Database::open(db, storage::Database::Mode::existing);
  REQUIRE(opened);
  return storage::ChangeLog(*opened).all();
}

long axl_updates(const SoapFleet& fleet, const Tls& tls) {
  return json_number(http_get(fleet.soap_url + "/stats", tls.cert), "axl_updates");
}

std::size_t count(const std::map<std::string, RootCause>& run, RootCause cause) {
  std::size_t n = 0;
  for (const auto& [address, c] : run) n += c == cause;
  return n;
}

std::size_t lines(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n';
  return n;
}

// The scan's diagnosis must be the same for every phone but those `changed` lets differ.
template <class Changed>
void same_but(const std::map<std::string, RootCause>& before, const std::map<std::string, RootCause>& after,
              Changed changed) {
  REQUIRE(after.size() == before.size());
  std::size_t differing = 0;
  for (const auto& [address, cause] : before) {
    const RootCause now = after.at(address);
    if (changed(address, cause, now)) continue;
    if (now != cause && ++differing <= 10)
      FAIL_CHECK(address << ": " << scanner::to_string(cause) << " became " << scanner::to_string(now));
  }
  CHECK(differing == 0);
}

} // namespace

TEST_CASE("fix end to end: a dry run changes nothing, --apply associates the not_associated phones, --undo restores the first diagnosis", "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-e2e");
  const Tls tls = make_certificate(dir);
  auto fleet = start(200, tls, dir);
  const std::string db = dir + "/s.db";
  const auto first = scan(fleet, tls, db);
  INFO(first.out << first.err);
  REQUIRE(first.status == 1);
  const auto run1 = causes(db, 1);
  const std::size_t not_associated = count(run1, RootCause::not_associated);
  REQUIRE(not_associated > 0);
  const auto truth = test_support::read_truth(dir + "/estate/truth.csv");

  const auto dry = fix(fleet, tls, db, {"--bat", dir + "/bat.csv", "--manual-csv", dir + "/manual.csv"});
  INFO(dry.out << dry.err);
  REQUIRE(dry.status == 0);
  CHECK(dry.out.find(fmt::format("add {} devices to the controlled devices, in 1 write", not_associated)) !=
        std::string::npos);
  CHECK(dry.out.find("fix: dry run: nothing was changed") != std::string::npos);
  CHECK(dry.out.find("itl_trust: ") != std::string::npos);
  CHECK(axl_updates(fleet, tls) == 0);
  CHECK(changes(db).empty());
  const std::string bat = slurp(dir + "/bat.csv");
  CHECK(bat.rfind("OPERATION,USER TYPE,USER ID,CONTROLLED DEVICE,ACCESS CONTROL GROUP\r\n", 0) == 0);
  CHECK(lines(bat) == not_associated + 1);
  CHECK(lines(slurp(dir + "/manual.csv")) == run1.size() - count(run1, RootCause::ok) - not_associated + 1);

  const auto applied = fix(fleet, tls, db, {"--apply"});
  INFO(applied.out << applied.err);
  REQUIRE(applied.status == 0);
  CHECK(applied.out.find(fmt::format("fix: change 1 applied: added {} devices", not_associated)) != std::string::npos);
  CHECK(axl_updates(fleet, tls) == 1);

  REQUIRE(scan(fleet, tls, db).status == 1);
  const auto run2 = causes(db, 2);
  // A not_associated phone is ok now, unless it also lost trust (not_associated_itl): then that shows.
  same_but(run1, run2, [&](const std::string& address, RootCause before, RootCause now) {
    if (before != RootCause::not_associated) return false;
    const bool itl = truth.at(address).scenario == "not_associated_itl";
    CHECK(now == (itl ? RootCause::itl_trust : RootCause::ok));
    return true;
  });
  CHECK(count(run2, RootCause::not_associated) == 0);

  const auto again = fix(fleet, tls, db, {"--run", "1", "--apply"});
  INFO(again.out << again.err);
  CHECK(again.status == 0);
  CHECK(again.out.find("fix: nothing to change") != std::string::npos);
  CHECK(axl_updates(fleet, tls) == 1);

  const auto undone = fix(fleet, tls, db, {"--undo", "1", "--apply"});
  INFO(undone.out << undone.err);
  REQUIRE(undone.status == 0);
  CHECK(undone.out.find(fmt::format("fix: change 2 applied: removed {} devices", not_associated)) != std::string::npos);
  CHECK(axl_updates(fleet, tls) == 2);
  REQUIRE(scan(fleet, tls, db).status == 1);
  same_but(run1, causes(db, 3), [](const std::string&, RootCause, RootCause) { return false; });

  const auto log = changes(db);
  REQUIRE(log.size() == 2);
  CHECK(log[0].run == 1);
  CHECK(log[0].added.devices.size() == not_associated);
  std::size_t associated = 0;
  for (const auto& [address, expected] : truth)
    associated += expected.scenario != "not_associated" && expected.scenario != "not_associated_itl";
  CHECK(log[0].previous.devices.size() == associated);
  CHECK(log[1].undoes == 1);
  CHECK(log[1].removed.devices == log[0].added.devices);
  CHECK_FALSE(log[0].requested_by.empty());
  // Credentials never reach the database.
  CHECK(slurp(db).find(password) == std::string::npos);
}
