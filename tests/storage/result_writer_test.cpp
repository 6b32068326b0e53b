#include <storage/result_writer.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <thread>

using storage::Database;
using storage::ResultWriter;
using test_support::TempDir;

namespace {

struct Fixture {
  TempDir dir;
  std::string path = dir.file("sweep.db");
  Database db = std::move(Database::open(path).value());
  std::int64_t run = db.begin_run({"{}", "0.1.0", 0});

  std::int64_t stored() { return db.run(run).value().recorded; }
};

ResultWriter open_writer(const std::string& path, std::int64_t run, storage::WriterOptions options = {}) {
  auto writer = ResultWriter::open(path, run, options);
  if (!writer) FAIL(writer.error());
  return std::move(*writer);
}

template <class Predicate>
bool eventually(Predicate done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

} // namespace

TEST_CASE("the writer commits 20,000 records from two threads and close() returns", "[storage][writer]") {
  Fixture f;
  auto writer = open_writer(f.path, f.run);
  auto produce = [&](int from) {
    for (int i = from; i < from + 10'000; ++i)
      writer.push(test_support::sample_record(i, i % 3 ? diagnosis::RootCause::ok : diagnosis::RootCause::unreachable));
  };
  std::thread other(produce, 10'000);
  produce(0);
  other.join();
  const auto report = writer.close();
  REQUIRE(report);
  CHECK(report->written == 20'000);
  CHECK(report->batches >= 40);
  CHECK(report->duplicates.empty());
  CHECK(report->recovered_error.empty());
  CHECK(f.stored() == 20'000);
  CHECK(f.db.recorded_addresses(f.run).size() == 20'000);
  CHECK_FALSE(writer.close()); // only once
}

TEST_CASE("a few records are committed within the flush interval, before close", "[storage][writer]") {
  Fixture f;
  auto writer = open_writer(f.path, f.run, {500, std::chrono::milliseconds(50)});
  for (int i = 0; i < 3; ++i) writer.push(test_support::sample_record(i));
  CHECK(eventually([&] { return f.stored() == 3; }));
  CHECK(writer.close());
}

TEST_CASE("duplicates are reported, not stored twice", "[storage][writer]") {
  Fixture f;
  auto writer = open_writer(f.path, f.run);
  writer.push(test_support::sample_record(1));
  writer.push(test_support::sample_record(1));
  const auto report = writer.close();
  REQUIRE(report);
  CHECK(report->written == 1);
  CHECK(report->duplicates == std::vector<std::string>{"10.0.0.1"});
  CHECK(f.stored() == 1);
}

TEST_CASE("a commit that keeps failing is reported once by close, with the count", "[storage][writer]") {
  Fixture f;
  auto writer = open_writer(f.path, f.run + 1000, {2, std::chrono::milliseconds(20)}); // no such run
  for (int i = 0; i < 5; ++i) writer.push(test_support::sample_record(i));
  CHECK(eventually([&] { return writer.failing(); }));
  const auto report = writer.close();
  REQUIRE_FALSE(report);
  CHECK_THAT(report.error(), Catch::StartsWith("5 phone results were not recorded") && Catch::Contains(f.path) &&
                                 Catch::Contains("FOREIGN KEY"));
}

TEST_CASE("records survive a transient failure and are committed once it passes", "[storage][writer]") {
  Fixture f;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(f.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "CREATE TABLE blocker (x); INSERT INTO blocker VALUES (1);"
                         "CREATE TRIGGER block BEFORE INSERT ON results "
                         "WHEN EXISTS (SELECT 1 FROM blocker) BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto writer = open_writer(f.path, f.run, {4, std::chrono::milliseconds(20)});
  for (int i = 0; i < 10; ++i) writer.push(test_support::sample_record(i));
  REQUIRE(eventually([&] { return writer.failing(); }));
  CHECK(f.stored() == 0);
  for (int i = 10; i < 20; ++i) writer.push(test_support::sample_record(i)); // still accepted

  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(f.path.c_str(), &raw) == SQLITE_OK);
  // The writer keeps retrying its batch meanwhile: wait for its write lock as any other writer would.
  sqlite3_busy_timeout(raw, 10000);
  REQUIRE(sqlite3_exec(raw, "DELETE FROM blocker", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);

  CHECK(eventually([&] { return !writer.failing() && f.stored() == 20; }));
  const auto report = writer.close();
  REQUIRE(report);
  CHECK(report->written == 20);
  CHECK_THAT(report->recovered_error, Catch::Contains("disk says no"));
  CHECK(f.stored() == 20);
}

TEST_CASE("push after close is a programming error, the destructor closes", "[storage][writer]") {
  Fixture f;
  {
    auto writer = open_writer(f.path, f.run);
    writer.push(test_support::sample_record(1));
    REQUIRE(writer.close());
    CHECK_THROWS_AS(writer.push(test_support::sample_record(2)), std::logic_error);
  }
  {
    auto writer = open_writer(f.path, f.run);
    writer.push(test_support::sample_record(3));
    ResultWriter moved = std::move(writer);
    moved.push(test_support::sample_record(4));
  }
  CHECK(f.stored() == 3);
}

TEST_CASE("opening a writer on a bad path fails at once", "[storage][writer]") {
  TempDir dir;
  auto writer = ResultWriter::open(dir.file("no/such/dir/x.db"), 1);
  REQUIRE_FALSE(writer);
  CHECK_THAT(writer.error(), Catch::Contains("no/such/dir/x.db"));
}
