// End to end over HTTPS and with credentials in play: real fleetsim (HTTPS phones with a
// self-signed certificate, a stalled and a broken TLS port, phones that redirect their screenshot
// to another loopback address), the real phonesweep binary, its database and reports.
#include <inventory/csv_reader.hpp>
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/security/tls_support.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/fleet_scan.hpp>

#include <catch2/catch.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace std::chrono_literals;

namespace {

constexpr int healthy = 3, https_phones = 3, stalls = 2, broken = 2, redirects = 2;

std::string mix() {
  return "healthy=" + std::to_string(healthy) + ",https_phone=" + std::to_string(https_phones) +
         ",tls_stall=" + std::to_string(stalls) + ",tls_broken=" + std::to_string(broken) +
         ",redirect_away=" + std::to_string(redirects);
}

bool https_address(const std::string& address) { return address.rfind("https://", 0) == 0; }

// A GET with Basic credentials, as a scanner that followed the redirect would send it.
void get_with_credentials(const std::string& url) {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_USERPWD, "phonesweep-app:sim-secret-Pa55");
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char*, size_t s, size_t n, void*) { return s * n; });
  curl_easy_perform(c);
  curl_easy_cleanup(c);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  return out;
}

} // namespace

TEST_CASE("a sweep with HTTPS phones: each phone gets its truth, the report says which went over "
          "HTTPS, and credentials reach only the phones' screenshots",
          "[security][scan][tls]") {
  const std::string dir = harness::make_temp_dir("security-scan");
  const auto certificate = security_test::make_certificate(dir);
  harness::FleetOptions options;
  options.mix = mix();
  options.out_dir = dir + "/estate";
  options.latency = "0-5";
  options.lifetime_seconds = 300;
  options.extra_args = {"--tls-cert", certificate.cert, "--tls-key", certificate.key};
  auto fleet = harness::start_fleet(options);
  const auto truth = test_support::read_truth(fleet.truth());
  REQUIRE(truth.size() == static_cast<std::size_t>(healthy + https_phones + stalls + broken + redirects));

  const std::string db_path = dir + "/sweep.db";
  auto scan =
      test_support::fleet_scan(fleet, db_path, {"--quiet"}, {{"--cucm", fleet.auth_service()}, {"--timeout", "3"}});
  scan.env["PHONESWEEP_PASSWORD"] = options.password;
  scan.capture_stderr = true;
  const auto scanned = harness::run(scan, 2min);
  INFO(scanned.err);
  REQUIRE(scanned.status == 1); // completed, with the TLS and redirect phones failing

  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  std::set<std::string> seen;
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    const std::string address = r.target.address();
    seen.insert(address);
    const auto it = truth.find(address);
    REQUIRE(it != truth.end());
    INFO(address << " (" << it->second.scenario << "): " << r.outcome.detail);
    CHECK(std::string(diagnosis::to_string(r.outcome.cause)) == it->second.root_cause);
    CHECK(std::string(diagnosis::to_string(r.evidence.itl)) == it->second.itl_state);
    CHECK(std::string(diagnosis::to_string(r.evidence.cucm)) == it->second.cucm_auth);
    CHECK(r.evidence.https_used == https_address(address));
    CHECK(r.target.https == https_address(address));
  });
  CHECK(seen.size() == truth.size());

  { // the run says how many phones were asked over HTTPS and how many answered
    const auto summary = db->run(*run);
    REQUIRE(summary);
    CHECK(summary->https_phones == https_phones + stalls + broken);
    CHECK(summary->https_answered == https_phones);
  }

  { // the CSV keeps the contract columns first and in order, then an https column per phone
    const std::string csv_path = dir + "/report.csv", html_path = dir + "/report.html";
    harness::Launch report;
    report.argv = {
        harness::built_program("phonesweep"), "report", "--db", db_path, "--csv", csv_path, "--html", html_path};
    report.capture_stderr = true;
    const auto reported = harness::run(report, 1min);
    INFO(reported.err);
    REQUIRE(reported.status == 0);

    const auto lines = test_support::lines_of(csv_path);
    REQUIRE(!lines.empty());
    std::string header_line = lines[0];
    if (header_line.rfind("\xEF\xBB\xBF", 0) == 0) header_line.erase(0, 3);
    if (!header_line.empty() && header_line.back() == '\r') header_line.pop_back();
    const auto header = split(header_line);
    const std::vector<std::string> contract{"device_name", "address",   "model",       "site",      "root_cause",
                                            "detail",      "itl_state", "phone_error", "cucm_auth", "auth_url",
                                            "firmware",    "serial",    "checked_at"};
    REQUIRE(header.size() > contract.size());
    CHECK(std::vector<std::string>(header.begin(), header.begin() + contract.size()) == contract);
    CHECK(std::find(header.begin(), header.end(), "https") != header.end());

    // The report's rows read back through the inventory reader: its address column keeps the
    // scheme, and the https column agrees with it.
    std::ifstream in(csv_path);
    inventory::CsvReader reader(in, csv_path);
    std::size_t rows = 0, https_rows = 0;
    while (auto t = reader.next()) {
      ++rows;
      std::string https;
      for (const auto& [key, value] : t->extra)
        if (key == "https") https = value;
      CHECK(https == (t->https ? "yes" : "no"));
      if (t->https) ++https_rows;
    }
    CHECK(rows == truth.size());
    CHECK(https_rows == static_cast<std::size_t>(https_phones + stalls + broken));

    const std::string html = test_support::slurp(html_path);
    CHECK(html.find("Phones asked over HTTPS") != std::string::npos);
    CHECK(html.find(std::to_string(https_phones + stalls + broken) + " (" + std::to_string(https_phones) +
                    " answered)") != std::string::npos);
  }

  { // Basic credentials went only to the phones' screenshots: never to a page, never to the
    // address a screenshot redirected to (redirects are not followed)
    const std::string stats = test_support::http_get(fleet.cucm_url + "/stats");
    INFO(stats);
    CHECK(test_support::json_number(stats, "https_phone_requests") > 0);
    CHECK(test_support::json_number(stats, "foreign_requests") == 0);
    CHECK(test_support::json_number(stats, "foreign_authorization") == 0);
    CHECK(test_support::json_number(stats, "page_authorization") == 0);
    // healthy, https_phone and redirect_away phones are asked for their screenshot
    CHECK(test_support::json_number(stats, "screenshot_authorization") >= healthy + https_phones + redirects);

    // The trap sees what a scanner following the redirect would send.
    get_with_credentials("http://127.15.0.1:" + std::to_string(fleet.port) + "/CGI/Screenshot");
    const std::string after = test_support::http_get(fleet.cucm_url + "/stats");
    CHECK(test_support::json_number(after, "foreign_requests") == 1);
    CHECK(test_support::json_number(after, "foreign_authorization") == 1);
  }
}
