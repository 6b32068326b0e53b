// The manager's CSV and the per-cause summary (report/manager_csv.hpp), read back with the strict
// RFC 4180 reader of report_support.hpp.
#include <report/manager_csv.hpp>
#include <report/remedies.hpp>
#include <report/reports.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <sstream>

using diagnosis::RootCause;
using storage::PhoneRecord;
using test_support::TempDir;

namespace {

PhoneRecord phone(int i, RootCause cause, std::string site) {
  return test_support::sample_record(i, cause, std::move(site));
}

void set_started(const std::string& path, std::int64_t run, const std::string& when) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  const auto sql = fmt::format("UPDATE runs SET started_at = '{}' WHERE id = {}", when, run);
  CHECK(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
}

struct TwoSweeps {
  TempDir dir;
  std::string path = dir.file("r.db");
  storage::Database db = report_test::open_db(path);
  std::int64_t first = 0, second = 0;
  TwoSweeps() {
    first = report_test::add_run(
        db, {phone(1, RootCause::ok, "A"), phone(2, RootCause::timeout, "B"), phone(3, RootCause::itl_trust, "A")});
    second = report_test::add_run(db, {phone(1, RootCause::timeout, "B"), phone(2, RootCause::timeout, "A"),
                                       phone(3, RootCause::ok, "A"), phone(4, RootCause::itl_trust, "A"),
                                       phone(5, RootCause::ok, "A")});
    set_started(path, first, "2026-11-01T02:00:00Z");
    set_started(path, second, "2026-11-08T02:00:00Z");
  }
  report_test::Table read(bool causes, bool bom = false) {
    std::ostringstream out;
    report::Outputs outputs;
    (causes ? outputs.cause_csv : outputs.manager_csv) = &out;
    outputs.csv_options.excel_bom = bom;
    report::write_reports(db, second, outputs);
    std::string text = out.str();
    if (bom) {
      REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
      text.erase(0, 3);
    }
    auto table = report_test::parse_rfc4180(text);
    REQUIRE(table);
    return *table;
  }
};

std::string address(int i) { return test_support::sample_record(i).target.address(); }

} // namespace

TEST_CASE("the manager's CSV lists failing phones first by cause then site, then the fixed, then the rest",
          "[report][csv][manager]") {
  TwoSweeps sweeps;
  const auto table = sweeps.read(false);
  REQUIRE(table.size() == 6);
  const std::vector<std::string> header(report::manager_csv_columns().begin(), report::manager_csv_columns().end());
  CHECK(table[0] == header);
  // timeout before itl_trust (troubleshooting order); within timeout site A before B.
  CHECK(table[1][1] == address(2));
  CHECK(table[2][1] == address(1));
  CHECK(table[3][1] == address(4));
  CHECK(table[4][1] == address(3));
  CHECK(table[5][1] == address(5));
}

TEST_CASE("the manager's CSV says status against the previous full sweep, the problem and what to do in words, "
          "failing since and the run date",
          "[report][csv][manager]") {
  TwoSweeps sweeps;
  const auto table = sweeps.read(false);
  REQUIRE(table.size() == 6);
  // device_name, address, site, model, status, problem, what_to_do, failing_since, run_date, root_cause, detail
  CHECK(table[1][4] == "still failing");
  CHECK(table[1][5] == "Phone too slow to answer");
  CHECK(table[1][6] == report::guide(RootCause::timeout).action);
  CHECK(table[1][7] == "2026-11-01");
  CHECK(table[1][8] == "2026-11-08");
  CHECK(table[1][9] == "timeout");
  CHECK(table[2][4] == "new");
  CHECK(table[2][7] == "2026-11-08");
  CHECK(table[3][4] == "new"); // not in the previous sweep at all
  CHECK(table[4][4] == "fixed");
  CHECK(table[4][7].empty());
  CHECK(table[5][4] == "ok");
}

TEST_CASE("the per-cause summary CSV counts phones, new, still failing and fixed per cause", "[report][csv][manager]") {
  TwoSweeps sweeps;
  const auto table = sweeps.read(true);
  REQUIRE(table.size() == 3);
  CHECK(table[0] == std::vector<std::string>{"root_cause", "problem", "what_to_do", "phones", "share", "new",
                                             "still_failing", "fixed"});
  CHECK(table[1] == std::vector<std::string>{"timeout", "Phone too slow to answer",
                                             std::string(report::guide(RootCause::timeout).action), "2", "40.0 %", "1",
                                             "1", "0"});
  CHECK(table[2][0] == "itl_trust");
  CHECK(table[2][3] == "1");
  CHECK(table[2][5] == "1");
  CHECK(table[2][7] == "1"); // phone 3 had itl_trust before and is ok now
}

TEST_CASE("a UTF-8 byte order mark (report --excel) starts the manager's CSVs", "[report][csv][manager]") {
  TwoSweeps sweeps;
  CHECK(sweeps.read(false, true).size() == 6);
  CHECK(sweeps.read(true, true).size() == 3);
}

TEST_CASE("a cell of the manager's CSV that looks like a formula is neutralised", "[report][csv][manager]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  auto record = phone(1, RootCause::timeout, "=HYPERLINK(\"http://evil\")");
  record.target.device_name = "+SEP1";
  const auto run = report_test::add_run(db, {record});
  std::ostringstream out;
  report::Outputs outputs;
  outputs.manager_csv = &out;
  report::write_reports(db, run, outputs);
  const auto table = report_test::parse_rfc4180(out.str());
  REQUIRE(table);
  REQUIRE(table->size() == 2);
  CHECK((*table)[1][0] == "'+SEP1");
  CHECK((*table)[1][2] == "'=HYPERLINK(\"http://evil\")");
}
