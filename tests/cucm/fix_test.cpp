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

#include <algorithm>
#include <fstream>
#include <map>

using namespace soap_test;
using diagnosis::RootCause;

namespace {

constexpr const char* password = "sim-secret-Pa55";

harness::RunResult scan(const SoapFleet& fleet, const Tls& tls, const std::string& db,
                        std::vector<std::string> extra = {}, const std::string& inventory = {}) {
  extra.insert(extra.begin(), {"--axl", fleet.soap_url, "--cacert", tls.cert, "--quiet"});
  return run_scan(fleet, db, {"--inventory", inventory.empty() ? fleet.dir + "/estate/inventory.csv" : inventory},
                  extra);
}

harness::RunResult fix(const SoapFleet& fleet, const Tls& tls, const std::string& db, std::vector<std::string> extra) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"),
                 "fix",
                 "--db",
                 db,
                 "--axl",
                 fleet.soap_url,
                 "--axl-user",
                 "phonesweep-app",
                 "--cacert",
                 tls.cert};
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
      FAIL_CHECK(address << ": " << diagnosis::to_string(cause) << " became " << diagnosis::to_string(now));
  }
  CHECK(differing == 0);
}

} // namespace

TEST_CASE("fix end to end: a dry run changes nothing, --apply associates the not_associated phones, --undo restores "
          "the first diagnosis",
          "[cucm][fix]") {
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

TEST_CASE("fix on a user without the CTI groups adds the group and the uncontrolled devices in batches, --verify "
          "counts the phones now ok, undo restores",
          "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-roles");
  const Tls tls = make_certificate(dir);
  auto fleet = start(200, tls, dir, {"--user-roles", "no-cti"});
  const std::string db = dir + "/s.db";
  REQUIRE(scan(fleet, tls, db).status == 1);
  const auto run1 = causes(db, 1);
  const std::size_t missing_roles = count(run1, RootCause::missing_roles);
  REQUIRE(missing_roles > 0);
  CHECK(count(run1, RootCause::not_associated) == 0); // roles come first in the troubleshooting order
  const auto truth = test_support::read_truth(dir + "/estate/truth.csv");
  std::size_t uncontrolled = 0;
  std::size_t fixable = 0; // missing_roles phones nothing else is wrong with
  for (const auto& [address, cause] : run1) {
    const std::string& scenario = truth.at(address).scenario;
    uncontrolled += scenario == "not_associated" || scenario == "not_associated_itl";
    fixable += cause == RootCause::missing_roles && scenario == "not_associated";
  }
  REQUIRE(fixable > 0);

  const auto applied = fix(fleet, tls, db, {"--apply", "--verify", "--batch", "5"});
  INFO(applied.out << applied.err);
  CHECK(applied.status == 1); // some changed phones still fail: their next cause shows
  CHECK(applied.out.find("add the access control group 'Standard CTI Enabled'") != std::string::npos);
  CHECK(applied.out.find(fmt::format("verify: {} of {} changed phones are now ok (run 2)", fixable, missing_roles)) !=
        std::string::npos);
  CHECK(axl_updates(fleet, tls) == static_cast<long>((uncontrolled + 4) / 5));
  const auto log = changes(db);
  REQUIRE(log.size() == 1);
  CHECK(log[0].status == storage::ChangeStatus::applied);
  CHECK(log[0].added.groups == std::vector<std::string>{"Standard CTI Enabled"});
  CHECK(log[0].added.devices.size() == uncontrolled);
  CHECK(log[0].writes == (uncontrolled + 4) / 5);

  REQUIRE(scan(fleet, tls, db).status == 1);
  same_but(run1, causes(db, 3), [&](const std::string& address, RootCause before, RootCause now) {
    if (before != RootCause::missing_roles) return false;
    if (truth.at(address).scenario == "not_associated") CHECK(now == RootCause::ok);
    CHECK(now != RootCause::missing_roles);
    CHECK(now != RootCause::not_associated);
    return true;
  });

  const auto undone = fix(fleet, tls, db, {"--undo", "1", "--apply"});
  INFO(undone.out << undone.err);
  REQUIRE(undone.status == 0);
  REQUIRE(scan(fleet, tls, db).status == 1);
  same_but(run1, causes(db, 4), [](const std::string&, RootCause, RootCause) { return false; });
}

namespace {

// The user's controlled devices, read and written straight through AXL as another admin would.
struct Admin {
  cucm::CurlTransport transport;
  Admin(const SoapFleet& fleet, const Tls& tls)
      : transport([&] {
          cucm::Endpoint e;
          e.base_url = fleet.soap_url;
          e.user = "phonesweep-app";
          e.password = password;
          e.cacert = tls.cert;
          return e;
        }()) {}
  cucm::AxlUser read() {
    const auto answer =
        transport.post("/axl/", cucm::axl_soap_action("getAppUser"), cucm::get_app_user_request("phonesweep-app"));
    REQUIRE(answer);
    const auto user = cucm::read_user(answer->body);
    REQUIRE(user);
    return *user;
  }
  void write_devices(std::vector<std::string> devices) {
    cucm::UserLists lists;
    lists.devices = std::move(devices);
    const auto answer = transport.post("/axl/", cucm::axl_soap_action("updateAppUser"),
                                       cucm::update_user_request(false, "phonesweep-app", lists));
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
  }
};

void age_runs(const std::string& db, const std::string& modifier) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  const std::string sql = "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '" + modifier + "')";
  REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
}

} // namespace

TEST_CASE("fix --apply refuses a user that lost devices since the run and a run older than --max-age, and the dry run "
          "says why",
          "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-refuse");
  const Tls tls = make_certificate(dir);
  auto fleet = start(60, tls, dir);
  const std::string db = dir + "/s.db";
  REQUIRE(scan(fleet, tls, db).status == 1);
  Admin admin(fleet, tls);
  const auto before = admin.read();
  auto fewer = before.devices;
  const std::string removed = fewer.back();
  fewer.pop_back();
  admin.write_devices(fewer); // someone else removes a device after the run

  const auto dry = fix(fleet, tls, db, {});
  INFO(dry.out << dry.err);
  CHECK(dry.status == 0);
  CHECK(dry.out.find("since the run the user lost 1 device and 0 groups: --apply refuses") != std::string::npos);
  const auto refused = fix(fleet, tls, db, {"--apply"});
  INFO(refused.out << refused.err);
  CHECK(refused.status == 3);
  CHECK(refused.err.find("the user lost 1 device since run 1 saw it") != std::string::npos);
  CHECK(axl_updates(fleet, tls) == 1); // only the other admin's write
  CHECK(changes(db).empty());
  // Devices others added since are no surprise: the plan keeps them.
  admin.write_devices(before.devices);

  age_runs(db, "-2 days");
  const auto old = fix(fleet, tls, db, {"--apply"});
  INFO(old.out << old.err);
  CHECK(old.status == 2);
  CHECK(old.err.find("more than --max-age 24h") != std::string::npos);
  CHECK(fix(fleet, tls, db, {}).status == 0); // a plan may still be looked at
  CHECK(axl_updates(fleet, tls) == 2);
  const auto allowed = fix(fleet, tls, db, {"--apply", "--max-age", "3d"});
  INFO(allowed.out << allowed.err);
  CHECK(allowed.status == 0);
  CHECK(axl_updates(fleet, tls) == 3);
  CHECK(admin.read().devices.size() == 60);
}

TEST_CASE("a write AXL refuses stops the change, is recorded, and undo takes back only what was written",
          "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-refused-write");
  const Tls tls = make_certificate(dir);
  auto fleet = start(100, tls, dir);
  const std::string db = dir + "/s.db";
  // One not_associated phone is inventoried under a name the CUCM does not know.
  const auto truth = test_support::read_truth(dir + "/estate/truth.csv");
  std::string renamed_address;
  for (const auto& [address, expected] : truth)
    if (expected.scenario == "not_associated" && renamed_address.empty()) renamed_address = address;
  REQUIRE_FALSE(renamed_address.empty());
  const auto rows = read_csv(dir + "/estate/inventory.csv");
  std::string inventory = "address,name,model,site,description\n";
  for (const auto& t : rows)
    inventory += t.address() + "," + (t.address() == renamed_address ? "SEP000000000000" : t.device_name) + "," +
                 t.model + "," + t.site + ",\n";
  std::ofstream(dir + "/inventory.csv") << inventory;
  REQUIRE(scan(fleet, tls, db, {}, dir + "/inventory.csv").status == 1);
  Admin admin(fleet, tls);
  const auto before = admin.read();

  const auto applied = fix(fleet, tls, db, {"--apply", "--batch", "1"});
  INFO(applied.out << applied.err);
  CHECK(applied.status == 3);
  const auto log = changes(db);
  REQUIRE(log.size() == 1);
  const auto& change = log[0];
  const auto unknown = std::find(change.add.devices.begin(), change.add.devices.end(), "SEP000000000000");
  REQUIRE(unknown != change.add.devices.end());
  const auto accepted = static_cast<std::size_t>(unknown - change.add.devices.begin());
  CHECK(change.status == (accepted == 0 ? storage::ChangeStatus::failed : storage::ChangeStatus::partial));
  CHECK(change.writes == accepted + 1); // it stopped at the refused write
  CHECK(change.added.devices.size() == accepted);
  CHECK(change.detail.find("SEP000000000000") != std::string::npos);
  CHECK(applied.err.find("SEP000000000000") != std::string::npos);
  CHECK(admin.read().devices.size() == before.devices.size() + accepted);

  if (accepted > 0) {
    const auto undone = fix(fleet, tls, db, {"--undo", "1", "--apply"});
    INFO(undone.out << undone.err);
    CHECK(undone.status == 0);
    CHECK(admin.read().devices == before.devices);
  }
}

TEST_CASE("fix changes an end user through updateUser, its groups written whole, and the phones work at once",
          "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-end-user");
  const Tls tls = make_certificate(dir);
  auto fleet = start(60, tls, dir, {"--user-kind", "end"});
  const std::string db = dir + "/s.db";
  REQUIRE(scan(fleet, tls, db, {"--end-user"}).status == 1);
  const auto run1 = causes(db, 1);
  REQUIRE(count(run1, RootCause::not_associated) > 0);
  const auto applied = fix(fleet, tls, db, {"--apply"});
  INFO(applied.out << applied.err);
  CHECK(applied.status == 0);
  CHECK(applied.out.find("fix: end user 'phonesweep-app'") != std::string::npos);
  CHECK(applied.out.find("plan (AXL updateUser)") != std::string::npos);
  const auto log = changes(db);
  REQUIRE(log.size() == 1);
  CHECK(log[0].operation == "updateUser");
  CHECK(log[0].previous.groups.size() == 4);
  REQUIRE(scan(fleet, tls, db, {"--end-user"}).status == 1);
  CHECK(count(causes(db, 2), RootCause::not_associated) == 0);
  CHECK(count(causes(db, 2), RootCause::ok) > count(run1, RootCause::ok));
}

TEST_CASE("fix refuses bad options before it asks AXL or reads a password", "[cucm][fix]") {
  const std::string dir = harness::make_temp_dir("fix-usage");
  const std::string db = dir + "/s.db";
  const auto run = [&](std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    harness::Launch launch;
    launch.argv = {harness::built_program("phonesweep"), "fix", "--db", db, "--axl-user", "axl-admin"};
    launch.argv.insert(launch.argv.end(), args.begin(), args.end());
    launch.env = std::move(env);
    launch.capture_stderr = true;
    return harness::run(launch, std::chrono::minutes(1));
  };
  const std::string axl = "https://127.0.0.1:1"; // nothing listens: a request would fail otherwise
  const auto no_db = run({"--axl", axl});
  CHECK(no_db.status == 2);
  CHECK(no_db.err.find("no such file") != std::string::npos);
  {
    auto created = storage::Database::open(db);
    REQUIRE(created);
  }
  const auto no_run = run({"--axl", axl});
  CHECK(no_run.status == 2);
  CHECK(no_run.err.find("holds no completed run") != std::string::npos);
  CHECK(run({"--axl", axl, "--verify"}).status == 2);
  CHECK(run({"--axl", axl, "--bat", "-"}).status == 2);
  CHECK(run({"--axl", axl, "--bat", dir + "/x.csv", "--manual-csv", dir + "/./x.csv"}).status == 2);
  CHECK(run({"--axl", axl, "--max-age", "soon"}).status == 2);
  CHECK(run({"--axl", axl, "--undo", "1", "--run", "1"}).status == 2);
  const auto userinfo = run({"--axl", "https://admin:secret@127.0.0.1:1"});
  CHECK(userinfo.status == 2);
  CHECK(userinfo.err.find("secret") == std::string::npos);
  const auto no_change = run({"--axl", axl, "--undo", "7"});
  CHECK(no_change.status == 2);
  CHECK(no_change.err.find("holds no change 7") != std::string::npos);
}
