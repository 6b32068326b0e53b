// End to end: real fleetsim, real dnsmasq, the real phonesweep binary, a real SQLite file.
// Every phone's root cause, ITL state and CUCM verdict must equal fleetsim's ground truth.
#include <inventory/csv_reader.hpp>
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/truth_check.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace std::chrono_literals;

namespace {

using test_support::http_get;
using test_support::json_number;
using test_support::slurp;

struct Scan {
  harness::RunResult result;
  std::string db;
};

// Phones of one kind in the truth, how many the scan got right, and their truth causes.
struct Group {
  std::size_t phones = 0;
  std::size_t matched = 0;
  std::set<std::string> causes;
};

std::map<std::string, std::string> causes_by_address(const std::string& db_path) {
  std::map<std::string, std::string> causes;
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    causes[r.target.address()] = std::string(diagnosis::to_string(r.outcome.cause));
  });
  return causes;
}

Scan scan(const harness::Fleet& fleet, const harness::Dns& dns, const std::string& password,
          std::vector<std::string> extra = {}) {
  Scan s;
  s.db = fleet.dir + "/scan.db";
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "scan", "--inventory", fleet.inventory(), "--db", s.db, "--user",
                 "phonesweep-app", "--cucm", fleet.cucm_url, "--dns-server", dns.server(), "--timeout", "2",
                 "--connect-timeout", "1", "--concurrency", "300", "--auth-concurrency", "32", "--auth-rate", "0",
                 // A device the user controls: without one, two devices outside the user's controlled
                 // devices asked about first would read as a wrong password (app/credentials.hpp).
                 "--canary-device", fleet.canary_device()};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = password;
  s.result = harness::run(launch, 5min);
  return s;
}

} // namespace

TEST_CASE("scan: every phone of a mixed estate gets the ground-truth cause, ITL state and CUCM verdict") {
  harness::FleetOptions options;
  options.phones = 600;
  options.latency = "0-30";
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  const auto s = scan(fleet, dns, options.password);
  INFO(s.result.err);
  CHECK(s.result.status == 1); // failures present
  test_support::require_matches_truth(fleet.truth(), s.db);

  // Not a SECTION (each would sweep again): the corrected families, the menu-only phones and
  // pages in every language reach their truth.
  {
    const auto truth = test_support::read_truth(fleet.truth());
    const auto got = causes_by_address(s.db);
    const auto group = [&](const auto& in_group) {
      Group g;
      for (const auto& [address, e] : truth) {
        if (!in_group(e)) continue;
        ++g.phones;
        g.causes.insert(e.root_cause);
        if (got.count(address) == 1 && got.at(address) == e.root_cause) ++g.matched;
      }
      return g;
    };
    // 79x1/79x2/79x5, 89xx, 69xx with a display and DX phones whose cause hangs on their status
    // or network setup page: read where their real menus link them.
    for (const char* family : {"79xx", "89xx", "69xx-display", "dx"}) {
      const Group g = group([&](const test_support::Expected& e) { return e.family == family; });
      CAPTURE(family, g.phones, g.matched);
      CHECK(g.matched == g.phones);
      CHECK(g.causes.count("itl_trust") == 1);
      CHECK(g.causes.count("auth_url_dns") == 1);
    }
    // The 6941 that only its /DeviceInformationX names.
    const Group g6941 =
        group([](const test_support::Expected& e) { return e.model == "CP-6941" && !e.inventory_names_model; });
    CHECK(g6941.phones > 0);
    CHECK(g6941.matched == g6941.phones);
    // Phones whose pages live at paths no table knows, linked only from their home page, with
    // link texts in other languages: a moved firmware and a model no table knows.
    const Group menu =
        group([](const test_support::Expected& e) { return e.family == "moved" || e.family == "unlisted"; });
    CAPTURE(menu.phones, menu.matched);
    CHECK(menu.matched == menu.phones);
    for (const char* cause : {"ok", "itl_trust", "auth_url_dns", "auth_failed", "not_associated"})
      CHECK(menu.causes.count(cause) == 1);
    for (const char* locale : {"en", "es", "fr", "de", "it", "pt", "nl"}) {
      const Group g = group([&](const test_support::Expected& e) { return e.locale == locale; });
      CAPTURE(locale, g.phones, g.matched);
      CHECK(g.phones > 0);
      CHECK(g.matched == g.phones);
    }
    const Group unnamed = group([](const test_support::Expected& e) { return !e.inventory_names_model; });
    CHECK(unnamed.phones > 0);
    CHECK(unnamed.matched == unnamed.phones);
  }
  SECTION("the CUCM never sees more concurrent requests than its cap") {
    const std::string stats = http_get(fleet.cucm_url + "/stats");
    INFO(stats);
    CHECK(json_number(stats, "cucm_requests") > 0);
    CHECK(json_number(stats, "cucm_max_concurrent") >= 1);
    CHECK(json_number(stats, "cucm_max_concurrent") <= 4);
  }
  SECTION("the password appears nowhere: database, WAL, CSV, HTML, output") {
    harness::Launch report;
    report.argv = {harness::built_program("phonesweep"),
                   "report",
                   "--db",
                   s.db,
                   "--csv",
                   fleet.dir + "/r.csv",
                   "--html",
                   fleet.dir + "/r.html"};
    const auto r = harness::run(report, 2min);
    REQUIRE(r.status == 0);
    for (const auto& file : {s.db, s.db + "-wal", fleet.dir + "/r.csv", fleet.dir + "/r.html"})
      CHECK(slurp(file).find(options.password) == std::string::npos);
    CHECK(s.result.out.find(options.password) == std::string::npos);
    CHECK(s.result.err.find(options.password) == std::string::npos);
    CHECK(r.out.find(options.password) == std::string::npos);
  }
}

TEST_CASE("scan: with a wrong password every error-4 phone is bad_credentials, not thousands of association problems") {
  harness::FleetOptions options;
  options.phones = 500;
  options.latency = "0-20";
  options.credentials = "bad-password";
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  const auto s = scan(fleet, dns, options.password);
  INFO(s.result.err);
  CHECK(s.result.status == 1);
  test_support::require_matches_truth(fleet.truth(), s.db);
}

TEST_CASE("scan: an estate of healthy phones exits 0") {
  harness::FleetOptions options;
  options.phones = 200;
  options.mix = "healthy";
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  const auto s = scan(fleet, dns, options.password);
  INFO(s.result.out << s.result.err);
  CHECK(s.result.status == 0);
  test_support::require_matches_truth(fleet.truth(), s.db);
}

TEST_CASE("scan: no password in the environment is a usage error (exit 2), nothing is swept") {
  harness::FleetOptions options;
  options.phones = 10;
  options.mix = "healthy";
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  const auto s = scan(fleet, dns, "", {"--password-env", "PHONESWEEP_TEST_UNSET_VARIABLE"});
  CHECK(s.result.status == 2);
  CHECK(s.result.err.find("PHONESWEEP_TEST_UNSET_VARIABLE") != std::string::npos);
}

TEST_CASE("truth check: a phone that differs in cause, ITL state or CUCM verdict, or is unknown, is reported") {
  storage::PhoneRecord r;
  r.target.host = "127.16.0.9";
  r.target.port = 8080;
  r.outcome.cause = diagnosis::RootCause::ok;
  r.evidence.itl = diagnosis::ItlState::ok;
  r.evidence.cucm = diagnosis::CucmAuth::not_checked;
  std::map<std::string, test_support::Expected> truth;
  truth[r.target.address()] = {"ok", "ok", "not_checked", "healthy", "", "CP-8841", "88xx", "en", true};
  CHECK_FALSE(test_support::differs_from_truth(r, truth));

  r.evidence.itl = diagnosis::ItlState::trust_failed;
  const auto why = test_support::differs_from_truth(r, truth);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("got ok/trust_failed/not_checked, expected ok/ok/not_checked"));

  truth.clear();
  CHECK_THAT(test_support::differs_from_truth(r, truth).value_or(""), Catch::Contains("not in the ground truth"));
}
