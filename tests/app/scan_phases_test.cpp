// The scan's phases that need no network, each on its own: the plan from the options, the scope
// (--shard, --resume, --only-failed, nothing to scan) on a real SQLite file, what the run records,
// and the exit status from what the run ended with.
#include <app/exit_status.hpp>
#include <app/scan_plan.hpp>
#include <app/scan_scope.hpp>
#include <app/scan_summary.hpp>
#include <inventory/shard.hpp>
#include <storage/run_options.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace app;
using diagnosis::RootCause;
using test_support::TempDir;

namespace {

ScanOptions targets_scan(const std::string& db, std::string targets = "10.0.0.1-20") {
  ScanOptions o;
  o.db = db;
  o.user = "remote-app";
  o.targets = std::move(targets);
  return o;
}

std::vector<std::string> drain(TargetQueue& queue) {
  std::vector<std::string> addresses;
  while (auto t = queue.next()) addresses.push_back(t->address());
  return addresses;
}

// A run of `o` holding phones 10.0.0.1 … 10.0.0.`phones` (the odd ones failing), ended `status`.
std::int64_t stored_run(storage::Database& db, const ScanOptions& o, int phones, storage::RunStatus status) {
  const auto run = db.begin_run({storage::encode_run_options(run_options(o, AuthCaps{})), "test", phones});
  std::vector<storage::PhoneRecord> records;
  for (int i = 1; i <= phones; ++i)
    records.push_back(test_support::sample_record(i, i % 2 ? RootCause::unreachable : RootCause::ok));
  db.insert_batch(run, records);
  if (status != storage::RunStatus::running) db.finish_run(run, status);
  return run;
}

ScanResult ended(long long phones, long long ok) {
  ScanResult r;
  r.run = 7;
  r.phones = phones;
  r.ok = ok;
  return r;
}

} // namespace

TEST_CASE("plan: the shard and the caps come from the options alone, before any file is read", "[app][scan]") {
  TempDir dir;
  auto o = targets_scan(dir.file("p.db"));
  o.shard = "2/4";
  o.log_format = "json";
  const ScanPlan plan = plan_scan(o);
  CHECK(plan.json);
  CHECK(plan.shard.index == 2);
  CHECK(plan.shard.count == 4);
  CHECK(plan.caps.shards == 4);
  CHECK(plan.caps.concurrency == 2); // the default 8 divided among 4 shards
  o.log_format = "text";
  o.shard = "5/4";
  CHECK_THROWS_AS(plan_scan(o), UsageError);
  o.shard.clear();
  o.user.clear();
  CHECK_THROWS_WITH(plan_scan(o), "--user is required");
}

TEST_CASE("plan: the run records its options without a password, byte for byte as before", "[app][scan]") {
  auto o = targets_scan("x.db");
  o.inventory = {"a.csv", "b.csv"};
  o.targets.clear();
  o.cucm = "https://cucm:8443";
  o.password_env = "SECRET_ENV";
  AuthCaps caps;
  caps.concurrency = 4;
  caps.rate = 10;
  caps.shards = 2;
  caps.estate_concurrency = 8;
  caps.estate_rate = 20;
  o.shard = "1/2";
  CHECK(storage::encode_run_options(run_options(o, caps)) ==
        R"({"inventory":"a.csv,b.csv","targets":"","user":"remote-app","cucm":"https://cucm:8443","concurrency":256,)"
        R"("auth_concurrency":4,"auth_rate":10,"max_failed_logons":2,"timeout":10,"connect_timeout":3,"dns_server":"",)"
        R"("shard":"1/2","scope":{"inventory":"a.csv,b.csv","targets":"","shard":"1/2","only_failed":false},)"
        R"("estate_auth":{"concurrency":8,"rate":20,"shards":2}})");
  o.cucm_discover = "https://cucm:8443";
  CHECK(run_scope(o).cucm_discover == "https://cucm:8443");
  CHECK(run_scope(o).discover_name == "%");
}

TEST_CASE("scope: --shard keeps the phones of this scanner's share, in inventory order", "[app][scan]") {
  auto o = targets_scan("x.db");
  ScanScope scope;
  scope.shard = {2, 3};
  TargetQueue queue(open_inventory(o), scope);
  REQUIRE(queue.start(false, false));
  const auto got = drain(queue);
  CHECK(queue.read() == 20);
  std::vector<std::string> expected;
  for (int i = 1; i <= 20; ++i) {
    inventory::Target t;
    t.host = "10.0.0." + std::to_string(i);
    if (inventory::in_shard(t, {2, 3})) expected.push_back(t.address());
  }
  CHECK(got == expected);
  CHECK_FALSE(got.empty());
  CHECK(got.size() < 20);
}

TEST_CASE("scope: --resume continues an unfinished run of the same phones without asking its phones again",
          "[app][scan]") {
  TempDir dir;
  auto o = targets_scan(dir.file("r.db"), "10.0.0.1-6");
  o.resume = true;
  auto db = *storage::Database::open(o.db);
  const auto run = stored_run(db, o, 4, storage::RunStatus::interrupted);
  const ResumedRun resumed = resumable_run(db, o);
  CHECK(resumed.run == run);
  CHECK(resumed.recorded.size() == 4);
  CHECK(resumed.facts.credentials_accepted_somewhere); // its ok phones took screenshots
  ScanScope scope;
  scope.recorded = resumed.recorded;
  TargetQueue queue(open_inventory(o), scope);
  REQUIRE(queue.start(true, false));
  CHECK(drain(queue) == std::vector<std::string>{"10.0.0.5", "10.0.0.6"});

  auto other = o;
  other.targets = "10.0.0.1-7";
  CHECK_THROWS_WITH(resumable_run(db, other), Catch::Contains("was started for other phones"));
  db.finish_run(run, storage::RunStatus::completed);
  CHECK_THROWS_WITH(resumable_run(db, o), Catch::Contains("completed; nothing to resume"));
  TempDir empty;
  auto none = *storage::Database::open(empty.file("e.db"));
  CHECK_THROWS_WITH(resumable_run(none, o), Catch::Contains("holds no run to resume"));
}

TEST_CASE("scope: --only-failed asks again the phones not ok in the newest completed run", "[app][scan]") {
  TempDir dir;
  auto o = targets_scan(dir.file("f.db"), "");
  o.only_failed = true;
  auto db = *storage::Database::open(o.db);
  ScanScope unused;
  CHECK_THROWS_WITH(select_failed(db, o, 0, false, unused), Catch::Contains("holds no completed run"));
  const auto completed = stored_run(db, targets_scan(o.db), 4, storage::RunStatus::completed);

  ScanScope scope;
  select_failed(db, o, 0, false, scope); // no inventory given: the failed run's own rows
  CHECK(scope.failed_in == completed);
  CHECK(scope.failed == std::set<std::string>{"10.0.0.1", "10.0.0.3"});
  TargetQueue queue(nullptr, scope);
  REQUIRE(queue.start(false, false));
  CHECK(drain(queue) == std::vector<std::string>{"10.0.0.1", "10.0.0.3"});

  // Resuming an --only-failed run: the failures are those of the completed run before it.
  const auto resumed = stored_run(db, o, 1, storage::RunStatus::interrupted);
  ScanScope again;
  select_failed(db, o, resumed, true, again);
  CHECK(again.failed_in == completed);
  CHECK(again.stored_targets.empty()); // an inventory was given
}

TEST_CASE("scope: nothing to ask ends the scan without a run, an inventory without phones is refused", "[app][scan]") {
  TempDir dir;
  auto o = targets_scan(dir.file("n.db"), "10.0.0.1");
  ScanScope out_of_shard;
  out_of_shard.recorded = {"10.0.0.1"};
  TargetQueue none_in_scope(open_inventory(o), out_of_shard);
  CHECK_FALSE(none_in_scope.start(false, false));
  CHECK(nothing_to_scan(o, none_in_scope, false)); // exit 0, no run
  o.resume = true;
  CHECK_FALSE(nothing_to_scan(o, none_in_scope, false)); // a resumed run is finished as it is

  const std::string csv = dir.file("empty.csv");
  std::ofstream(csv) << "address,name\nnot an address,SEP1\n";
  auto bad = targets_scan(o.db, "");
  bad.inventory = {csv};
  TargetQueue empty(open_inventory(bad), {});
  CHECK_FALSE(empty.start(false, false));
  CHECK_THROWS_AS(nothing_to_scan(bad, empty, false), UsageError);
  TargetQueue strict(open_inventory(bad), {});
  CHECK_THROWS_WITH(strict.start(true, true), Catch::Contains("--strict: 1 bad inventory rows"));
}

TEST_CASE("exit status: 0 when every phone is ok, 1 for failures or refused credentials", "[app][scan]") {
  CHECK(exit_status(ended(10, 10)) == exit_all_ok);
  CHECK(exit_status(ended(10, 9)) == exit_failures_found);
  auto refused = ended(10, 10);
  refused.refusal = "the CUCM refused the credentials";
  CHECK(exit_status(refused) == exit_failures_found);
}

TEST_CASE("exit status: an unfinished run throws with how to finish it", "[app][scan]") {
  auto stopped = ended(5, 5);
  stopped.interrupted = true;
  stopped.stop_signal = SIGTERM;
  stopped.abandoned = 3;
  CHECK_THROWS_WITH(exit_status(stopped), Catch::StartsWith("stopped by SIGTERM: run 7 is marked interrupted (5 phones "
                                                            "recorded, 3 unfinished phones abandoned)"));
  auto local = stopped;
  local.failed_locally = 2;
  CHECK_THROWS_WITH(exit_status(local), Catch::StartsWith("2 phones could not be asked"));
  auto errors = ended(5, 5);
  errors.local_errors = 4;
  CHECK_THROWS_AS(exit_status(errors), RunError);
  auto broken = ended(5, 5);
  broken.inventory_broken = true;
  CHECK_THROWS_AS(exit_status(broken), UsageError);
}
