// The sweep's credentials go only to Cisco phones and to the CUCM the user named: never to
// whatever answers on an address of a --targets range, never through a URL that holds them, and
// over HTTPS to the CUCM with the certificate verified against --cacert.
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/fleet_scan.hpp>
#include <tests/support/truth_check.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

using namespace std::chrono_literals;
using test_support::http_get;
using test_support::json_number;

namespace {

const std::string password = "sim-secret-Pa55";

// `launch` with `secret` as the password and no config file of the machine running the tests.
harness::RunResult run_phonesweep(harness::Launch launch, const std::string& secret = password) {
  launch.env["PHONESWEEP_PASSWORD"] = secret;
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  return harness::run(launch, 3min);
}

harness::RunResult phonesweep(std::vector<std::string> args, const std::string& secret = password) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep")};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  return run_phonesweep(std::move(launch), secret);
}

std::map<std::string, storage::PhoneRecord> records(const std::string& db_path) {
  std::map<std::string, storage::PhoneRecord> out;
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  db->for_each_record(*db->latest_run_id(), [&](const storage::PhoneRecord& r) { out[r.target.address()] = r; });
  return out;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A certificate for 127.0.0.1 (the CUCM's SOAP listener verifies against it; the HTTPS phones
// use it too, unverified).
std::pair<std::string, std::string> server_certificate(const std::string& dir) {
  harness::Launch openssl;
  openssl.argv = {"/usr/bin/openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-keyout",
                  dir + "/key.pem",
                  "-out",
                  dir + "/cert.pem",
                  "-days",
                  "1",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1"};
  openssl.capture_stderr = true;
  const auto r = harness::run(openssl, 1min);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return {dir + "/cert.pem", dir + "/key.pem"};
}

} // namespace

TEST_CASE("scan --targets: an address that answers HTTP but never says it is a Cisco phone gets no credentials, also "
          "when --only-failed asks it again, the phone beside it does",
          "[security][credentials]") {
  harness::FleetOptions options;
  options.phones = 10;
  options.mix = "healthy";
  auto fleet = harness::start_fleet(options);
  const auto truth = test_support::read_truth(fleet.truth());
  const std::string phone = truth.begin()->first;                         // 127.16.0.1:PORT
  const std::string printer = "127.15.0.1:" + std::to_string(fleet.port); // fleetsim's "It works!" page
  const std::string db = fleet.dir + "/targets.db";
  const auto s = phonesweep({"scan", "--targets", printer + "," + phone, "--db", db, "--user", "phonesweep-app",
                             "--cucm", fleet.cucm_url, "--timeout", "2", "--connect-timeout", "1"});
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  const auto found = records(db);
  REQUIRE(found.size() == 2);
  CHECK(found.at(phone).outcome.cause == diagnosis::RootCause::ok);
  const auto& stranger = found.at(printer);
  CHECK(stranger.outcome.cause == diagnosis::RootCause::unsupported);
  CHECK(stranger.evidence.screenshot == diagnosis::ScreenshotAnswer::not_a_phone);
  CHECK_THAT(stranger.outcome.detail, Catch::Contains("no credentials sent"));
  std::string stats = http_get(fleet.cucm_url + "/stats");
  INFO(stats);
  CHECK(json_number(stats, "foreign_requests") >= 2); // asked for its pages, anonymously
  CHECK(json_number(stats, "foreign_authorization") == 0);
  CHECK(json_number(stats, "screenshot_authorization") == 1);
  // The plain-HTTP authentication service is said to expose the password, once.
  CHECK(occurrences(s.err, "is plain HTTP: the password crosses the network in clear text") == 1);
  CHECK(s.err.find("--cucm " + fleet.cucm_url + " is plain HTTP") != std::string::npos);

  const auto again = phonesweep({"scan", "--only-failed", "--db", db, "--user", "phonesweep-app", "--cucm",
                                 fleet.cucm_url, "--timeout", "2", "--connect-timeout", "1"});
  INFO(again.err);
  CHECK(again.status == 1);
  CHECK(records(db).size() == 1); // the printer only
  stats = http_get(fleet.cucm_url + "/stats");
  CHECK(json_number(stats, "foreign_authorization") == 0);
}

TEST_CASE("scan --cucm over HTTPS is verified against --cacert, and refused without it", "[security][credentials]") {
  const std::string dir = harness::make_temp_dir("cucm-tls");
  const auto [cert, key] = server_certificate(dir);
  harness::FleetOptions options;
  options.phones = 80;
  options.extra_args = {"--tls-cert", cert, "--tls-key", key};
  options.out_dir = dir;
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  REQUIRE(fleet.soap_url.rfind("https://127.0.0.1:", 0) == 0);
  const auto scan = [&](const std::string& db, std::vector<std::string> extra) {
    return run_phonesweep(test_support::fleet_scan(fleet, dns, db, std::move(extra), {{"--cucm", fleet.soap_url}}));
  };

  const auto verified = scan(dir + "/verified.db", {"--cacert", cert});
  INFO(verified.err);
  CHECK(verified.status == 1);
  CHECK(verified.err.find("plain HTTP") == std::string::npos);
  test_support::require_matches_truth(fleet.truth(), dir + "/verified.db");

  const auto refused = scan(dir + "/refused.db", {});
  INFO(refused.err);
  CHECK(refused.status == 1);
  std::size_t cucm_errors = 0, other_verdicts = 0;
  for (const auto& [address, r] : records(dir + "/refused.db")) {
    if (r.evidence.cucm == diagnosis::CucmAuth::error) {
      ++cucm_errors;
      CHECK_THAT(r.evidence.cucm_detail, Catch::Contains("certificate"));
    } else if (r.evidence.cucm != diagnosis::CucmAuth::not_checked) {
      ++other_verdicts;
    }
  }
  CHECK(cucm_errors > 0);
  CHECK(other_verdicts == 0); // not one answer from a CUCM whose certificate was not verified
}

TEST_CASE("a URL with user:password@ is refused for every option (exit 2), without repeating the password",
          "[security][credentials]") {
  const std::string dir = harness::make_temp_dir("url-credentials");
  const std::string url = "https://admin:Pw-in-the-URL-77@127.0.0.1:9";
  const std::vector<std::vector<std::string>> commands{
      {"scan", "--inventory", dir + "/none.csv", "--db", dir + "/s.db", "--user", "u", "--cucm", url},
      {"scan", "--inventory", dir + "/none.csv", "--db", dir + "/s.db", "--user", "u", "--axl", url},
      {"scan", "--cucm-discover", url, "--db", dir + "/s.db", "--user", "u"},
      {"discover", "--cucm", url, "--user", "u", "-o", dir + "/inventory.csv"}};
  for (const auto& command : commands) {
    CAPTURE(command[0], command[command.size() - 2]);
    const auto r = phonesweep(command);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("must not hold credentials"));
    CHECK_THAT(r.err, Catch::Contains("https://…@127.0.0.1:9"));
    CHECK(r.err.find("Pw-in-the-URL-77") == std::string::npos);
    CHECK(r.out.find("Pw-in-the-URL-77") == std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir + "/s.db")); // refused before anything was opened
}
