// `phonesweep report` and `phonesweep runs` as a user runs them: the real binary on a database
// written through the storage API.
#include <sim/harness/child_process.hpp>
#include <sim/harness/servers.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

using namespace std::chrono_literals;
using diagnosis::RootCause;
using test_support::TempDir;

namespace {

harness::RunResult phonesweep(std::vector<std::string> args) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep")};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.capture_stderr = true;
  return harness::run(launch, 2min);
}

// Three completed runs of the same six phones; the last two differ from their predecessors.
struct ThreeRuns {
  TempDir dir;
  std::string db = dir.file("sweeps.db");
  std::int64_t first = 0, second = 0, third = 0;
  ThreeRuns() {
    auto database = report_test::open_db(db);
    auto run = [&](std::initializer_list<RootCause> causes) {
      std::vector<storage::PhoneRecord> records;
      int i = 0;
      for (const auto cause : causes) {
        records.push_back(test_support::sample_record(i, cause, i % 2 ? "LON-2" : "ZRH-1"));
        ++i;
      }
      return report_test::add_run(database, records);
    };
    first =
        run({RootCause::ok, RootCause::ok, RootCause::itl_trust, RootCause::itl_trust, RootCause::ok, RootCause::ok});
    second =
        run({RootCause::ok, RootCause::ok, RootCause::ok, RootCause::itl_trust, RootCause::ok, RootCause::timeout});
    third =
        run({RootCause::auth_url_dns, RootCause::ok, RootCause::ok, RootCause::ok, RootCause::ok, RootCause::timeout});
  }
};

} // namespace

TEST_CASE("report writes HTML, CSV and the per-site CSV of the latest run, compared with the run before") {
  ThreeRuns runs;
  const auto html = runs.dir.file("r.html"), csv = runs.dir.file("r.csv"), sites = runs.dir.file("sites.csv");
  const auto r = phonesweep({"report", "--db", runs.db, "--html", html, "--csv", csv, "--site-csv", sites});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto page = report_test::read_file(html);
  CHECK_THAT(page, Catch::Contains("<title>phonesweep report — run " + std::to_string(runs.third) + "</title>"));
  CHECK_THAT(page, Catch::Contains("Change since run " + std::to_string(runs.second) + "</h2>"));
  const auto table = report_test::parse_rfc4180(report_test::read_file(csv));
  REQUIRE(table);
  CHECK(table->size() == 7);
  const auto site_table = report_test::parse_rfc4180(report_test::read_file(sites));
  REQUIRE(site_table);
  REQUIRE(site_table->size() == 3);
  CHECK((*site_table)[0][0] == "site");
  CHECK((*site_table)[0][1] == "phones");
  CHECK((*site_table)[1][0] == "LON-2");
  CHECK((*site_table)[1][1] == "3");
  for (const auto& file : {html, csv, sites}) CHECK_FALSE(std::ifstream(file + ".tmp").good());
}

TEST_CASE("report --against compares with the given run, --run reports an earlier one") {
  ThreeRuns runs;
  const auto html = runs.dir.file("r.html");
  auto r = phonesweep({"report", "--db", runs.db, "--html", html, "--against", std::to_string(runs.first)});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(report_test::read_file(html), Catch::Contains("Change since run " + std::to_string(runs.first) + "</h2>"));

  r = phonesweep({"report", "--db", runs.db, "--html", html, "--run", std::to_string(runs.second)});
  REQUIRE(r.status == 0);
  const auto page = report_test::read_file(html);
  CHECK_THAT(page, Catch::Contains("<title>phonesweep report — run " + std::to_string(runs.second) + "</title>"));
  CHECK_THAT(page, Catch::Contains("Change since run " + std::to_string(runs.first) + "</h2>"));
}

TEST_CASE(
    "report refuses an unknown run, an unknown comparison run, a missing database and nothing to write with exit 2") {
  ThreeRuns runs;
  const auto html = runs.dir.file("r.html");
  auto r = phonesweep({"report", "--db", runs.db, "--html", html, "--run", "99"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("no run 99"));
  r = phonesweep({"report", "--db", runs.db, "--html", html, "--against", "99"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("no run 99 to compare with"));
  r = phonesweep({"report", "--db", runs.dir.file("typo.db"), "--html", html});
  CHECK(r.status == 2);
  r = phonesweep({"report", "--db", runs.db});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("nothing to write"));
  CHECK_FALSE(std::ifstream(html).good());
}

TEST_CASE("runs lists every run with its counts per root cause") {
  ThreeRuns runs;
  const auto r = phonesweep({"runs", "--db", runs.db});
  INFO(r.err);
  REQUIRE(r.status == 0);
  INFO(r.out);
  for (const auto id : {runs.first, runs.second, runs.third})
    CHECK_THAT(r.out, Catch::Contains("run " + std::to_string(id) + " "));
  CHECK_THAT(r.out, Catch::Contains("completed"));
  CHECK_THAT(r.out, Catch::Contains("6 phones"));
  CHECK_THAT(r.out, Catch::Matches("(.|\n)*itl_trust +2\n(.|\n)*"));
  CHECK_THAT(r.out, Catch::Matches("(.|\n)*auth_url_dns +1\n(.|\n)*"));
}

namespace {

// A full sweep, a re-check of it, a shard, a merge, then a newer re-check of the merge.
struct ScopedRuns {
  TempDir dir;
  std::string db = dir.file("scoped.db");
  std::int64_t full = 0, recheck = 0, shard = 0, merge = 0, late_recheck = 0;
  ScopedRuns() {
    auto database = report_test::open_db(db);
    const auto as = [](storage::RunKind kind, std::optional<std::int64_t> of = std::nullopt) {
      storage::RunCoverage coverage;
      coverage.kind = kind;
      coverage.recheck_of = of;
      return coverage;
    };
    const auto phones = [](std::initializer_list<std::pair<int, RootCause>> list) {
      std::vector<storage::PhoneRecord> records;
      for (const auto& [i, cause] : list) records.push_back(test_support::sample_record(i, cause));
      return records;
    };
    full =
        report_test::add_run(database, phones({{1, RootCause::ok}, {2, RootCause::timeout}, {3, RootCause::timeout}}));
    recheck = report_test::add_run_as(database, phones({{2, RootCause::timeout}, {3, RootCause::timeout}}),
                                      as(storage::RunKind::recheck, full));
    shard = report_test::add_run_as(database, phones({{2, RootCause::ok}}), as(storage::RunKind::shard),
                                    R"({"user":"rcuser","shard":"2/3"})");
    merge = report_test::add_run_as(
        database, phones({{1, RootCause::ok}, {2, RootCause::itl_trust}, {3, RootCause::timeout}}),
        as(storage::RunKind::merge),
        R"({"user":"rcuser","shard":"","merged_from":[)"
        R"({"db":"a.db","run":1,"shard":"1/2","started_at":"2026-11-29T02:00:00Z","finished_at":"2026-11-29T02:10:30Z"},)"
        R"({"db":"b.db","run":3,"shard":"2/2","started_at":"2026-11-29T02:01:00Z","finished_at":"2026-11-29T02:12:04Z"}]})");
    late_recheck = report_test::add_run_as(database, phones({{2, RootCause::ok}, {3, RootCause::timeout}}),
                                           as(storage::RunKind::recheck, merge));
  }
};

} // namespace

TEST_CASE("runs names each run's scope: full sweep, re-check of a run, shard, merge of shards with their sweep time") {
  ScopedRuns runs;
  const auto r = phonesweep({"runs", "--db", runs.db});
  INFO(r.err);
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK_THAT(r.out, Catch::Contains(fmt::format("run {} ", runs.full)) && Catch::Contains("  full sweep  3 phones"));
  CHECK_THAT(r.out, Catch::Contains(fmt::format("re-check of run {}  2 phones", runs.full)));
  CHECK_THAT(r.out, Catch::Contains("shard 2/3  1 phones"));
  CHECK_THAT(r.out, Catch::Contains("merge of 1/2+2/2  3 phones  swept in 724 s"));
  CHECK_THAT(r.out, Catch::Contains(fmt::format("re-check of run {}  2 phones", runs.merge)));
}

TEST_CASE("report by default shows the newest full sweep or merge, with the newer re-check laid over it") {
  ScopedRuns runs;
  const auto html = runs.dir.file("r.html");
  const auto r = phonesweep({"report", "--db", runs.db, "--html", html});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto page = report_test::read_file(html);
  CHECK_THAT(page, Catch::Contains(fmt::format("<title>phonesweep report — run {}</title>", runs.merge)));
  CHECK_THAT(page, Catch::Contains(fmt::format("Change since run {}</h2>", runs.full)));
  CHECK_THAT(page,
             Catch::Contains(fmt::format("Re-check of 2 phones failing in this run (run {},", runs.late_recheck)));
  CHECK_THAT(page, Catch::Contains("<strong class=\"ok\">1 fixed</strong>, 1 still failing"));
}

TEST_CASE("report writes the manager's CSV and the per-cause CSV, each with a byte order mark under --excel") {
  ThreeRuns runs;
  const auto manager = runs.dir.file("manager.csv"), causes = runs.dir.file("causes.csv");
  const auto r = phonesweep({"report", "--db", runs.db, "--manager-csv", manager, "--cause-csv", causes, "--excel"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto text = report_test::read_file(manager);
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  const auto table = report_test::parse_rfc4180(text.substr(3));
  REQUIRE(table);
  REQUIRE(table->size() == 7);
  CHECK((*table)[1][9] == "timeout"); // failing first, in troubleshooting order
  CHECK((*table)[1][4] == "still failing");
  CHECK((*table)[2][9] == "auth_url_dns");
  CHECK((*table)[2][4] == "new");
  CHECK((*table)[3][4] == "fixed"); // itl_trust in run 2, ok now
  CHECK(report_test::read_file(causes).rfind("\xEF\xBB\xBFroot_cause,problem,what_to_do,", 0) == 0);
}

TEST_CASE("history prints one phone's cause, detail and evidence in every run, newest first, and as JSON") {
  ThreeRuns runs;
  const auto phone = test_support::sample_record(0).target;
  auto r = phonesweep({"history", phone.device_name, "--db", runs.db});
  INFO(r.err);
  REQUIRE(r.status == 0);
  INFO(r.out);
  const auto third = r.out.find(fmt::format("run {} ", runs.third));
  const auto first = r.out.find(fmt::format("run {} ", runs.first));
  REQUIRE(third != std::string::npos);
  REQUIRE(first != std::string::npos);
  CHECK(third < first);
  CHECK_THAT(r.out, Catch::Contains("auth_url_dns") && Catch::Contains("screenshot image"));
  r = phonesweep({"history", phone.address(), "--db", runs.db, "--json", "--last", "2"});
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind(fmt::format("[{{\"run\":{},", runs.third), 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("\"root_cause\":\"auth_url_dns\""));
  CHECK_THAT(r.out, !Catch::Contains(fmt::format("\"run\":{},", runs.first)));
  r = phonesweep({"history", "SEP000000000000", "--db", runs.db});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("no run holds"));
}

TEST_CASE("merge of the same shard databases twice names the run that holds them and adds none") {
  TempDir dir;
  std::vector<std::string> shards;
  for (int k = 1; k <= 2; ++k) {
    shards.push_back(dir.file("shard" + std::to_string(k) + ".db"));
    auto db = report_test::open_db(shards.back());
    storage::RunCoverage shard;
    shard.kind = storage::RunKind::shard;
    report_test::add_run_as(db, {test_support::sample_record(k)}, shard,
                            R"({"user":"rcuser","shard":")" + std::to_string(k) + R"(/2"})");
  }
  const auto out = dir.file("all.db");
  auto r = phonesweep({"merge", shards[0], shards[1], "-o", out, "--quiet"});
  INFO(r.err);
  CHECK(r.status == 0); // merged, every phone ok
  r = phonesweep({"merge", shards[1], shards[0], "-o", out});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("these shard runs were merged before: run 1 of " + out));
  r = phonesweep({"runs", "--db", out});
  CHECK_THAT(r.out, Catch::Contains("merge of 1/2+2/2") && !Catch::Contains("run 2 "));
}
