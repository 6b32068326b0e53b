// The changes `phonesweep fix` made to a CUCM (storage/changes.hpp, schema v5): what a change
// began from, each write, what the accepted writes did, undos, and a change outliving its run.
#include <storage/changes.hpp>
#include <storage/database.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

using storage::Change;
using storage::ChangeLog;
using storage::ChangeStatus;
using storage::ChangeWrite;
using Names = std::vector<std::string>;

namespace {

storage::Database open_db(const std::string& path) {
  auto db = storage::Database::open(path);
  REQUIRE(db);
  return std::move(*db);
}

Change sample_change(std::optional<std::int64_t> run) {
  Change c;
  c.run = run;
  c.requested_by = "alice";
  c.axl_url = "https://cucm.example.net:8443";
  c.axl_user = "axl-admin";
  c.operation = "updateAppUser";
  c.userid = "phonesweep-app";
  c.previous = {{"SEP000000000001"}, {"Standard AXL API Access"}};
  c.add = {{"SEP000000000002", "SEP000000000003", "SEP00000000000\"4"}, {"Standard CTI Enabled"}};
  return c;
}

} // namespace

TEST_CASE("a change keeps the lists it began from, each write, and what the accepted writes added", "[storage][fix]") {
  test_support::TempDir dir;
  auto db = open_db(dir.file("s.db"));
  const auto run = db.begin_run({"{}", "0.1.0", 3});
  ChangeLog log(db);
  const auto id = log.begin(sample_change(run));
  log.record_write(id, {"", true, {{"SEP000000000002"}, {"Standard CTI Enabled"}}, {}, "{0AE1F3C2}"});
  log.record_write(id, {"", false, {{"SEP000000000003", "SEP00000000000\"4"}, {}}, {}, "soapenv:Client: no device"});
  log.finish(id, ChangeStatus::partial, "the second write was refused");

  const auto found = log.find(id);
  REQUIRE(found);
  CHECK(found->run == run);
  CHECK_FALSE(found->undoes);
  CHECK(found->status == ChangeStatus::partial);
  CHECK(found->detail == "the second write was refused");
  CHECK_FALSE(found->started_at.empty());
  CHECK_FALSE(found->finished_at.empty());
  CHECK(found->requested_by == "alice");
  CHECK(found->operation == "updateAppUser");
  CHECK(found->previous.devices == Names{"SEP000000000001"});
  CHECK(found->add.devices == Names{"SEP000000000002", "SEP000000000003", "SEP00000000000\"4"});
  CHECK(found->writes == 2);
  CHECK(found->added.devices == Names{"SEP000000000002"}); // only the accepted write counts
  CHECK(found->added.groups == Names{"Standard CTI Enabled"});
  CHECK(found->removed.empty());
  CHECK_FALSE(log.find(id + 1));
  CHECK_THROWS_AS(log.record_write(id + 1, {}), storage::Error);
  CHECK_THROWS_AS(log.finish(id + 1, ChangeStatus::applied, ""), storage::Error);
}

TEST_CASE("undone_by finds the undo that wrote, not one that was refused", "[storage][fix]") {
  test_support::TempDir dir;
  auto db = open_db(dir.file("s.db"));
  ChangeLog log(db);
  const auto applied = log.begin(sample_change(std::nullopt));
  log.record_write(applied, {"", true, {{"SEP000000000002"}, {}}, {}, "{1}"});
  log.finish(applied, ChangeStatus::applied, "");
  CHECK_FALSE(log.undone_by(applied));

  Change undo = sample_change(std::nullopt);
  undo.undoes = applied;
  undo.add = {};
  undo.remove = {{"SEP000000000002"}, {}};
  const auto refused = log.begin(undo);
  log.record_write(refused, {"", false, {}, {{"SEP000000000002"}, {}}, "HTTP 401"});
  log.finish(refused, ChangeStatus::failed, "HTTP 401");
  CHECK_FALSE(log.undone_by(applied));
  const auto accepted = log.begin(undo);
  log.record_write(accepted, {"", true, {}, {{"SEP000000000002"}, {}}, "{1}"});
  log.finish(accepted, ChangeStatus::applied, "");
  CHECK(log.undone_by(applied) == accepted);
  const auto all = log.all();
  REQUIRE(all.size() == 3);
  CHECK(all[2].undoes == applied);
  CHECK(all[2].removed.devices == Names{"SEP000000000002"});
}

TEST_CASE("a change outlives its run: pruning the run leaves the change, without the run", "[storage][fix]") {
  test_support::TempDir dir;
  auto db = open_db(dir.file("s.db"));
  const auto first = db.begin_run({"{}", "0.1.0", 1});
  db.begin_run({"{}", "0.1.0", 1});
  ChangeLog log(db);
  const auto id = log.begin(sample_change(first));
  REQUIRE(db.prune_runs(1) == 1);
  const auto kept = log.find(id);
  REQUIRE(kept);
  CHECK_FALSE(kept->run);
  CHECK(kept->add.groups == Names{"Standard CTI Enabled"});
}

TEST_CASE("a database of schema v4 gains the changes table and keeps its runs", "[storage][fix]") {
  test_support::TempDir dir;
  const auto path = dir.file("old.db");
  std::int64_t run = 0;
  {
    auto db = open_db(path);
    run = db.begin_run({"{}", "0.1.0", 1});
  }
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    // Back to v4: v6's runs columns (scope, recheck_of, merge_key) go too.
    REQUIRE(sqlite3_exec(raw,
                         "DROP INDEX runs_by_merge_key; ALTER TABLE runs DROP COLUMN scope; "
                         "ALTER TABLE runs DROP COLUMN recheck_of; ALTER TABLE runs DROP COLUMN merge_key; "
                         "DROP TABLE change_writes; DROP TABLE changes; PRAGMA user_version = 4",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = open_db(path);
  CHECK(db.run(run));
  ChangeLog log(db);
  CHECK(log.all().empty());
  CHECK(log.begin(sample_change(run)) == 1);
}
