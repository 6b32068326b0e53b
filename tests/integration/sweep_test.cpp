// End to end: real fleetsim, real dnsmasq, the real phonesweep binary, a real SQLite file.
// Every phone's root cause, ITL state and CUCM verdict must equal fleetsim's ground truth.
#include <sim/harness/servers.hpp>
#include <inventory/csv_reader.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/truth_check.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
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

Scan scan(const harness::Fleet& fleet, const harness::Dns& dns, const std::string& password,
          std::vector<std::string> extra = {}) {
  Scan s;
  s.db = fleet.dir + "/scan.db";
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "scan", "--inventory", fleet.inventory(),
                 "--db", s.db, "--user", "phonesweep-app", "--cucm", fleet.cucm_url,
                 "--dns-server", dns.server(), "--timeout", "2", "--connect-timeout", "1",
                 "--concurrency", "300", "--auth-concurrency", "32", "--auth-rate", "0",
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

  SECTION("the CUCM never sees more concurrent requests than its cap") {
    const std::string stats = http_get(fleet.cucm_url + "/stats");
    INFO(stats);
    CHECK(json_number(stats, "cucm_requests") > 0);
    CHECK(json_number(stats, "cucm_max_concurrent") >= 1);
    CHECK(json_number(stats, "cucm_max_concurrent") <= 4);
  }
  SECTION("the password appears nowhere: database, WAL, CSV, HTML, output") {
    harness::Launch report;
    report.argv = {harness::built_program("phonesweep"), "report", "--db", s.db, "--csv",
                   fleet.dir + "/r.csv", "--html", fleet.dir + "/r.html"};
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
  r.outcome.cause = scanner::RootCause::ok;
  r.evidence.itl = scanner::ItlState::ok;
  r.evidence.cucm = scanner::CucmAuth::not_checked;
  std::map<std::string, test_support::Expected> truth;
  truth[r.target.address()] = {"ok", "ok", "not_checked", "healthy", ""};
  CHECK_FALSE(test_support::differs_from_truth(r, truth));

  r.evidence.itl = scanner::ItlState::trust_failed;
  const auto why = test_support::differs_from_truth(r, truth);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("got ok/trust_failed/not_checked, expected ok/ok/not_checked"));

  truth.clear();
  CHECK_THAT(test_support::differs_from_truth(r, truth).value_or(""), Catch::Contains("not in the ground truth"));
}
