// What a run covers (schema v6, storage::RunKind): recorded by begin_run, derived for runs of an
// older database from their options, and what the defaults of `report` (the newest whole-estate
// run, a newer re-check) and a second merge of the same shards rest on.
#include <storage/database.hpp>
#include <storage/merge.hpp>
#include <storage/run_options.hpp>
#include <storage/schema.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

using diagnosis::RootCause;
using storage::Database;
using storage::RunKind;
using storage::RunStatus;
using test_support::TempDir;

namespace {

Database open_or_fail(const std::string& path) {
  auto db = Database::open(path);
  if (!db) FAIL(db.error());
  return std::move(*db);
}

std::int64_t completed_run(Database& db, RunKind kind, const std::vector<storage::PhoneRecord>& records = {},
                           std::optional<std::int64_t> recheck_of = std::nullopt) {
  storage::RunCoverage coverage;
  coverage.kind = kind;
  coverage.recheck_of = recheck_of;
  const auto run = db.begin_run({"{}", "test", 1}, coverage);
  db.insert_batch(run, records);
  db.finish_run(run, RunStatus::completed);
  return run;
}

std::string shard_db(const TempDir& dir, int k, int n) {
  const std::string path = dir.file("shard" + std::to_string(k) + ".db");
  auto db = open_or_fail(path);
  storage::RunCoverage shard;
  shard.kind = RunKind::shard;
  const auto run = db.begin_run(
      {R"({"user":"remote-app","shard":")" + std::to_string(k) + "/" + std::to_string(n) + R"("})", "test", 1}, shard);
  db.insert_batch(run, std::vector{test_support::sample_record(k, k == 1 ? RootCause::ok : RootCause::timeout)});
  db.finish_run(run, RunStatus::completed);
  return path;
}

} // namespace

TEST_CASE("a run records its scope: full sweep, re-check of a run, shard, merge", "[storage][scope]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("runs.db"));
  const auto full = completed_run(db, RunKind::full);
  const auto recheck = completed_run(db, RunKind::recheck, {}, full);
  const auto shard = completed_run(db, RunKind::shard);
  const auto merge = completed_run(db, RunKind::merge);
  const auto runs = db.runs();
  REQUIRE(runs.size() == 4);
  CHECK(runs[0].kind == RunKind::full);
  CHECK_FALSE(runs[0].recheck_of);
  CHECK(runs[1].kind == RunKind::recheck);
  CHECK(runs[1].recheck_of == full);
  CHECK(runs[2].kind == RunKind::shard);
  CHECK(runs[3].kind == RunKind::merge);
  CHECK(db.run(recheck)->recheck_of == full);
  CHECK(db.run(shard)->kind == RunKind::shard);
  CHECK(db.run(merge)->kind == RunKind::merge);
}

TEST_CASE("the newest whole-estate run skips re-checks, shards and runs that did not complete", "[storage][scope]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("runs.db"));
  CHECK_FALSE(db.latest_whole_run_id());
  const auto first = completed_run(db, RunKind::full);
  const auto merge = completed_run(db, RunKind::merge);
  const auto recheck = completed_run(db, RunKind::recheck, {}, merge);
  completed_run(db, RunKind::shard);
  db.begin_run({"{}", "test", 1}); // a full sweep still running
  CHECK(db.latest_whole_run_id() == merge);
  CHECK(db.previous_whole_run_id(merge) == first);
  CHECK(db.previous_whole_run_id(recheck) == merge);
  CHECK_FALSE(db.previous_whole_run_id(first));
  CHECK(db.latest_recheck_after(merge) == recheck);
  CHECK(db.latest_recheck_after(first) == recheck);
  CHECK_FALSE(db.latest_recheck_after(recheck));
}

TEST_CASE("runs recorded before schema v6 get their scope from the options they recorded", "[storage][scope]") {
  TempDir dir;
  const auto path = dir.file("v5.db");
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const auto migrations = storage::migrations();
    std::string sql;
    for (std::size_t i = 0; i < 5; ++i) sql += std::string(migrations[i]);
    sql += R"(
      INSERT INTO runs (started_at, status, options_json, phone_count, tool_version) VALUES
        ('2026-01-01T00:00:00Z', 'completed', '{"scope":{"only_failed":false,"shard":""}}', 1, 'old'),
        ('2026-01-02T00:00:00Z', 'completed', '{"scope":{"only_failed":true,"shard":""}}', 1, 'old'),
        ('2026-01-03T00:00:00Z', 'completed', '{"shard":"2/3"}', 1, 'old'),
        ('2026-01-04T00:00:00Z', 'completed', '{"shard":"","merged_from":[{"db":"a.db","run":1}]}', 1, 'old'),
        ('2026-01-05T00:00:00Z', 'completed', '{"shard":"1/3+3/3","merged_from":[{"db":"a.db","run":1}]}', 1, 'old'),
        ('2026-01-06T00:00:00Z', 'completed', '{}', 1, 'old');
      PRAGMA user_version = 5;)";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = open_or_fail(path);
  std::vector<RunKind> kinds;
  for (const auto& r : db.runs()) kinds.push_back(r.kind);
  CHECK(kinds ==
        std::vector{RunKind::full, RunKind::recheck, RunKind::shard, RunKind::merge, RunKind::shard, RunKind::full});
}

TEST_CASE("a merge of every shard is a merge run, one that lacks a shard covers part of the estate",
          "[storage][scope][merge]") {
  TempDir dir;
  const auto one = shard_db(dir, 1, 2), two = shard_db(dir, 2, 2);
  const auto all = storage::merge_runs({one, two}, dir.file("all.db"));
  REQUIRE(all);
  CHECK(open_or_fail(dir.file("all.db")).run(all->run)->kind == RunKind::merge);
  const auto part = storage::merge_runs({one}, dir.file("part.db"));
  REQUIRE(part);
  CHECK(part->missing_shards == std::vector<std::string>{"2/2"});
  CHECK(open_or_fail(dir.file("part.db")).run(part->run)->kind == RunKind::shard);
}

TEST_CASE("merging the same shard runs again returns the existing run and writes nothing", "[storage][scope][merge]") {
  TempDir dir;
  const auto one = shard_db(dir, 1, 2), two = shard_db(dir, 2, 2);
  const auto out = dir.file("all.db");
  const auto first = storage::merge_runs({one, two}, out);
  REQUIRE(first);
  CHECK_FALSE(first->existing);
  const auto again = storage::merge_runs({two, one}, out); // the order given does not matter
  REQUIRE(again);
  CHECK(again->existing);
  CHECK(again->run == first->run);
  CHECK(again->phones == 2);
  CHECK(open_or_fail(out).runs().size() == 1);

  // A new night's shard run is another merge.
  {
    auto db = open_or_fail(two);
    storage::RunCoverage shard;
    shard.kind = RunKind::shard;
    const auto run = db.begin_run({R"({"user":"remote-app","shard":"2/2"})", "test", 1}, shard);
    db.insert_batch(run, std::vector{test_support::sample_record(2)});
    db.finish_run(run, RunStatus::completed);
  }
  const auto next = storage::merge_runs({one, two}, out);
  REQUIRE(next);
  CHECK_FALSE(next->existing);
  CHECK(next->run != first->run);
}

TEST_CASE("a merged run's sweep time runs from the first shard's start to the last shard's finish",
          "[storage][scope][merge]") {
  const std::vector<storage::MergedFrom> shards{{"a.db", 1, "1/2", "2026-11-29T02:00:00Z", "2026-11-29T02:10:30Z"},
                                                {"b.db", 4, "2/2", "2026-11-29T02:01:00Z", "2026-11-29T02:12:04Z"}};
  CHECK(storage::merged_sweep_seconds(shards) == Approx(724));
  CHECK_FALSE(storage::merged_sweep_seconds({}));
  CHECK_FALSE(storage::merged_sweep_seconds({{"a.db", 1, "1/2", "2026-11-29T02:00:00Z", ""}}));
}

TEST_CASE("failing since: the oldest whole-estate run of a phone's unbroken streak of failing runs",
          "[storage][scope]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("runs.db"));
  const auto sweep = [&](std::vector<std::pair<int, RootCause>> phones, RunKind kind = RunKind::full) {
    std::vector<storage::PhoneRecord> records;
    for (const auto& [i, cause] : phones) records.push_back(test_support::sample_record(i, cause));
    return completed_run(db, kind, records);
  };
  const auto first = sweep({{1, RootCause::timeout}, {2, RootCause::timeout}, {3, RootCause::ok}});
  sweep({{1, RootCause::ok}}, RunKind::recheck); // a re-check's ok does not end a streak
  const auto second = sweep({{1, RootCause::unreachable}, {2, RootCause::ok}, {3, RootCause::ok}});
  const auto third = sweep({{1, RootCause::timeout}, {2, RootCause::timeout}, {3, RootCause::ok}});
  {
    sqlite3* raw = nullptr; // a day apart, so that the runs' start times tell them apart
    REQUIRE(sqlite3_open(dir.file("runs.db").c_str(), &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw, "UPDATE runs SET started_at = printf('2026-11-%02dT02:00:00Z', id)", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  const auto started = [&](std::int64_t run) { return db.run(run)->started_at; };
  CHECK(started(first) != started(third));
  const auto since = db.failing_since(third);
  CHECK(since.size() == 2); // phone 3 is ok
  CHECK(since.at(test_support::sample_record(1).target.address()) == started(first));
  CHECK(since.at(test_support::sample_record(2).target.address()) == started(third));
  CHECK(db.failing_since(second).size() == 1);
}

TEST_CASE("one phone's history: every run that holds it, newest first, by device name in any case, address or host",
          "[storage][history]") {
  TempDir dir;
  auto db = open_or_fail(dir.file("runs.db"));
  const auto record = [](RootCause cause) { return test_support::sample_record(7, cause); };
  const auto first = completed_run(db, RunKind::full, {record(RootCause::itl_trust), test_support::sample_record(8)});
  completed_run(db, RunKind::full, {test_support::sample_record(8)}); // phone 7 absent
  const auto third = completed_run(db, RunKind::recheck, {record(RootCause::ok)});
  const auto phone = record(RootCause::ok).target;
  for (const std::string& key :
       {phone.device_name, std::string("sep") + phone.device_name.substr(3), phone.address(), phone.host}) {
    CAPTURE(key);
    std::vector<std::pair<std::int64_t, RootCause>> seen;
    const auto total = db.for_each_history(key, 10, [&](const storage::RunSummary& run, const storage::PhoneRecord& r) {
      seen.emplace_back(run.id, r.outcome.cause);
    });
    CHECK(total == 2);
    CHECK(seen ==
          std::vector<std::pair<std::int64_t, RootCause>>{{third, RootCause::ok}, {first, RootCause::itl_trust}});
  }
  std::size_t visited = 0;
  CHECK(db.for_each_history(phone.device_name, 1, [&](const auto&, const auto&) { ++visited; }) == 2);
  CHECK(visited == 1);
  CHECK(db.for_each_history("SEP000000000000", 10, [&](const auto&, const auto&) { FAIL("no such phone"); }) == 0);
}
