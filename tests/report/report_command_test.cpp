// `phonesweep report` and `phonesweep runs` as a user runs them: the real binary on a database
// written through the storage API.
#include <sim/harness/child_process.hpp>
#include <sim/harness/servers.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>

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
    first = run({RootCause::ok, RootCause::ok, RootCause::itl_trust, RootCause::itl_trust, RootCause::ok, RootCause::ok});
    second = run({RootCause::ok, RootCause::ok, RootCause::ok, RootCause::itl_trust, RootCause::ok, RootCause::timeout});
    third = run({RootCause::auth_url_dns, RootCause::ok, RootCause::ok, RootCause::ok, RootCause::ok, RootCause::timeout});
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

TEST_CASE("report refuses an unknown run, an unknown comparison run, a missing database and nothing to write with exit 2") {
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
