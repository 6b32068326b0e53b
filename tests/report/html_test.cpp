#include <report/html.hpp>
#include <report/remedies.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using diagnosis::RootCause;
using storage::PhoneRecord;
using test_support::TempDir;

namespace {

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

// The part of the page from `start` up to the next `end` (exclusive); empty when absent.
std::string between(const std::string& page, std::string_view start, std::string_view end) {
  const auto from = page.find(start);
  if (from == std::string::npos) return {};
  const auto to = page.find(end, from + start.size());
  return page.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

std::string render(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against = std::nullopt,
                   report::HtmlOptions options = {}) {
  std::ostringstream out;
  report::write_html(out, db, run, against, options);
  REQUIRE(out.good());
  return out.str();
}

std::vector<PhoneRecord> phones(std::initializer_list<std::pair<int, RootCause>> list, std::string site = "HQ") {
  std::vector<PhoneRecord> records;
  for (const auto& [i, cause] : list) records.push_back(test_support::sample_record(i, cause, site));
  return records;
}

} // namespace

TEST_CASE("every value from the inventory, the phone and the CUCM is escaped", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1, RootCause::itl_trust, "<b>site</b>");
  record.target.description = "<script>alert(1)</script>";
  record.outcome.detail = "status page: <script>alert(2)</script> & \"quoted\" 'single'";
  record.target.device_name = "SEP<img src=x onerror=alert(3)>";
  record.evidence.device.firmware = "fw\"><svg onload=alert(4)>";
  record.evidence.device.model = "<i>8841</i>";
  const auto run = report_test::add_run(db, {record}, R"({"user":"<script>alert(5)</script>","concurrency":64})");
  const auto page = render(db, run);

  // The page's own two: the phone table's JSON data block and its script.
  CHECK(occurrences(page, "<script") == 2);
  CHECK(occurrences(page, "</script") == 2);
  CHECK_THAT(page, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(page, Catch::Contains("status page: &lt;script&gt;alert(2)&lt;/script&gt; &amp; "
                                   "&quot;quoted&quot; &#39;single&#39;"));
  CHECK_THAT(page, Catch::Contains("SEP&lt;img src=x onerror=alert(3)&gt;"));
  CHECK_THAT(page, Catch::Contains("fw&quot;&gt;&lt;svg onload=alert(4)&gt;"));
  CHECK_THAT(page, Catch::Contains("&lt;i&gt;8841&lt;/i&gt;"));
  CHECK_THAT(page, Catch::Contains("&lt;b&gt;site&lt;/b&gt;"));
  CHECK_THAT(page, Catch::Contains("&lt;script&gt;alert(5)&lt;/script&gt;"));
  for (const char* raw : {"<img", "<svg onload", "<i>8841", "<b>site"}) {
    CAPTURE(raw);
    CHECK_THAT(page, !Catch::Contains(raw));
  }
}

TEST_CASE("the page is self-contained and never shows a password", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  const auto run = report_test::add_run(
      db, phones({{1, RootCause::ok}}),
      R"({"user":"rcuser","password":"hunter2","Password_Env":"hunter3","api_key":"k1","cucm":"","concurrency":64})");
  const auto page = render(db, run);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_THAT(page, Catch::Contains("<meta charset=\"utf-8\">"));
  CHECK_THAT(page, Catch::Contains("<style>") && Catch::Contains("@media print"));
  for (const char* external : {"src=", "<link", "@import", "url(", "http://", "https://"}) {
    CAPTURE(external);
    CHECK_THAT(page, !Catch::Contains(external));
  }
  for (const char* secret : {"hunter2", "hunter3", "k1", "assword"}) {
    CAPTURE(secret);
    CHECK_THAT(page, !Catch::Contains(secret));
  }
  CHECK_THAT(page, Catch::Contains("<th>user</th><td>rcuser</td>"));
  CHECK_THAT(page, Catch::Contains("<th>concurrency</th><td>64</td>"));
  CHECK_THAT(page, !Catch::Contains("<th>cucm</th>")); // empty options are left out
  CHECK_THAT(page, Catch::Contains("Every phone recorded in this run works"));
}

TEST_CASE("sections per root cause, most phones first, with counts and remediation", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto records = phones({{1, RootCause::ok},
                         {2, RootCause::ok},
                         {3, RootCause::ok},
                         {4, RootCause::missing_roles},
                         {5, RootCause::itl_trust},
                         {6, RootCause::itl_trust}},
                        "Bern");
  for (auto& r : phones({{7, RootCause::itl_trust}, {8, RootCause::auth_url_dns}}, "Basel")) {
    r.target.model = "CP-7841";
    records.push_back(r);
  }
  const auto run = report_test::add_run(db, records);
  const auto page = render(db, run);

  CHECK_THAT(page, Catch::Contains("<strong class=\"ok\">3 ok</strong>") &&
                       Catch::Contains("<strong class=\"bad\">5 failing</strong> of 8 phones (37.5 % ok)"));
  // A chart bar per cause, linking to its section, with its one line of what to do (issue 15: an
  // HTML list instead of an SVG, whose labels shrank to 3 px on a phone).
  CHECK_THAT(page, Catch::Contains("<ol class=\"chart\"") &&
                       Catch::Contains("<a class=\"label\" href=\"#cause-itl_trust\">"));
  CHECK(occurrences(page, "<span class=\"bar\">") == 3); // failing causes only; ok is the headline's split bar
  CHECK_THAT(page,
             Catch::Contains("<span class=\"todo\">Add the user to the Standard CTI access control groups.</span>"));
  CHECK(page.find("id=\"causes\"") < page.find("<section id=\"cause-itl_trust\""));

  const auto itl = page.find("<section id=\"cause-itl_trust\"");
  const auto roles = page.find("<section id=\"cause-missing_roles\"");
  const auto dns = page.find("<section id=\"cause-auth_url_dns\"");
  REQUIRE(itl != std::string::npos);
  REQUIRE(roles != std::string::npos);
  REQUIRE(dns != std::string::npos);
  CHECK(itl < roles); // 3 phones before 1; ties in troubleshooting order
  CHECK(roles < dns);
  CHECK_THAT(page, !Catch::Contains("id=\"cause-ok\""));

  const auto itl_section = between(page, "<section id=\"cause-itl_trust\"", "</section>");
  CHECK_THAT(itl_section, Catch::Contains("itl_trust</span> — 3 phones"));
  CHECK_THAT(itl_section,
             Catch::Contains("Reset Security Settings") && Catch::Contains("<code>utils itl reset localkey</code>"));
  CHECK_THAT(itl_section, Catch::Contains("<summary>Affected phones (3)</summary>"));
  CHECK(occurrences(itl_section, "<tr><td>SEP") == 3);
  const auto roles_section = between(page, "<section id=\"cause-missing_roles\"", "</section>");
  CHECK_THAT(roles_section, Catch::Contains("Standard CTI Enabled") &&
                                Catch::Contains("Standard CTI Allow Control of Phones supporting "
                                                "Connected Xfer and conf") &&
                                Catch::Contains("Standard CTI Allow Control of Phones supporting "
                                                "Rollover Mode"));

  // Breakdowns: Bern 3 ok + 1 missing_roles + 2 itl_trust; Basel first (more failing? no: 2 < 3).
  const auto sites = between(page, "Root causes by site</h2>", "</details>");
  CHECK_THAT(sites, Catch::Contains("<tr><td>Bern</td><td class=\"n\">6</td><td class=\"n\">3</td>"
                                    "<td class=\"n\">3</td>"));
  CHECK_THAT(sites, Catch::Contains("<tr><td>Basel</td><td class=\"n\">2</td><td class=\"n\">0</td>"
                                    "<td class=\"n\">2</td>"));
  const auto models = between(page, "Root causes by model</h2>", "</details>");
  CHECK_THAT(models, Catch::Contains("<tr><td>CP-8841</td><td class=\"n\">6</td>") &&
                         Catch::Contains("<tr><td>CP-7841</td><td class=\"n\">2</td>"));
  CHECK_THAT(page, Catch::Contains("No earlier completed run to compare with"));
}

TEST_CASE("a long section is capped with a note", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  std::vector<PhoneRecord> records;
  for (int i = 0; i < 30; ++i) records.push_back(test_support::sample_record(i, RootCause::unreachable));
  const auto run = report_test::add_run(db, records);
  const auto page = render(db, run, std::nullopt, {10, 200});
  const auto section = between(page, "<section id=\"cause-unreachable\"", "</section>");
  CHECK(occurrences(section, "<tr><td>SEP") == 10);
  CHECK_THAT(section, Catch::Contains("Showing the first 10 of 30 phones"));
  CHECK_THAT(section, Catch::Contains("<summary>Affected phones (30)</summary>"));
}

TEST_CASE("the change since the previous completed run, by root cause", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  const auto first = report_test::add_run(db, phones({{1, RootCause::ok},
                                                      {2, RootCause::ok},
                                                      {3, RootCause::itl_trust},
                                                      {4, RootCause::itl_trust},
                                                      {5, RootCause::unreachable},
                                                      {6, RootCause::ok}}));
  const auto crashed = db.begin_run({"{}", "0.1.0", 0}); // not completed: skipped by default
  db.insert_batch(crashed, phones({{1, RootCause::bad_response}}));
  db.finish_run(crashed, storage::RunStatus::failed);
  const auto second = report_test::add_run(db, phones({
                                                   {1, RootCause::itl_trust},  // newly failing
                                                   {2, RootCause::ok},         // still ok
                                                   {3, RootCause::ok},         // fixed (was itl_trust)
                                                   {4, RootCause::itl_trust},  // still failing
                                                   {5, RootCause::timeout},    // still failing, cause changed
                                                   {7, RootCause::unreachable} // new phone; 6 is gone
                                               }));

  const auto page = render(db, second);
  const auto change = between(page, "<section id=\"change\">", "</section>");
  CHECK_THAT(change, Catch::Contains("Change since run " + std::to_string(first)));
  CHECK_THAT(change, Catch::Contains("1 newly failing</strong> · <strong class=\"ok\">1 fixed"
                                     "</strong> · 2 still failing"));
  // Root cause | Before | Now | Newly failing | Still failing | of which cause changed | Fixed
  CHECK_THAT(change, Catch::Contains("<tr class=\"cause-itl_trust\"><td>itl_trust</td>"
                                     "<td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">1</td>"
                                     "<td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">1</td>"));
  CHECK_THAT(change, Catch::Contains("<tr class=\"cause-timeout\"><td>timeout</td>"
                                     "<td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                                     "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td>"));
  CHECK_THAT(change, Catch::Contains("<tr class=\"cause-unreachable\"><td>unreachable</td>"
                                     "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                                     "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>"));
  CHECK_THAT(change, Catch::Contains("1 phone in this run only (not compared); 1 of run"));
  CHECK_THAT(change, Catch::Contains("<summary>Newly failing phones (1)</summary>"));
  CHECK_THAT(change, Catch::Contains("<td>10.0.0.1</td>"));

  SECTION("an explicit run to compare with") {
    const auto against_crashed = between(render(db, second, crashed), "<section id=\"change\">", "</section>");
    CHECK_THAT(against_crashed, Catch::Contains("Change since run " + std::to_string(crashed)));
    CHECK_THAT(against_crashed, Catch::Contains("0 newly failing</strong> · <strong class=\"ok\">0 fixed"
                                                "</strong> · 1 still failing"));
  }
  SECTION("a run to compare with that does not exist") {
    std::ostringstream out;
    CHECK_THROWS_AS(report::write_html(out, db, second, second + 10), storage::Error);
    CHECK_THROWS_AS(report::write_html(out, db, second + 10), storage::Error);
  }
}

TEST_CASE("every root cause has a guide, failing ones have remediation", "[report][html]") {
  for (int i = 0; i < diagnosis::root_cause_count; ++i) {
    const auto cause = static_cast<RootCause>(i);
    const auto& g = report::guide(cause);
    CAPTURE(diagnosis::to_string(cause));
    CHECK_FALSE(g.title.empty());
    CHECK_FALSE(g.meaning.empty());
    CHECK_FALSE(g.evidence.empty());
    CHECK(g.steps.empty() == (cause == RootCause::ok));
  }
}

TEST_CASE("a 50,000-phone run yields a page of a few MB", "[report][html][large]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  std::vector<PhoneRecord> records;
  records.reserve(50'000);
  for (int i = 0; i < 50'000; ++i)
    records.push_back(test_support::sample_record(i, static_cast<RootCause>(i % diagnosis::root_cause_count),
                                                  "site-" + std::to_string(i % 700)));
  const auto run = report_test::add_run(db, records);
  const auto page = render(db, run);
  CHECK(page.size() < 8'000'000);
  CHECK(occurrences(page, "<tr><td>SEP") <= 500 * (diagnosis::root_cause_count - 1));
  CHECK_THAT(page, Catch::Contains("500 more not shown"));
}

TEST_CASE("the phone table's JSON data block cannot be closed or escaped by a value", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1, RootCause::itl_trust, "</script><script>alert(1)</script>");
  record.target.description = "<!-- \"quoted\" \\back\\ & \u2028line\u2029para\ttab";
  record.outcome.detail = "</SCRIPT >";
  const auto run = report_test::add_run(db, {record});
  const auto page = render(db, run);
  const auto data = between(page, "<script type=\"application/json\" id=\"phone-data\">", "</script>");
  REQUIRE_FALSE(data.empty());
  CHECK_THAT(data, Catch::Contains(R"(\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e)"));
  CHECK_THAT(data, Catch::Contains(R"(\u003c!-- \"quoted\" \\back\\ \u0026 \u2028line\u2029para\u0009tab)"));
  CHECK_THAT(data, Catch::Contains(R"(\u003c/SCRIPT \u003e)"));
  for (const char* raw : {"<", ">", "&", "\u2028", "\t"}) {
    CAPTURE(raw);
    CHECK(data.find(raw, std::string_view("<script type=\"application/json\" id=\"phone-data\">").size()) ==
          std::string::npos);
  }
  CHECK(occurrences(page, "</script") == 2);
}

TEST_CASE("where failures cluster: a root cause mostly at one site is named with its share", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  std::vector<PhoneRecord> records;
  for (int i = 0; i < 12; ++i) records.push_back(test_support::sample_record(i, RootCause::auth_url_dns, "LON-2"));
  for (int i = 12; i < 20; ++i) records.push_back(test_support::sample_record(i, RootCause::itl_trust, "FRA-3"));
  for (int i = 20; i < 24; ++i) records.push_back(test_support::sample_record(i, RootCause::itl_trust, "ZRH-1"));
  for (int i = 24; i < 40; ++i) records.push_back(test_support::sample_record(i, RootCause::ok, "ZRH-1"));
  const auto run = report_test::add_run(db, records);
  const auto clusters = between(render(db, run), "<h2 id=\"clusters\">", "</ul>");
  CHECK_THAT(clusters, Catch::Contains("<strong>all 12 <a href=\"#cause-auth_url_dns\">auth_url_dns</a> "
                                       "phones</strong> are at site <strong>LON-2</strong>"));
  CHECK_THAT(clusters, Catch::Contains("<strong>8 of the 12 <a href=\"#cause-itl_trust\">itl_trust</a> "
                                       "phones (66.7 %)</strong> are at site <strong>FRA-3</strong>"));
  CHECK_THAT(clusters, !Catch::Contains("ZRH-1"));
}

TEST_CASE("the trend per root cause covers the last completed runs and this one", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  std::int64_t last = 0;
  for (int night = 0; night < 4; ++night) {
    std::vector<PhoneRecord> records;
    for (int i = 0; i < 10; ++i)
      records.push_back(test_support::sample_record(i, i < night + 1 ? RootCause::timeout : RootCause::ok));
    last = report_test::add_run(db, records);
  }
  report::HtmlOptions options;
  options.trend_runs = 3;
  const auto change = between(render(db, last, std::nullopt, options), "<section id=\"change\">", "</section>");
  const auto id = [](std::int64_t run) { return std::to_string(run); };
  CHECK_THAT(change, Catch::Contains("<th>Trend, runs " + id(last - 2) + "–" + id(last) + "</th>"));
  CHECK_THAT(change, Catch::Contains("<title>run " + id(last - 2) + ": 2, run " + id(last - 1) + ": 3, run " +
                                     id(last) + ": 4</title>"));
}

TEST_CASE("the phone table holds every phone as compact JSON rows, not as HTML rows", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  std::vector<PhoneRecord> records;
  for (int i = 0; i < 300; ++i)
    records.push_back(test_support::sample_record(i, i % 3 ? RootCause::ok : RootCause::unreachable,
                                                  "site-" + std::to_string(i % 4)));
  const auto run = report_test::add_run(db, records);
  const auto page = render(db, run);
  const auto data = between(page, "<script type=\"application/json\" id=\"phone-data\">", "</script>");
  CHECK(occurrences(data, "[\"SEP") == 300);
  CHECK_THAT(data, Catch::Contains("\"sites\":[\"site-0\",\"site-1\",\"site-2\",\"site-3\"]"));
  const auto table = between(page, "<table class=\"phones\" id=\"phone-table\">", "</table>");
  CHECK_THAT(table, Catch::Contains("<tbody></tbody>")); // drawn a page at a time by the script
  CHECK_THAT(page, Catch::Contains("<option value=\"failing\" selected>all failing</option>"));
}

TEST_CASE("control characters and NUL reach the page escaped, as visible text", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1, RootCause::itl_trust, std::string("site\0x", 6));
  record.target.description = "esc\x1b[31mred";
  record.outcome.detail = std::string("detail \x1b[2J nul\0 c1 \xC2\x9B"
                                      "end",
                                      25);
  const auto run = report_test::add_run(db, {record});
  const auto page = render(db, run);
  CHECK(page.find('\x1b') == std::string::npos);
  CHECK(page.find('\0') == std::string::npos);
  CHECK(page.find("\xC2\x9B") == std::string::npos);
  CHECK_THAT(page, Catch::Contains("detail \\x1b[2J nul\\x00 c1 \\u009bend"));
}
