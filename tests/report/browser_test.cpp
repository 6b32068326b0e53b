// The HTML report as a browser shows it: headless Chromium (Debian `chromium`) loads the page with
// a fresh profile, runs its script, and we read the DOM it ends with, its console and a screenshot.
// Skipped with a warning where Chromium is not installed.
//
// Set PHONESWEEP_SCREENSHOT_DIR to keep the screenshots (report-fleetsim.png, report-injected.png).
#include <inventory/csv_reader.hpp>
#include <report/html.hpp>
#include <sim/harness/child_process.hpp>
#include <sim/harness/servers.hpp>
#include <storage/cucm_view.hpp>
#include <tests/report/report_support.hpp>

#include <tests/support/estate_truth.hpp>
#include <tests/support/fleet_scan.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using diagnosis::RootCause;
using test_support::TempDir;

namespace {

using test_support::truth_counts;

constexpr const char* chromium = "/usr/bin/chromium";

struct Page {
  int status = -1;
  std::string dom;     // after the page's script ran
  std::string console; // every console line Chromium logged (errors, warnings, logs)
};

std::vector<std::string> chromium_args(const std::string& profile) {
  return {chromium,
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--user-data-dir=" + profile,
          "--no-first-run",
          "--disable-extensions",
          "--disable-background-networking",
          "--timeout=30000",
          "--enable-logging=stderr",
          "--v=0"};
}

Page load(const std::string& html, const TempDir& dir, const std::string& name) {
  harness::Launch launch;
  launch.argv = chromium_args(dir.file("profile-dom-" + name));
  launch.argv.push_back("--dump-dom");
  launch.argv.push_back("file://" + html);
  launch.capture_stderr = true;
  const auto r = harness::run(launch, 90s);
  Page page;
  page.status = r.status;
  page.dom = r.out;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);)
    if (line.find("CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos)
      page.console += line + "\n";
  return page;
}

// Takes a 1280×2000 screenshot; returns its bytes (empty on failure).
std::string screenshot(const std::string& html, const TempDir& dir, const std::string& name) {
  const auto png = dir.file(name + ".png");
  harness::Launch launch;
  launch.argv = chromium_args(dir.file("profile-shot-" + name));
  launch.argv.push_back("--hide-scrollbars");
  launch.argv.push_back("--window-size=1280,2000");
  launch.argv.push_back("--screenshot=" + png);
  launch.argv.push_back("file://" + html);
  launch.capture_stderr = true;
  const auto r = harness::run(launch, 90s);
  INFO(r.err);
  CHECK(r.status == 0);
  if (const char* keep = std::getenv("PHONESWEEP_SCREENSHOT_DIR"); keep && *keep) {
    std::error_code ignored;
    std::filesystem::copy_file(png, std::string(keep) + "/report-" + name + ".png",
                               std::filesystem::copy_options::overwrite_existing, ignored);
  }
  return report_test::read_file(png);
}

bool have_chromium() {
  if (access(chromium, X_OK) == 0) return true;
  WARN("skipped: " << chromium << " is not installed (Debian package `chromium`)");
  return false;
}

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

std::string between(const std::string& page, std::string_view start, std::string_view end) {
  const auto from = page.find(start);
  if (from == std::string::npos) return {};
  const auto to = page.find(end, from + start.size());
  return page.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

void check_png(const std::string& png) {
  CHECK(png.size() > 20'000); // a rendered page, not a blank one
  CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
}

// A TCP port free on loopback now: both sweeps serve their phones on it, so that the phones keep
// their addresses (address:port) from one run to the next, as real phones do.
int free_tcp_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

void sweep(const std::string& db, unsigned seed, int port, std::map<std::string, int>& truth) {
  harness::FleetOptions options;
  options.phones = 300;
  options.seed = seed;
  options.extra_args = {"--port", std::to_string(port)};
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  auto scan = test_support::fleet_scan(fleet, dns, db, {"--quiet"}, {{"--user", options.user}});
  scan.env["PHONESWEEP_PASSWORD"] = options.password;
  scan.capture_stderr = true;
  const auto r = harness::run(scan, 5min);
  INFO(r.err);
  REQUIRE(r.status == 1); // completed, with failures
  truth = truth_counts(fleet.truth());
  REQUIRE(truth.size() > 5);
}

} // namespace

TEST_CASE("the HTML report of two fleetsim sweeps loads in headless Chromium without console errors and shows the "
          "run's counts",
          "[report][browser]") {
  if (!have_chromium()) return;
  TempDir dir;
  const auto db = dir.file("sweeps.db");
  std::map<std::string, int> truth;
  const int port = free_tcp_port();
  sweep(db, 1, port, truth);
  sweep(db, 2, port, truth); // another seed: other phones fail, so the change section has something to say
  // The counts the report must show are the database's: how well the scan matched fleetsim's truth
  // is tests/integration's business (and timing-dependent phones may differ on a busy machine).
  truth.clear();
  {
    auto database = report_test::open_db(db);
    const auto summary = database.run(*database.latest_run_id());
    REQUIRE(summary);
    for (const auto& [cause, count] : summary->counts_by_cause)
      truth[std::string(diagnosis::to_string(cause))] = static_cast<int>(count);
  }
  int total = 0;
  for (const auto& [cause, count] : truth) total += count;
  const int ok = truth["ok"], failing = total - ok;
  REQUIRE(failing > 100); // more than one page of the phone table

  const auto html = dir.file("report.html");
  harness::Launch report;
  report.argv = {harness::built_program("phonesweep"), "report", "--db", db, "--html", html};
  report.capture_stderr = true;
  const auto r = harness::run(report, 2min);
  INFO(r.err);
  REQUIRE(r.status == 0);

  const auto page = load(html, dir, "fleetsim");
  REQUIRE(page.status == 0);
  CHECK(page.console.empty());
  INFO(page.console);
  CHECK_THAT(page.dom, Catch::Contains("<title>phonesweep report — run 2</title>"));
  CHECK_THAT(page.dom,
             Catch::Contains("<strong class=\"ok\">" + std::to_string(ok) +
                             " ok</strong> · "
                             "<strong class=\"bad\">" +
                             std::to_string(failing) + " failing</strong> of " + std::to_string(total) + " phones"));
  CHECK_THAT(page.dom, Catch::Contains("Change since run 1</h2>"));
  const auto change = between(page.dom, "<section id=\"change\">", "</section>");
  CHECK_THAT(change, !Catch::Contains("nothing to compare"));
  CHECK_THAT(change, !Catch::Contains("<strong class=\"bad\">0 newly failing</strong> · <strong class=\"ok\">0 fixed"));
  // Every failing cause of the ground truth has its section with the right count.
  for (const auto& [cause, count] : truth) {
    if (cause == "ok") continue;
    CAPTURE(cause);
    CHECK_THAT(between(page.dom, "<section id=\"cause-" + cause + "\"", "</h2>"),
               Catch::Contains(cause + "</span> — " + std::to_string(count) + (count == 1 ? " phone " : " phones ")));
  }
  // The script ran: the phone table drew its first page of failing phones.
  CHECK_THAT(page.dom, Catch::Contains("data-rendered=\"yes\""));
  CHECK_THAT(page.dom, Catch::Contains("Showing 1–100 of " + std::to_string(failing) + " matching phones (" +
                                       std::to_string(total) + " in the run)."));
  const auto body = between(page.dom, "<table class=\"phones\" id=\"phone-table\"", "</table>");
  CHECK(occurrences(body, "<tr>") == 1 + 100); // the header row and one page
  CHECK_THAT(page.dom, Catch::Contains("Page 1 of " + std::to_string((failing + 99) / 100)));

  check_png(screenshot(html, dir, "fleetsim"));
}

TEST_CASE("markup injected into a description, a device name and a status message detail is shown as text, never run",
          "[report][browser]") {
  if (!have_chromium()) return;
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1, RootCause::itl_trust, "<b>LON-2</b>");
  record.target.description = "<script>document.title='pwned by description'</script>";
  record.target.device_name = "SEP<img src=x onerror=\"document.title='pwned by name'\">";
  record.evidence.itl_detail = "<img src=x onerror=document.title='pwned by status'>";
  record.outcome.detail = "status page: <img src=x onerror=document.title='pwned by detail'>"
                          "</script><script>document.title='pwned by detail script'</script>";
  record.evidence.device.model = "<svg onload=\"document.title='pwned by model'\">";
  std::vector<storage::PhoneRecord> records{record};
  for (int i = 2; i < 6; ++i) records.push_back(test_support::sample_record(i, RootCause::ok));
  const auto run = report_test::add_run(db, records);
  const auto html = dir.file("report.html");
  {
    std::ofstream out(html, std::ios::binary);
    report::write_html(out, db, run);
  }

  const auto page = load(html, dir, "injected");
  REQUIRE(page.status == 0);
  INFO(page.console);
  CHECK(page.console.empty()); // no failed image load, no script error
  // The injected scripts would have changed the title.
  CHECK_THAT(page.dom, Catch::Contains("<title>phonesweep report — run " + std::to_string(run) + "</title>"));
  CHECK(occurrences(page.dom, "<img") == 0);
  CHECK(occurrences(page.dom, "<svg onload") == 0);
  CHECK(occurrences(page.dom, "<b>LON-2") == 0);
  // Shown as text: in the section's table (server-side escaped) and in the phone table the script
  // drew (textContent), so each value appears escaped at least twice.
  for (const std::string text :
       {"&lt;script&gt;document.title='pwned by description'&lt;/script&gt;",
        "SEP&lt;img src=x onerror=\"document.title='pwned by name'\"&gt;",
        "status page: &lt;img src=x onerror=document.title='pwned by detail'&gt;"
        "&lt;/script&gt;&lt;script&gt;document.title='pwned by detail script'&lt;/script&gt;",
        "&lt;svg onload=\"document.title='pwned by model'\"&gt;", "&lt;b&gt;LON-2&lt;/b&gt;"}) {
    CAPTURE(text);
    CHECK(occurrences(page.dom, text) >= 2);
  }
  const auto table = between(page.dom, "<table class=\"phones\" id=\"phone-table\"", "</table>");
  CHECK_THAT(table, Catch::Contains("<td>&lt;script&gt;document.title='pwned by description'&lt;/script&gt;</td>"));

  check_png(screenshot(html, dir, "injected"));
}

namespace {

// Measures the page as Chromium lays it out at `width`×`height` and returns the figures: where the
// cause chart starts, the widest the document gets with every <details> closed and then open (so
// that folded tables count), the chart labels' font size. Headless Chromium's window is at least
// 500 px wide, so the page is measured inside an iframe of that size (srcdoc: same origin, so the
// measuring page can read it once it has loaded).
std::map<std::string, double> measure(const std::string& html, const TempDir& dir, int width, int height) {
  std::string srcdoc;
  for (const char c : report_test::read_file(html)) {
    if (c == '&') srcdoc += "&amp;";
    else if (c == '"') srcdoc += "&quot;";
    else srcdoc += c;
  }
  const auto copy = dir.file("measured-" + std::to_string(width) + ".html");
  {
    std::ofstream out(copy, std::ios::binary);
    out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\n"
           "<script>function measured(frame) {\n"
           "  var w = frame.contentWindow, d = frame.contentDocument;\n"
           "  var top = d.getElementById('causes').getBoundingClientRect().top + w.scrollY;\n"
           "  var closedWidth = d.documentElement.scrollWidth;\n"
           "  d.querySelectorAll('details').forEach(function (x) { x.open = true; });\n"
           "  var label = d.querySelector('ol.chart .label');\n"
           "  var m = {top: top, inner: w.innerWidth, closed: closedWidth,\n"
           "           open: d.documentElement.scrollWidth, body: d.body.scrollWidth,\n"
           "           font: parseFloat(w.getComputedStyle(label).fontSize),\n"
           "           details: d.querySelectorAll('details').length};\n"
           "  var out = document.createElement('pre'); out.id = 'measured';\n"
           "  out.textContent = Object.keys(m).map(function (k) { return k + '=' + m[k]; }).join(';');\n"
           "  document.body.appendChild(out);\n"
           "}</script>\n"
        << fmt::format("<iframe style=\"border:0;width:{}px;height:{}px\" onload=\"measured(this)\" srcdoc=\"", width,
                       height)
        << srcdoc << "\"></iframe>\n</body></html>\n";
  }
  harness::Launch launch;
  launch.argv = chromium_args(dir.file("profile-measure-" + std::to_string(width)));
  launch.argv.push_back("--hide-scrollbars");
  launch.argv.push_back(fmt::format("--window-size={},{}", std::max(width, 500) + 20, height + 20));
  launch.argv.push_back("--dump-dom");
  launch.argv.push_back("file://" + copy);
  launch.capture_stderr = true;
  const auto r = harness::run(launch, 90s);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto text = between(r.out, "<pre id=\"measured\">", "</pre>");
  REQUIRE_FALSE(text.empty());
  std::map<std::string, double> figures;
  std::istringstream in(text.substr(std::string_view("<pre id=\"measured\">").size()));
  for (std::string item; std::getline(in, item, ';');)
    if (const auto eq = item.find('='); eq != std::string::npos)
      figures[item.substr(0, eq)] = std::stod(item.substr(eq + 1));
  return figures;
}

std::string figures_text(const std::map<std::string, double>& figures) {
  std::string text;
  for (const auto& [name, value] : figures) text += fmt::format("{}={} ", name, value);
  return text;
}

// 2,000 phones in eight causes, long names, and an AXL preflight whose user controls none of them:
// the run that used to put a 141-row list (and here a 500-row one) before the answer.
std::string axl_report(storage::Database& db, const TempDir& dir) {
  const RootCause causes[] = {
      RootCause::ok,           RootCause::ok,         RootCause::ok,          RootCause::not_associated,
      RootCause::itl_trust,    RootCause::timeout,    RootCause::unreachable, RootCause::auth_url_dns,
      RootCause::web_disabled, RootCause::unsupported};
  std::vector<storage::PhoneRecord> records;
  for (int i = 0; i < 2000; ++i) {
    auto record = test_support::sample_record(i, causes[i % 10], "SITE-" + std::to_string(i % 37) + "-BUILDING-NORTH");
    record.target.description =
        "Reception desk phone on the third floor next to the meeting rooms " + std::to_string(i);
    record.outcome.detail = "status page: ITL file verification failed; authentication URL "
                            "http://cucm-publisher.voice.example.internal:8080/ccmcip/authenticate.jsp";
    if (i == 4) record.target.description = "=HYPERLINK(\"http://evil\")"; // an itl_trust phone
    records.push_back(std::move(record));
  }
  const auto run = report_test::add_run(db, records);
  storage::CucmView view;
  view.axl.emplace();
  view.axl->url = "https://cucm-publisher.voice.example.internal:8443/axl/";
  view.axl->operation = "getAppUser";
  view.axl->user = "remote-control-application-user";
  view.axl->exists = true;
  view.axl->groups = {"Standard CCM End Users", "Standard CTI Allow Control of Phones supporting Rollover Mode"};
  db.set_run_cucm(run, storage::encode_cucm_view(view));
  const auto html = dir.file("axl.html");
  std::ofstream out(html, std::ios::binary);
  report::write_html(out, db, run);
  return html;
}

} // namespace

TEST_CASE("with the AXL lists present the cause chart starts on the first screen at 1400 px and nothing is wider "
          "than a 390 px phone screen",
          "[report][browser]") {
  if (!have_chromium()) return;
  TempDir dir;
  auto db = report_test::open_db(dir.file("axl.db"));
  const auto html = axl_report(db, dir);

  const auto desktop = measure(html, dir, 1400, 900);
  INFO(figures_text(desktop));
  CHECK(desktop.at("inner") == 1400);
  CHECK(desktop.at("top") > 0);
  CHECK(desktop.at("top") < 900 - 200); // the chart's heading and its first bars on the first screen
  CHECK(desktop.at("details") > 3);     // the folded lists are there

  const auto phone = measure(html, dir, 390, 844);
  INFO(figures_text(phone));
  CHECK(phone.at("inner") == 390);
  CHECK(phone.at("closed") <= 390);
  CHECK(phone.at("open") <= 390); // every folded table opened: each scrolls in its own box
  CHECK(phone.at("body") <= 390);
  CHECK(phone.at("font") >= 13); // chart labels legible
}

TEST_CASE("the phone table is a work list: filtered and sorted from the link, addresses open the phone, a cause's "
          "phones download as a formula-safe CSV",
          "[report][browser]") {
  if (!have_chromium()) return;
  TempDir dir;
  auto db = report_test::open_db(dir.file("axl.db"));
  const auto html = axl_report(db, dir);
  const auto itl = std::to_string(static_cast<int>(RootCause::itl_trust));
  const auto copy = dir.file("worklist.html");
  {
    std::ofstream out(copy, std::ios::binary);
    out << report_test::read_file(html)
        << "<script>(function () {\n"
           "  var parts = [];\n"
           "  window.Blob = function (p) { parts.push(p.join('')); };\n"
           "  URL.createObjectURL = function () { return 'about:blank'; };\n"
           "  HTMLAnchorElement.prototype.click = function () {};\n"
           "  document.querySelector('button[data-action=\"csv\"][data-cause=\"" +
               itl +
               "\"]').click();\n"
               "  var pre = document.createElement('pre'); pre.id = 'blob'; pre.textContent = parts.join('');\n"
               "  document.body.appendChild(pre);\n"
               "})();</script>\n";
  }
  harness::Launch launch;
  launch.argv = chromium_args(dir.file("profile-worklist"));
  launch.argv.push_back("--dump-dom");
  launch.argv.push_back("file://" + copy + "#phones?cause=" + itl + "&sort=-0");
  launch.capture_stderr = true;
  const auto r = harness::run(launch, 90s);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto& dom = r.out;
  // Filtered and sorted as the link says: the itl_trust phones (every tenth), device names descending.
  CHECK_THAT(dom, Catch::Contains("Showing 1–100 of 200 matching phones (2,000 in the run)."));
  const auto body = between(dom, "<table class=\"phones\" id=\"phone-table\"", "</table>");
  const auto first = between(body, "<tbody><tr>", "</tr>");
  CHECK_THAT(first, Catch::Contains("<td>SEP100000001994</td>"));
  CHECK_THAT(first, Catch::Contains("<a href=\"http://10.0.7.202/\" target=\"_blank\" rel=\"noopener noreferrer\">"
                                    "10.0.7.202</a>"));
  CHECK_THAT(body, Catch::Contains("<th aria-sort=\"descending\">Device</th>"));
  // The cause's CSV: a header and its 200 phones, the formula-like description behind a quote.
  const auto csv = between(dom, "<pre id=\"blob\">", "</pre>");
  CHECK(occurrences(csv, "\r\n") == 201);
  CHECK_THAT(csv, Catch::Contains("device_name,address,site,model,firmware,description,detail\r\n"));
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
  CHECK(occurrences(csv, "SEP1000000") == 200);
}
