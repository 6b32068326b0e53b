// `phonesweep discover` against the real fleetsim binary over HTTPS (a self-signed certificate
// made here with openssl): the discovered inventory reproduces the modelled estate, RisPort's
// per-window limit holds (fleetsim counts), TLS is verified by default, and the inventory feeds
// `scan` and `report` with no hand-written file.
#include <sim/fleetsim/soap_service.hpp>
#include <tests/cucm/soap_fleet.hpp>

#include <catch2/catch.hpp>
#include <curl/curl.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace std::chrono_literals;

using namespace soap_test;

TEST_CASE("discover over HTTPS reproduces a 5,000-phone estate exactly, in 5 RisPort requests", "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover");
  const Tls tls = make_certificate(dir);
  auto fleet = start(5000, tls, dir);
  const std::string out = dir + "/discovered.csv";
  const auto r = discover(fleet, out, {"--cacert", tls.cert});
  INFO(r.err);
  REQUIRE(r.status == 0);

  const auto estate = read_csv(dir + "/estate/inventory.csv");
  const auto truth = read_csv(dir + "/estate/truth.csv");
  const auto found = read_csv(out);
  REQUIRE(estate.size() == 5000);
  REQUIRE(found.size() == estate.size());

  std::map<std::string, std::string> scenario_of; // device name -> scenario
  for (const auto& t : truth) scenario_of[t.device_name] = extra(t, "scenario");
  std::map<std::string, std::string> hosts; // by_name phones' addresses
  std::istringstream hosts_file(slurp(dir + "/estate/hosts"));
  for (std::string ip, name; hosts_file >> ip >> name;) hosts[name] = ip;

  std::map<std::string, const inventory::Target*> by_name;
  for (const auto& t : found) by_name[t.device_name] = &t;
  REQUIRE(by_name.size() == found.size());
  std::size_t mismatches = 0, unregistered = 0, web_off = 0;
  for (const auto& e : estate) {
    const auto it = by_name.find(e.device_name);
    if (it == by_name.end()) {
      FAIL_CHECK("not discovered: " << e.device_name);
      continue;
    }
    const inventory::Target& d = *it->second;
    const std::string scenario = scenario_of.at(e.device_name);
    std::string expected_host = e.host;
    if (!e.host_is_ip_literal()) expected_host = hosts.count(e.host) ? hosts.at(e.host) : d.host;
    // Where the inventory leaves the model blank (the phone must name itself), AXL still knows it.
    const bool model_ok = e.model.empty() ? !d.model.empty() : d.model == fleetsim::axl_model_name(e.model);
    const bool ok = model_ok && d.site == e.site && d.description == e.description && d.host == expected_host &&
                    d.host.rfind("127.16.", 0) == 0 && d.port == fleet.port &&
                    extra(d, "registration") == (scenario == "unreachable" ? "unregistered" : "registered") &&
                    extra(d, "httpd") == (scenario == "silent" ? "no" : "yes") && !extra(d, "firmware").empty();
    if (!ok && ++mismatches <= 10)
      FAIL_CHECK(e.device_name << " (" << scenario << "): discovered " << d.address() << "," << d.model << "," << d.site
                               << "," << d.description << "," << extra(d, "registration") << "," << extra(d, "httpd")
                               << " vs " << e.address() << "," << e.model << "," << e.site << "," << e.description);
    unregistered += extra(d, "registration") == "unregistered";
    web_off += extra(d, "httpd") == "no";
  }
  CHECK(mismatches == 0);
  CHECK(unregistered > 0);
  CHECK(web_off > 0);

  const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
  INFO(stats);
  CHECK(json_number(stats, "risport_requests") == 5);
  CHECK(json_number(stats, "risport_max_items") == 1000);
  CHECK(json_number(stats, "risport_rate_faults") == 0);
  CHECK(json_number(stats, "axl_requests") == 6); // 5 full pages and an empty one
  CHECK(r.err.find("5000 phones written") != std::string::npos);
}

TEST_CASE("discover paces RisPort to its rate, and backs off and says so when the CUCM throttles", "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-rate");
  const Tls tls = make_certificate(dir);
  auto fleet = start(1000, tls, dir, {"--risport-limit", "2/2"});

  SECTION("a client keeping to the CUCM's rate is never throttled") {
    const auto start_time = std::chrono::steady_clock::now();
    const auto paced =
        discover(fleet, dir + "/paced.csv", {"--cacert", tls.cert, "--risport-batch", "200", "--risport-rate", "2/2"});
    INFO(paced.err);
    REQUIRE(paced.status == 0);
    CHECK(std::chrono::steady_clock::now() - start_time >= 4s); // 5 requests, 2 per 2 s
    CHECK(paced.err.find("waiting") != std::string::npos);
    const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
    INFO(stats);
    CHECK(json_number(stats, "risport_requests") == 5);
    CHECK(json_number(stats, "risport_rate_faults") == 0);
    CHECK(json_number(stats, "risport_max_in_window") <= 2);
    CHECK(read_csv(dir + "/paced.csv").size() == 1000);
  }
  SECTION("a client asking faster is throttled, backs off, says so, and still gets everything") {
    const auto fast = discover(fleet, dir + "/fast.csv",
                               {"--cacert", tls.cert, "--risport-batch", "200", "--risport-rate", "100/1", "--quiet"});
    INFO(fast.err);
    REQUIRE(fast.status == 0);
    CHECK(fast.err.find("backing off") != std::string::npos);
    CHECK(fast.err.find("Exceeded allowed rate for Reatime information") != std::string::npos);
    const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
    INFO(stats);
    CHECK(json_number(stats, "risport_rate_faults") > 0);
    CHECK(json_number(stats, "risport_requests") == 5 + json_number(stats, "risport_rate_faults"));
    CHECK(read_csv(dir + "/fast.csv").size() == 1000);
  }
}

TEST_CASE("discover verifies the CUCM certificate unless told otherwise, and never leaves half a file",
          "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-tls");
  const Tls tls = make_certificate(dir);
  auto fleet = start(30, tls, dir);
  const std::string out = dir + "/inventory.csv";

  const auto untrusted = discover(fleet, out, {});
  CHECK(untrusted.status == 3);
  CHECK(untrusted.err.find("certificate") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));

  const auto wrong_password = discover(fleet, out, {"--cacert", tls.cert}, "not-the-password");
  CHECK(wrong_password.status == 3);
  CHECK(wrong_password.err.find("HTTP 401") != std::string::npos);
  CHECK(wrong_password.err.find("not-the-password") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));

  const auto insecure = discover(fleet, out, {"--insecure"});
  INFO(insecure.err);
  CHECK(insecure.status == 0);
  CHECK(insecure.err.find("--insecure") != std::string::npos);
  CHECK(read_csv(out).size() == 30);
}

TEST_CASE("discover, then scan, then report: no hand-written inventory", "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-scan");
  const Tls tls = make_certificate(dir);
  auto fleet = start(300, tls, dir);
  const std::string inventory = dir + "/inventory.csv";
  const auto d = discover(fleet, inventory, {"--cacert", tls.cert});
  INFO(d.err);
  REQUIRE(d.status == 0);

  const auto s = run_scan(fleet, dir + "/s.db", {"--inventory", inventory}, {"--quiet"});
  INFO(s.out << s.err);
  CHECK(s.status == 1); // the default mix has failures
  CHECK(s.out.find("300 phones") != std::string::npos);

  harness::Launch report;
  report.argv = {harness::built_program("phonesweep"),
                 "report",
                 "--db",
                 dir + "/s.db",
                 "--csv",
                 dir + "/r.csv",
                 "--html",
                 dir + "/r.html"};
  const auto r = harness::run(report, 2min);
  REQUIRE(r.status == 0);
  const std::string csv = slurp(dir + "/r.csv");
  std::size_t lines = 0;
  for (const char c : csv) lines += c == '\n';
  CHECK(lines >= 301);
  const auto discovered = read_csv(inventory);
  CHECK(csv.find(discovered.front().device_name) != std::string::npos);

  // The CUCM's state in the inventory explains the phones that do not answer.
  std::map<std::string, std::size_t> scenarios;
  for (const auto& t : read_csv(dir + "/estate/truth.csv")) ++scenarios[extra(t, "scenario")];
  CHECK(rows_with(csv, "unregistered") == scenarios["unreachable"]);
  CHECK(rows_with(csv, "web_disabled") == scenarios["silent"]);
}

TEST_CASE("scan --axl lists uncontrolled phones before sweeping and proves missing_roles", "[cucm][preflight]") {
  const std::string dir = harness::make_temp_dir("discover-axl");
  const Tls tls = make_certificate(dir);
  auto fleet = start(200, tls, dir, {"--user-roles", "no-cti"});
  const auto s = run_scan(fleet, dir + "/s.db", {"--inventory", dir + "/estate/inventory.csv"},
                          {"--axl", fleet.soap_url, "--cacert", tls.cert});
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  CHECK(s.err.find("lacks the group 'Standard CTI Enabled'") != std::string::npos);
  std::size_t not_associated = 0;
  std::string first_uncontrolled;
  for (const auto& t : read_csv(dir + "/estate/truth.csv")) {
    const std::string scenario = extra(t, "scenario");
    if (scenario == "not_associated" || scenario == "not_associated_itl") {
      ++not_associated;
      if (first_uncontrolled.empty()) first_uncontrolled = t.device_name;
    }
  }
  REQUIRE(not_associated > 0);
  CHECK(s.err.find(std::to_string(not_associated) + " of 200 inventory phones are not controlled") !=
        std::string::npos);
  CHECK(s.err.find(first_uncontrolled) != std::string::npos);
  CHECK(s.out.find("missing_roles") != std::string::npos);
}

namespace {

harness::RunResult scan_discovering(const SoapFleet& fleet, const std::string& db, std::vector<std::string> extra) {
  extra.insert(extra.begin(), "--quiet");
  return run_scan(fleet, db, {"--cucm-discover", fleet.soap_url, "--phone-port", std::to_string(fleet.port)}, extra);
}

// What a crash mid-run leaves: some phones recorded, the run still `running`.
void forget_half_and_crash(const std::string& db) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  CHECK(sqlite3_exec(raw,
                     "DELETE FROM results WHERE rowid % 2 = 0; "
                     "UPDATE runs SET status = 'running', finished_at = NULL",
                     nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
}

} // namespace

TEST_CASE(
    "scan --cucm-discover sweeps the CUCM's phones with no inventory file, and the report shows the AXL preflight",
    "[cucm][discover][preflight]") {
  const std::string dir = harness::make_temp_dir("scan-discover");
  const Tls tls = make_certificate(dir);
  auto fleet = start(300, tls, dir);
  const std::string db = dir + "/s.db";

  const auto untrusted = scan_discovering(fleet, db, {});
  CHECK(untrusted.status == 3);
  CHECK(untrusted.err.find("certificate") != std::string::npos);

  const auto s = scan_discovering(fleet, db, {"--cacert", tls.cert, "--axl", fleet.soap_url});
  INFO(s.out << s.err);
  CHECK(s.status == 1); // the default mix has failures
  CHECK(s.out.find("300 phones") != std::string::npos);
  // --quiet: discovery's progress and count are left out (issue 16: one summary line and one per
  // real problem); the report's CUCM section has them.
  CHECK(s.err.find("discover: ") == std::string::npos);

  std::map<std::string, std::size_t> scenarios;
  std::vector<std::string> uncontrolled;
  for (const auto& t : read_csv(dir + "/estate/truth.csv")) {
    const std::string scenario = extra(t, "scenario");
    ++scenarios[scenario];
    if (scenario == "not_associated" || scenario == "not_associated_itl") uncontrolled.push_back(t.device_name);
  }
  REQUIRE_FALSE(uncontrolled.empty());
  const Report r = report_of(dir, db);
  // RisPort's registration and Httpd, stored with each phone, explain the phones that do not answer.
  CHECK(rows_with(r.csv, "unregistered") == scenarios["unreachable"]);
  CHECK(rows_with(r.csv, "web_disabled") == scenarios["silent"]);
  // The AXL preflight in the report, after the answer (issue 15: it used to come first).
  const auto section = r.html.find("<section id=\"cucm\">");
  REQUIRE(section != std::string::npos);
  CHECK(r.html.find("id=\"causes\"") < section);
  CHECK(r.html.find("getAppUser phonesweep-app at " + fleet.soap_url) != std::string::npos);
  CHECK(r.html.find(std::to_string(uncontrolled.size()) + " phones not controlled by phonesweep-app") !=
        std::string::npos);
  CHECK(r.html.find(uncontrolled.front(), section) < r.html.find("</section>", section));
  CHECK(r.html.find("Inventory from the CUCM") != std::string::npos);
  // Discovery and the AXL preflight went over one connection, in one CUCM session.
  const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
  INFO(stats);
  CHECK(json_number(stats, "soap_connections") == 1);
  CHECK(json_number(stats, "sessions_started") == 1);

  // A scan fed by the CUCM cannot also take an inventory.
  const auto both = scan_discovering(fleet, db, {"--cacert", tls.cert, "--inventory", dir + "/estate/inventory.csv"});
  CHECK(both.status == 2);
}

TEST_CASE("scan --cucm-discover --resume keeps the CUCM's view of phones recorded before a crash",
          "[cucm][discover][preflight]") {
  const std::string dir = harness::make_temp_dir("scan-discover-resume");
  const Tls tls = make_certificate(dir);
  auto fleet = start(200, tls, dir, {"--user-roles", "no-cti"});
  const std::string db = dir + "/s.db";
  const auto first = scan_discovering(fleet, db, {"--cacert", tls.cert, "--axl", fleet.soap_url});
  INFO(first.out << first.err);
  REQUIRE(first.status == 1);
  const Report before = report_of(dir, db);
  const std::size_t missing_roles = rows_with(before.csv, "missing_roles");
  const std::size_t unregistered = rows_with(before.csv, "unregistered");
  const std::size_t web_disabled = rows_with(before.csv, "web_disabled");
  CHECK(missing_roles > 0);
  CHECK(unregistered > 0);
  CHECK(web_disabled > 0);

  forget_half_and_crash(db);
  // Resumed without --axl: the AXL facts stored with the run still apply to every phone.
  const auto resumed = scan_discovering(fleet, db, {"--cacert", tls.cert, "--resume"});
  INFO(resumed.out << resumed.err);
  CHECK(resumed.status == 1);
  CHECK(resumed.out.find("run 1:") != std::string::npos);
  CHECK(resumed.out.find("200 phones") != std::string::npos);
  const Report after = report_of(dir, db);
  CHECK(rows_with(after.csv, "missing_roles") == missing_roles);
  CHECK(rows_with(after.csv, "unregistered") == unregistered);
  CHECK(rows_with(after.csv, "web_disabled") == web_disabled);
  CHECK(after.html.find("Standard CTI Enabled") != std::string::npos);
  CHECK(after.html.find("<section id=\"cucm\">") != std::string::npos);

  // Another CUCM's phones are not mixed into the run.
  forget_half_and_crash(db);
  harness::Launch other;
  other.argv = {harness::built_program("phonesweep"),
                "scan",
                "--cucm-discover",
                "https://127.0.0.1:1",
                "--db",
                db,
                "--user",
                "phonesweep-app",
                "--cacert",
                tls.cert,
                "--resume",
                "--quiet"};
  other.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  other.capture_stderr = true;
  const auto refused = harness::run(other, 2min);
  INFO(refused.err);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("started for other phones") != std::string::npos);
}
