// End to end: the credential guard against fleetsim's CUCM, which counts failed logons as a
// CUCM does (a wrong password for the user, wherever it is checked) and locks the account at the
// 3rd. A wrong password must cost at most 2 failed logons with or without --cucm and --axl, the
// right one none, and every phone must still get the cause its own evidence and the fleet show.
#include <sim/harness/servers.hpp>
#include <storage/credentials_view.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/truth_check.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace std::chrono_literals;
using test_support::http_get;
using test_support::json_number;
using test_support::slurp;

namespace {

const std::string right_password = "sim-secret-Pa55";
const std::string wrong_password = "sim-secret-Pa55-typo";

struct Estate {
  harness::Fleet fleet;
  harness::Dns dns;
};

Estate start(int phones, const std::string& credentials = "good", std::vector<std::string> extra = {}) {
  harness::FleetOptions options;
  options.phones = phones;
  options.credentials = credentials;
  options.latency = "0-20";
  options.extra_args = std::move(extra);
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  return {std::move(fleet), std::move(dns)};
}

long failed_logons(const harness::Fleet& fleet) {
  return json_number(http_get(fleet.cucm_url + "/stats"), "failed_logons");
}

struct ScanRun {
  harness::RunResult result;
  std::string db;
};

// `phonesweep scan` with the CUCM's authentication service unless `cucm` is false; `extra` is
// appended. Authenticated requests run unpaced (fleetsim is no production CUCM), except for a
// --shard scan, which keeps the defaults its caps are derived from.
ScanRun scan(const Estate& e, const std::string& name, const std::string& password, bool cucm,
             std::vector<std::string> extra = {}, const std::string& inventory = {}) {
  ScanRun s;
  s.db = e.fleet.dir + "/" + name + ".db";
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"),
                 "scan",
                 "--inventory",
                 inventory.empty() ? e.fleet.inventory() : inventory,
                 "--db",
                 s.db,
                 "--user",
                 "phonesweep-app",
                 "--dns-server",
                 e.dns.server(),
                 "--timeout",
                 "2",
                 "--connect-timeout",
                 "1"};
  if (std::find(extra.begin(), extra.end(), "--concurrency") == extra.end())
    launch.argv.insert(launch.argv.end(), {"--concurrency", "300"});
  if (std::find(extra.begin(), extra.end(), "--shard") == extra.end())
    launch.argv.insert(launch.argv.end(), {"--auth-concurrency", "32", "--auth-rate", "0"});
  if (cucm) launch.argv.insert(launch.argv.end(), {"--cucm", e.fleet.cucm_url});
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = password;
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  s.result = harness::run(launch, 5min);
  return s;
}

std::string report_html(const std::string& db) {
  harness::Launch report;
  report.argv = {harness::built_program("phonesweep"), "report", "--db", db, "--html", db + ".html"};
  report.capture_stderr = true;
  const auto r = harness::run(report, 2min);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return slurp(db + ".html");
}

// The report's Run table, where the run's notes on its credentials are.
std::string run_table(const std::string& html) {
  const auto from = html.find("<table class=\"run\">");
  REQUIRE(from != std::string::npos);
  return html.substr(from, html.find("</table>", from) - from);
}

void for_each_phone(const std::string& db_path, const std::function<void(const storage::PhoneRecord&)>& visit) {
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  db->for_each_record(*run, visit);
}

storage::CredentialsView credentials_of(const std::string& db_path) {
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto view = storage::decode_credentials_view(db->run(*db->latest_run_id())->credentials_json);
  REQUIRE(view);
  return *view;
}

// Causes the CUCM's verdict (or AXL) decides; without --cucm the phone's own Error 4 is all there is.
bool needs_cucm(const std::string& cause) {
  return cause == "not_associated" || cause == "itl_trust" || cause == "auth_url_dns" || cause == "auth_failed";
}

// The truth a scan without --cucm must reach with the right password: the causes only the CUCM
// proves are auth_failed, except not_associated, which AXL's controlled devices prove.
void require_matches_truth_without_cucm(const harness::Fleet& fleet, const std::string& db, bool axl) {
  const auto truth = test_support::read_truth(fleet.truth());
  std::size_t phones = 0, wrong = 0;
  for_each_phone(db, [&](const storage::PhoneRecord& r) {
    ++phones;
    const auto& e = truth.at(r.target.address());
    std::string expected = test_support::expected_cause(e, r.target);
    if (needs_cucm(expected)) expected = axl && expected == "not_associated" ? "not_associated" : "auth_failed";
    const std::string cause(diagnosis::to_string(r.outcome.cause));
    const std::string cucm(diagnosis::to_string(r.evidence.cucm));
    if ((cause != expected || cucm != "not_checked") && ++wrong <= 10)
      FAIL_CHECK(r.target.address() << " (" << e.scenario << "): " << cause << "/" << cucm << ", expected " << expected
                                    << " — " << r.outcome.detail);
  });
  CHECK(wrong == 0);
  CHECK(phones == truth.size());
}

} // namespace

TEST_CASE("wrong password with --cucm: at most 2 failed logons, no phone is sent the credentials, every phone "
          "gets its truth, and the summary, the log and the report say why the sweep stopped") {
  auto e = start(300, "bad-password");
  const std::string canary = e.fleet.canary_device();
  const auto s = scan(e, "wrong", right_password, true, {"--canary-device", canary});
  INFO(s.result.out << s.result.err);
  CHECK(s.result.status == 1);
  const std::string stats = http_get(e.fleet.cucm_url + "/stats");
  CHECK(json_number(stats, "failed_logons") >= 1);
  CHECK(json_number(stats, "failed_logons") <= 2);
  CHECK(stats.find("\"account_locked\":false") != std::string::npos);
  CHECK(json_number(stats, "screenshot_authorization") == 0); // the canaries decided; no phone logged in
  test_support::require_matches_truth(e.fleet.truth(), s.db);

  const std::string said = "the credentials were refused by the CUCM for " + canary;
  for (const std::string& text : {s.result.err, s.result.out}) {
    CHECK(text.find(said) != std::string::npos);
    CHECK(text.find("to keep the account 'phonesweep-app' from locking") != std::string::npos);
    CHECK(text.find("Reset Hack Count") != std::string::npos);
    CHECK(text.find("--canary-device") != std::string::npos);
  }
  CHECK(s.result.err.find("phonesweep: error: " + said) != std::string::npos);
  const auto view = credentials_of(s.db);
  CHECK(view.verdict == "rejected");
  CHECK(view.failed_logons == static_cast<std::size_t>(json_number(stats, "failed_logons")));

  const std::string table = run_table(report_html(s.db));
  CHECK(table.find(said) != std::string::npos);
  CHECK(table.find("Reset Hack Count") != std::string::npos);
  CHECK(table.find("<th>Failed logons caused</th><td class=\"hot\">" + std::to_string(view.failed_logons)) !=
        std::string::npos);

  SECTION("the JSON log and summary say it too") {
    const long before = failed_logons(e.fleet);
    const auto j = scan(e, "wrong-json", right_password, true, {"--canary-device", canary, "--log-format", "json"});
    INFO(j.result.out << j.result.err);
    CHECK(j.result.status == 1);
    CHECK(failed_logons(e.fleet) - before <= 2);
    bool logged = false;
    std::istringstream err(j.result.err);
    for (std::string line; std::getline(err, line);)
      if (line.find("\"event\":\"credentials_refused\"") != std::string::npos) {
        logged = true;
        CHECK(line.find("\"level\":\"error\"") != std::string::npos);
        CHECK(line.find(said) != std::string::npos);
        CHECK(line.find("\"failed_logons\":") != std::string::npos);
      }
    CHECK(logged);
    CHECK(j.result.out.find("\"credentials_refused\":\"" + said) != std::string::npos);
  }
}

TEST_CASE("wrong password without --cucm: at most 2 failed logons, the phones not asked are auth_failed, and the "
          "run says from the start that credential, association and ITL failures cannot be told apart") {
  auto e = start(300, "bad-password");
  const auto s = scan(e, "wrong", right_password, false);
  INFO(s.result.out << s.result.err);
  CHECK(s.result.status == 1);
  const std::string stats = http_get(e.fleet.cucm_url + "/stats");
  CHECK(json_number(stats, "failed_logons") >= 1);
  CHECK(json_number(stats, "failed_logons") <= 2);
  const std::string start_line = "no --cucm: credential, association and ITL failures all look like Error 4 and "
                                 "cannot be told apart without the CUCM's verdict";
  CHECK(s.result.err.find(start_line) != std::string::npos);
  CHECK(s.result.err.find(start_line) <
        s.result.err.find("phonesweep: error: the credentials were refused by the phones"));

  const auto truth = test_support::read_truth(e.fleet.truth());
  std::size_t withheld = 0, asked = 0, auth_failed = 0, wrong = 0;
  for_each_phone(s.db, [&](const storage::PhoneRecord& r) {
    const auto& t = truth.at(r.target.address());
    const std::string cause(diagnosis::to_string(r.outcome.cause));
    if (cause == "auth_failed") ++auth_failed;
    if (t.root_cause != "bad_credentials") { // a fault before any screenshot: its own cause
      if (cause != t.root_cause && ++wrong <= 10)
        FAIL_CHECK(r.target.address() << ": " << cause << " — " << r.outcome.detail);
      return;
    }
    if (r.evidence.screenshot == diagnosis::ScreenshotAnswer::withheld_unproven) {
      ++withheld;
      if ((cause != "auth_failed" || r.outcome.detail.find("look the same") == std::string::npos) && ++wrong <= 10)
        FAIL_CHECK(r.target.address() << ": " << cause << " — " << r.outcome.detail);
    } else {
      ++asked; // a probe: its own answer decides
    }
  });
  CHECK(wrong == 0);
  CHECK(withheld > 200);
  CHECK(static_cast<long>(asked) == json_number(stats, "screenshot_authorization"));
  const std::string count = std::to_string(auth_failed) + " phones left auth_failed because without --cucm";
  CHECK(s.result.out.find(count) != std::string::npos);
  CHECK(run_table(report_html(s.db)).find("<th>CUCM cross-check</th><td class=\"hot\">not asked (no --cucm)") !=
        std::string::npos);
}

TEST_CASE("wrong password with --axl on the scan's own account: AXL's 401 is the first failed logon, and there "
          "are at most 2 in all, with and without --cucm") {
  auto e = start(200, "bad-password", {"--lockout-after", "0"});
  const std::string canary = e.fleet.canary_device();
  for (const bool cucm : {true, false}) {
    CAPTURE(cucm);
    const long before = failed_logons(e.fleet);
    const auto s = scan(e, cucm ? "axl-cucm" : "axl", right_password, cucm,
                        {"--axl", e.fleet.soap_url, "--canary-device", canary});
    INFO(s.result.out << s.result.err);
    CHECK(s.result.status == 1); // not 3: the sweep goes on, without AXL's facts
    CHECK(failed_logons(e.fleet) - before == 2);
    CHECK(s.result.err.find("AXL getAppUser refused the password of 'phonesweep-app' (HTTP 401)") != std::string::npos);
    CHECK(s.result.err.find("the credentials were refused by AXL (HTTP 401) and by ") != std::string::npos);
    if (cucm) test_support::require_matches_truth(e.fleet.truth(), s.db);
    std::size_t bad_credentials = 0;
    for_each_phone(s.db, [&](const storage::PhoneRecord& r) {
      if (r.evidence.screenshot == diagnosis::ScreenshotAnswer::withheld_rejected) {
        ++bad_credentials;
        CHECK(r.outcome.cause == diagnosis::RootCause::bad_credentials);
      }
    });
    CHECK(bad_credentials > 100); // AXL's own refusal proves the password wrong for the phones not asked
  }
}

TEST_CASE("wrong scan password, right AXL password: the device AXL lists among the user's controlled devices is "
          "the canary, and its one refusal is the verdict") {
  auto e = start(200, "bad-password", {"--lockout-after", "0"});
  // fleetsim's real password is the scanner's plus "-rotated" (bad-password mode).
  const auto s = [&] {
    ScanRun run;
    run.db = e.fleet.dir + "/axl-right.db";
    harness::Launch l;
    l.argv = {harness::built_program("phonesweep"),
              "scan",
              "--inventory",
              e.fleet.inventory(),
              "--db",
              run.db,
              "--user",
              "phonesweep-app",
              "--dns-server",
              e.dns.server(),
              "--timeout",
              "2",
              "--connect-timeout",
              "1",
              "--cucm",
              e.fleet.cucm_url,
              "--axl",
              e.fleet.soap_url,
              "--axl-password-env",
              "AXL_PASSWORD"};
    l.env["PHONESWEEP_PASSWORD"] = right_password;
    l.env["AXL_PASSWORD"] = right_password + "-rotated";
    l.env["PHONESWEEP_CONFIG"] = "";
    l.capture_stderr = true;
    run.result = harness::run(l, 5min);
    return run;
  }();
  INFO(s.result.out << s.result.err);
  CHECK(s.result.status == 1);
  CHECK(failed_logons(e.fleet) == 1);
  CHECK(s.result.err.find("(a device AXL lists among the user's controlled devices)") != std::string::npos);
  test_support::require_matches_truth(e.fleet.truth(), s.db);
}

TEST_CASE("right password: no failed logon with or without --cucm and --axl, and every phone gets its truth") {
  auto e = start(300);
  const std::string canary = e.fleet.canary_device();
  for (const bool cucm : {true, false})
    for (const bool axl : {true, false}) {
      CAPTURE(cucm, axl);
      std::vector<std::string> extra{"--canary-device", canary};
      if (axl) extra.insert(extra.end(), {"--axl", e.fleet.soap_url});
      const auto s = scan(e, std::string(cucm ? "cucm" : "no-cucm") + (axl ? "-axl" : ""), right_password, cucm, extra);
      INFO(s.result.out << s.result.err);
      CHECK(s.result.status == 1); // the default mix has failures
      CHECK(failed_logons(e.fleet) == 0);
      if (cucm) test_support::require_matches_truth(e.fleet.truth(), s.db);
      else require_matches_truth_without_cucm(e.fleet, s.db, axl);
      CHECK(credentials_of(s.db).verdict == "accepted");
      CHECK(credentials_of(s.db).failed_logons == 0);
      CHECK((s.result.err.find("phonesweep: info: no --cucm:") != std::string::npos) == !cucm);
    }
  CHECK(http_get(e.fleet.cucm_url + "/stats").find("\"account_locked\":false") != std::string::npos);
}

TEST_CASE("right password, devices outside the user's controlled devices first: --canary-device or --axl keeps "
          "the guard from tripping, without either it stops after two refusals and says how to run again") {
  auto e = start(150);
  // The inventory with the phones the user does not control first, and few phones at a time, so
  // that they are the first to reach their screenshots.
  const auto truth = test_support::read_truth(e.fleet.truth());
  std::vector<std::string> rows = test_support::lines_of(e.fleet.inventory());
  REQUIRE(rows.size() > 1);
  std::vector<std::string> first, rest;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string address = rows[i].substr(0, rows[i].find(','));
    const auto& scenario = truth.at(address).scenario;
    (scenario == "not_associated" || scenario == "not_associated_itl" ? first : rest).push_back(rows[i]);
  }
  REQUIRE(first.size() >= 4);
  const std::string inventory = e.fleet.dir + "/strangers-first.csv";
  {
    std::ofstream out(inventory);
    out << rows[0] << '\n';
    for (const auto* part : {&first, &rest})
      for (const auto& row : *part) out << row << '\n';
  }
  const std::vector<std::string> slow{"--concurrency", "4"};

  SECTION("--canary-device") {
    auto extra = slow;
    extra.insert(extra.end(), {"--canary-device", e.fleet.canary_device()});
    const auto s = scan(e, "canary", right_password, true, extra, inventory);
    INFO(s.result.err);
    CHECK(s.result.status == 1);
    CHECK(credentials_of(s.db).accepted_by == "the CUCM for " + e.fleet.canary_device());
    test_support::require_matches_truth(e.fleet.truth(), s.db);
  }
  SECTION("--axl") {
    auto extra = slow;
    extra.insert(extra.end(), {"--axl", e.fleet.soap_url});
    const auto s = scan(e, "axl", right_password, true, extra, inventory);
    INFO(s.result.err);
    CHECK(s.result.status == 1);
    CHECK(credentials_of(s.db).accepted_by == "AXL");
    test_support::require_matches_truth(e.fleet.truth(), s.db);
  }
  SECTION("neither: two refusals read as a wrong password, which costs no failed logon and is said") {
    const auto s = scan(e, "neither", right_password, true, slow, inventory);
    INFO(s.result.err);
    CHECK(s.result.status == 1);
    CHECK(credentials_of(s.db).verdict == "rejected");
    CHECK(s.result.err.find("run again with --canary-device SEP… naming a device the user controls") !=
          std::string::npos);
  }
  CHECK(failed_logons(e.fleet) == 0);
}

TEST_CASE(
    "scan --shard K/N: the default caps of authenticated requests are shared by the N scanners, the start line and "
    "the merged run's report give the whole estate's total") {
  auto e = start(60);
  const std::string canary = e.fleet.canary_device();
  std::vector<std::string> dbs;
  for (const std::string k : {"1", "2"}) {
    const auto s = scan(e, "shard" + k, right_password, true, {"--shard", k + "/2", "--canary-device", canary});
    INFO(s.result.err);
    REQUIRE(s.result.status == 1);
    CHECK(s.result.err.find("then at most 4 in flight, 10/s in shard " + k +
                            "/2; all 2 shards together: 8 in flight, 20/s") != std::string::npos);
    dbs.push_back(s.db);
  }
  const std::string merged = e.fleet.dir + "/merged.db";
  harness::Launch merge;
  merge.argv = {harness::built_program("phonesweep"), "merge", dbs[0], dbs[1], "-o", merged, "--quiet"};
  const auto m = harness::run(merge, 2min);
  REQUIRE(m.status == 1);
  CHECK(run_table(report_html(merged))
            .find("<th>Authenticated requests</th><td>at most 4 in flight, 10/s per shard; "
                  "all 2 shards together: 8 in flight, 20/s") != std::string::npos);

  SECTION("values given are per shard") {
    const auto s = scan(e, "given", right_password, true,
                        {"--shard", "1/2", "--canary-device", canary, "--auth-concurrency", "3", "--auth-rate", "7"});
    INFO(s.result.err);
    CHECK(s.result.err.find("then at most 3 in flight, 7/s in shard 1/2; all 2 shards together: 6 in flight, 14/s") !=
          std::string::npos);
  }
}
