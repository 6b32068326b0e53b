#include <storage/database.hpp>
#include <storage/result_columns.hpp>
#include <storage/schema.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <vector>

using diagnosis::RootCause;
using storage::Database;
using storage::PhoneRecord;
using storage::RunStatus;
using test_support::TempDir;

namespace {

Database open_or_fail(const std::string& path) {
  auto db = Database::open(path);
  if (!db) FAIL(db.error());
  return std::move(*db);
}

// Plain SQLite, to look at (or tamper with) the file behind storage's back.
struct RawDb {
  explicit RawDb(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~RawDb() { sqlite3_close(db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  int exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
  std::string text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return value;
  }
  std::vector<std::string> column(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> values;
    while (sqlite3_step(stmt) == SQLITE_ROW)
      values.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return values;
  }
  sqlite3* db = nullptr;
};

std::vector<PhoneRecord> load(Database& db, std::int64_t run) {
  std::vector<PhoneRecord> records;
  db.for_each_record(run, [&](const PhoneRecord& record) { records.push_back(record); });
  return records;
}

storage::RunStart start(std::int64_t phones = 0) { return {R"({"concurrency":64,"user":"rcuser"})", "0.1.0", phones}; }

} // namespace

TEST_CASE("open creates the schema in WAL mode and migrating again changes nothing", "[storage]") {
  TempDir dir;
  const auto path = dir.file("sweep.db");
  std::int64_t run = 0;
  {
    auto db = open_or_fail(path);
    run = db.begin_run(start(3));
    db.insert_batch(run, std::vector{test_support::sample_record(1)});
  }
  std::string schema_before;
  {
    RawDb raw(path);
    CHECK(raw.text("PRAGMA user_version") == std::to_string(storage::schema_version()));
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
    schema_before = raw.text("SELECT group_concat(sql, ';') FROM sqlite_schema");
  }
  for (int i = 0; i < 2; ++i) {
    auto db = open_or_fail(path);
    REQUIRE(db.run(run));
    CHECK(db.run(run)->recorded == 1);
  }
  RawDb raw(path);
  CHECK(raw.text("PRAGMA user_version") == std::to_string(storage::schema_version()));
  CHECK(raw.text("SELECT group_concat(sql, ';') FROM sqlite_schema") == schema_before);
}

TEST_CASE("a database from a newer phonesweep is refused, named and left untouched", "[storage]") {
  TempDir dir;
  const auto path = dir.file("future.db");
  {
    RawDb raw(path);
    REQUIRE(raw.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY); PRAGMA user_version = 99") == SQLITE_OK);
  }
  auto db = Database::open(path);
  REQUIRE_FALSE(db);
  CHECK_THAT(db.error(), Catch::Contains(path) && Catch::Contains("99") && Catch::Contains("newer"));
  RawDb raw(path);
  CHECK(raw.text("PRAGMA user_version") == "99");
  CHECK(raw.text("PRAGMA journal_mode") == "delete");
}

TEST_CASE("open errors name the file", "[storage]") {
  TempDir dir;
  SECTION("not a database") {
    const auto path = dir.file("notes.db");
    std::ofstream(path) << "this is not an SQLite database, just some text long enough to matter\n";
    auto db = Database::open(path);
    REQUIRE_FALSE(db);
    CHECK_THAT(db.error(), Catch::Contains(path) && Catch::Contains("not a database"));
  }
  SECTION("missing file when it must exist") {
    const auto path = dir.file("missing.db");
    auto db = Database::open(path, Database::Mode::existing);
    REQUIRE_FALSE(db);
    CHECK_THAT(db.error(), Catch::Contains(path));
    CHECK_FALSE(std::filesystem::exists(path));
  }
  SECTION("directory that does not exist") {
    const auto path = dir.file("no/such/dir/sweep.db");
    auto db = Database::open(path);
    REQUIRE_FALSE(db);
    CHECK_THAT(db.error(), Catch::Contains(path));
  }
}

TEST_CASE("the column table matches the results table of the schema", "[storage]") {
  TempDir dir;
  const auto path = dir.file("sweep.db");
  open_or_fail(path);
  RawDb raw(path);
  std::vector<std::string> expected{"run_id"};
  for (const auto& column : storage::detail::result_columns()) expected.emplace_back(column.name);
  CHECK(raw.column("SELECT name FROM pragma_table_info('results') ORDER BY cid") == expected);
}

TEST_CASE("a record round-trips every field", "[storage]") {
  // Guards the column list: when Evidence or Target grows, this size changes; store the new
  // field (schema migration + result_columns.cpp), extend require_same(), then update the size.
  CHECK(sizeof(diagnosis::Evidence) == 528);
  CHECK(sizeof(inventory::Target) == 200);

  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto run = db.begin_run(start(1));
  const auto original = test_support::awkward_record();
  const auto result = db.insert_batch(run, std::span(&original, 1));
  CHECK(result.inserted == 1);
  CHECK(result.duplicates.empty());

  const auto loaded = load(db, run);
  REQUIRE(loaded.size() == 1);
  auto expected = original;
  expected.target.extra[3].second = std::string("a\x01"
                                                "b",
                                                3); // control bytes survive JSON
  test_support::require_same(loaded[0], expected);
  CHECK(loaded[0].target.address() == "[2001:db8::17]:8443");
}

TEST_CASE("extra columns that are not UTF-8 are kept as U+FFFD, not lost", "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto run = db.begin_run(start());
  auto record = test_support::sample_record(1);
  record.target.extra = {{"ort", "Z\xFCrich"}}; // Latin-1 ü
  db.insert_batch(run, std::span(&record, 1));
  const auto loaded = load(db, run);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].target.extra == std::vector<std::pair<std::string, std::string>>{{"ort", "Z\xEF\xBF\xBDrich"}});
}

TEST_CASE("a phone is never recorded twice in a run", "[storage]") {
  TempDir dir;
  const auto path = dir.file("sweep.db");
  auto db = open_or_fail(path);
  const auto run = db.begin_run(start());
  auto first = test_support::sample_record(7);
  first.outcome.detail = "first";
  auto again = first;
  again.outcome = {RootCause::timeout, "second"};

  const auto batch = db.insert_batch(run, std::vector{first, again});
  CHECK(batch.inserted == 1);
  CHECK(batch.duplicates == std::vector<std::string>{first.target.address()});
  const auto later = db.insert_batch(run, std::vector{again});
  CHECK(later.inserted == 0);
  CHECK(later.duplicates.size() == 1);

  const auto loaded = load(db, run);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].outcome.detail == "first");

  // The same phone in another run is a different row.
  const auto next = db.begin_run(start());
  CHECK(db.insert_batch(next, std::vector{again}).inserted == 1);

  // The constraint lives in the schema, not only in our INSERT.
  RawDb raw(path);
  CHECK(raw.exec("INSERT INTO results SELECT * FROM results WHERE run_id = " + std::to_string(run)) ==
        SQLITE_CONSTRAINT);
}

TEST_CASE("runs() counts phones per root cause and update_outcomes moves them", "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  CHECK_FALSE(db.latest_run_id());
  CHECK(db.runs().empty());

  const auto first = db.begin_run(start(4));
  db.insert_batch(first, std::vector{test_support::sample_record(1, RootCause::ok),
                                     test_support::sample_record(2, RootCause::ok),
                                     test_support::sample_record(3, RootCause::itl_trust),
                                     test_support::sample_record(4, RootCause::unreachable)});
  db.finish_run(first, RunStatus::completed);
  const auto second = db.begin_run(start(1));
  db.insert_batch(second, std::vector{test_support::sample_record(1, RootCause::timeout)});

  CHECK(db.latest_run_id() == second);
  auto all = db.runs();
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == first);
  CHECK(all[0].status == RunStatus::completed);
  CHECK_FALSE(all[0].finished_at.empty());
  CHECK(all[0].phone_count == 4);
  CHECK(all[0].recorded == 4);
  CHECK(all[0].tool_version == "0.1.0");
  CHECK(all[0].options_json == start().options_json);
  CHECK(all[0].counts_by_cause ==
        std::map<RootCause, std::int64_t>{{RootCause::ok, 2}, {RootCause::unreachable, 1}, {RootCause::itl_trust, 1}});
  CHECK(all[1].status == RunStatus::running);
  CHECK(all[1].finished_at.empty());
  CHECK(all[1].counts_by_cause == std::map<RootCause, std::int64_t>{{RootCause::timeout, 1}});

  const std::vector<storage::OutcomeUpdate> updates{
      {test_support::sample_record(1).target.address(), {RootCause::not_associated, "re-diagnosed"}},
      {test_support::sample_record(2).target.address(), {RootCause::not_associated, "re-diagnosed"}},
      {"192.0.2.1", {RootCause::auth_failed, "not in the run"}}};
  CHECK(db.update_outcomes(first, updates) == 2);

  const auto after = db.run(first);
  REQUIRE(after);
  CHECK(after->counts_by_cause == std::map<RootCause, std::int64_t>{{RootCause::unreachable, 1},
                                                                    {RootCause::not_associated, 2},
                                                                    {RootCause::itl_trust, 1}});
  CHECK(after->recorded == 4);
  CHECK(db.run(second)->counts_by_cause.at(RootCause::timeout) == 1); // other run untouched
  for (const auto& record : load(db, first))
    if (record.outcome.cause == RootCause::not_associated) CHECK(record.outcome.detail == "re-diagnosed");
  CHECK_FALSE(db.run(second + 100));
}

TEST_CASE("records stream in troubleshooting order, then site, then address", "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto run = db.begin_run(start());
  db.insert_batch(run, std::vector{test_support::sample_record(5, RootCause::bad_response, "A"),
                                   test_support::sample_record(4, RootCause::ok, "B"),
                                   test_support::sample_record(3, RootCause::ok, "A"),
                                   test_support::sample_record(2, RootCause::dns_unresolved, "A"),
                                   test_support::sample_record(1, RootCause::ok, "A")});
  std::vector<std::string> order;
  db.for_each_record(run, [&](const PhoneRecord& r) { order.push_back(r.target.host); });
  CHECK(order == std::vector<std::string>{"10.0.0.1", "10.0.0.3", "10.0.0.4", "10.0.0.2", "10.0.0.5"});
  CHECK(db.recorded_addresses(run) ==
        std::set<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"});
  CHECK(db.recorded_addresses(run + 1).empty());
}

TEST_CASE("fatal misuse throws storage::Error naming the file", "[storage]") {
  TempDir dir;
  const auto path = dir.file("sweep.db");
  auto db = open_or_fail(path);
  CHECK_THROWS_WITH(db.finish_run(42, RunStatus::failed), Catch::Contains(path) && Catch::Contains("42"));
  CHECK_THROWS_AS(db.begin_run({"{not json", "0.1.0", 0}), storage::Error);
  CHECK_THROWS_WITH(db.insert_batch(42, std::vector{test_support::sample_record(1)}),
                    Catch::Contains(path) && Catch::Contains("FOREIGN KEY"));

  const auto run = db.begin_run(start());
  db.insert_batch(run, std::vector{test_support::sample_record(1)});
  {
    RawDb raw(path);
    REQUIRE(raw.exec("UPDATE results SET itl_state = 'bogus'") == SQLITE_OK);
  }
  CHECK_THROWS_WITH(db.for_each_record(run, [](const PhoneRecord&) {}),
                    Catch::Contains(path) && Catch::Contains("itl_state") && Catch::Contains("bogus"));
  // The failed read left no statement busy: writing still works.
  db.finish_run(run, RunStatus::failed);
  CHECK(db.run(run)->status == RunStatus::failed);
}

TEST_CASE("a moved Database keeps working", "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto run = db.begin_run(start());
  Database moved = std::move(db);
  moved.insert_batch(run, std::vector{test_support::sample_record(1)});
  CHECK(moved.run(run)->recorded == 1);
}

TEST_CASE("the previous completed run and the causes by address, for comparisons", "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto first = db.begin_run(start());
  db.insert_batch(first, std::vector{test_support::sample_record(1, RootCause::ok),
                                     test_support::sample_record(2, RootCause::itl_trust)});
  db.finish_run(first, RunStatus::completed);
  const auto crashed = db.begin_run(start());
  db.finish_run(crashed, RunStatus::failed);
  const auto third = db.begin_run(start());

  CHECK_FALSE(db.previous_completed_run_id(first));
  CHECK(db.previous_completed_run_id(crashed) == first);
  CHECK(db.previous_completed_run_id(third) == first); // the failed run is skipped
  CHECK(db.causes_by_address(first) ==
        std::unordered_map<std::string, RootCause>{{"10.0.0.1", RootCause::ok}, {"10.0.0.2", RootCause::itl_trust}});
  CHECK(db.causes_by_address(third).empty());
}

TEST_CASE("proven_devices: the devices whose screenshot or CUCM check worked, by their CUCM name, at most the limit",
          "[storage]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("sweep.db"));
  const auto run = db.begin_run({"{}", "test", 5});
  std::vector<storage::PhoneRecord> records;
  records.push_back(test_support::sample_record(1)); // image, inventory name
  auto refused = test_support::sample_record(2, diagnosis::RootCause::not_associated);
  refused.evidence.screenshot = diagnosis::ScreenshotAnswer::phone_error;
  refused.evidence.phone_error = 4;
  refused.evidence.cucm = diagnosis::CucmAuth::unauthorized;
  records.push_back(refused);
  auto itl =
      test_support::sample_record(3, diagnosis::RootCause::itl_trust); // Error 4, yet the CUCM authorised the user
  itl.evidence.screenshot = diagnosis::ScreenshotAnswer::phone_error;
  itl.evidence.phone_error = 4;
  itl.evidence.cucm = diagnosis::CucmAuth::authorized;
  itl.target.device_name.clear();
  itl.evidence.device.host_name = "SEPLEARNTFROMPAGE";
  records.push_back(itl);
  auto nameless = test_support::sample_record(4);
  nameless.target.device_name.clear();
  records.push_back(nameless);
  db.insert_batch(run, records);

  const auto proven = db.proven_devices(run, 10);
  CHECK(proven == std::vector<std::string>{"SEP100000000001", "SEPLEARNTFROMPAGE"});
  CHECK(db.proven_devices(run, 1).size() == 1);
}
