// The report and the scope of its run (issue 15): change and trend count whole-estate runs only, a
// newer re-check is laid over the full sweep, a re-check on its own says what it fixed, a merge
// gives its shards' sweep time.
#include <report/html.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <sstream>

using diagnosis::RootCause;
using storage::PhoneRecord;
using storage::RunKind;
using test_support::TempDir;

namespace {

std::string render(storage::Database& db, std::int64_t run) {
  std::ostringstream out;
  report::write_html(out, db, run);
  REQUIRE(out.good());
  return out.str();
}

std::vector<PhoneRecord> phones(std::initializer_list<std::pair<int, RootCause>> list) {
  std::vector<PhoneRecord> records;
  for (const auto& [i, cause] : list) records.push_back(test_support::sample_record(i, cause));
  return records;
}

storage::RunCoverage covering(RunKind kind, std::optional<std::int64_t> recheck_of = std::nullopt) {
  storage::RunCoverage coverage;
  coverage.kind = kind;
  coverage.recheck_of = recheck_of;
  return coverage;
}

} // namespace

TEST_CASE("the change section and the trend compare full sweeps and merges only, never a re-check or a shard",
          "[report][scope]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  const auto first = report_test::add_run(db, phones({{1, RootCause::timeout}, {2, RootCause::ok}}));
  report_test::add_run_as(db, phones({{1, RootCause::ok}}), covering(RunKind::recheck, first));
  report_test::add_run_as(db, phones({{2, RootCause::timeout}}), covering(RunKind::shard));
  const auto merge =
      report_test::add_run_as(db, phones({{1, RootCause::timeout}, {2, RootCause::timeout}}), covering(RunKind::merge));
  const auto last = report_test::add_run(db, phones({{1, RootCause::ok}, {2, RootCause::timeout}}));
  const auto page = render(db, last);
  CHECK_THAT(page, Catch::Contains("Change since run " + std::to_string(merge) + "</h2>"));
  CHECK_THAT(page, Catch::Contains(fmt::format("Trend, runs {}–{}", first, last)));
  // Runs 1, 4 and 5 in the trend: the re-check's and the shard's counts are not points on it.
  CHECK_THAT(page, Catch::Contains(fmt::format("run {}: 1, run {}: 2, run {}: 1", first, merge, last)));
}

TEST_CASE("a newer re-check is laid over the full sweep: how many of its failing phones it found fixed",
          "[report][scope]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  const auto full = report_test::add_run(
      db, phones({{1, RootCause::ok}, {2, RootCause::timeout}, {3, RootCause::timeout}, {4, RootCause::itl_trust}}));
  const auto recheck = report_test::add_run_as(
      db, phones({{2, RootCause::ok}, {3, RootCause::timeout}, {4, RootCause::ok}}), covering(RunKind::recheck, full));
  const auto page = render(db, full);
  CHECK_THAT(page, Catch::Contains(fmt::format("Re-check of 3 phones failing in this run (run {},", recheck)));
  CHECK_THAT(page, Catch::Contains("<strong class=\"ok\">2 fixed</strong>, 1 still failing"));
  CHECK_THAT(page, Catch::Contains(fmt::format("fixed in re-check run {} · ", recheck)));
  // The run's own counts stay its own.
  CHECK_THAT(page, Catch::Contains("<strong class=\"bad\">3 failing</strong> of 4 phones"));
}

TEST_CASE("a re-check reported on its own says how many phones it found fixed, not 0 % ok", "[report][scope]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  const auto full = report_test::add_run(db, phones({{1, RootCause::timeout}, {2, RootCause::timeout}}));
  const auto recheck = report_test::add_run_as(db, phones({{1, RootCause::timeout}, {2, RootCause::timeout}}),
                                               covering(RunKind::recheck, full));
  const auto page = render(db, recheck);
  CHECK_THAT(page, Catch::Contains(fmt::format("Re-check of 2 phones failing in run {}: <strong class=\"ok\">0 fixed"
                                               "</strong> · <strong class=\"bad\">2 still failing</strong>",
                                               full)));
  CHECK_THAT(page, !Catch::Contains("(0.0 % ok)"));
  CHECK_THAT(page, Catch::Contains(fmt::format("re-check of run {}", full)));
}

TEST_CASE("a merged run's header names its shards and the time their sweep took, not the merge's", "[report][scope]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  const auto merged = report_test::add_run_as(
      db, phones({{1, RootCause::ok}}), covering(RunKind::merge),
      R"({"user":"rcuser","shard":"","merged_from":[)"
      R"({"db":"a.db","run":1,"shard":"1/2","started_at":"2026-11-29T02:00:00Z","finished_at":"2026-11-29T02:10:30Z"},)"
      R"({"db":"b.db","run":3,"shard":"2/2","started_at":"2026-11-29T02:01:00Z","finished_at":"2026-11-29T02:12:04Z"}]})");
  const auto page = render(db, merged);
  CHECK_THAT(page, Catch::Contains("swept in 12 min 04 s"));
  CHECK_THAT(page, Catch::Contains("merge of 1/2+2/2"));
}

TEST_CASE("the page puts the answer first and its print stylesheet ends page one after the summary", "[report][html]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  const auto run = report_test::add_run(db, phones({{1, RootCause::ok}, {2, RootCause::timeout}}));
  const auto page = render(db, run);
  const auto at = [&](std::string_view what) {
    const auto found = page.find(what);
    CAPTURE(what);
    CHECK(found != std::string::npos);
    return found;
  };
  CHECK(at("id=\"headline\"") < at("<section id=\"causes\">"));
  CHECK(at("<section id=\"causes\">") < at("<section id=\"change\">"));
  CHECK(at("<section id=\"change\">") < at("<section id=\"cause-timeout\""));
  CHECK(at("<section id=\"cause-timeout\"") < at("id=\"clusters\""));
  CHECK(at("id=\"clusters\"") < at("<section id=\"phones\">"));
  CHECK(at("<section id=\"phones\">") < at("<section id=\"run\">"));
  const auto print = page.substr(at("@media print"));
  CHECK_THAT(print, Catch::Contains("#change { break-after: page; }"));
  CHECK_THAT(page, Catch::Contains("window.addEventListener('beforeprint'"));
}
