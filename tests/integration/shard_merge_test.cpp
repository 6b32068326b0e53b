// End to end: one estate swept once whole and once as 3 shards (three `scan --shard K/3` into
// three databases), the shards combined by `phonesweep merge`. The merged run must say the same
// about every phone as the unsharded run, and merge must refuse runs that are not one sweep.
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/support/fleet_scan.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <tuple>

using namespace std::chrono_literals;

namespace {

using Verdict = std::tuple<std::string, std::string, std::string>; // cause, itl_state, cucm_auth

harness::RunResult scan(const harness::Fleet& fleet, const harness::Dns& dns, const std::string& db,
                        const std::string& password, std::vector<std::string> extra = {}) {
  test_support::ScanOptions set = {{"--concurrency", "300"}, {"--auth-concurrency", "32"}};
  if (std::find(extra.begin(), extra.end(), "--timeout") != extra.end()) set["--timeout"] = test_support::leave_out;
  extra.emplace_back("--quiet");
  auto launch = test_support::fleet_scan(fleet, dns, db, std::move(extra), set);
  launch.env["PHONESWEEP_PASSWORD"] = password;
  return harness::run(launch, 5min);
}

harness::RunResult merge(std::vector<std::string> args) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "merge"};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.capture_stderr = true;
  return harness::run(launch, 5min);
}

std::map<std::string, Verdict> verdicts(const std::string& path) {
  auto db = storage::Database::open(path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  std::map<std::string, Verdict> out;
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    out[r.target.address()] = {std::string(diagnosis::to_string(r.outcome.cause)),
                               std::string(diagnosis::to_string(r.evidence.itl)),
                               std::string(diagnosis::to_string(r.evidence.cucm))};
  });
  return out;
}

storage::RunSummary latest_run(const std::string& path) {
  auto db = storage::Database::open(path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->run(*db->latest_run_id());
  REQUIRE(run);
  return *run;
}

} // namespace

TEST_CASE("merge: three shards of a sweep merged say the same about every phone as one unsharded run") {
  harness::FleetOptions options;
  options.phones = 450;
  options.latency = "0-20";
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());

  const std::string whole = fleet.dir + "/whole.db";
  const auto unsharded = scan(fleet, dns, whole, options.password);
  INFO(unsharded.err);
  REQUIRE(unsharded.status == 1); // the default mix has failures

  std::vector<std::string> shards;
  for (int k = 1; k <= 3; ++k) {
    shards.push_back(fleet.dir + "/shard" + std::to_string(k) + ".db");
    const auto s = scan(fleet, dns, shards.back(), options.password, {"--shard", std::to_string(k) + "/3"});
    INFO(s.err);
    REQUIRE((s.status == 0 || s.status == 1));
  }
  const auto expected = verdicts(whole);
  std::size_t sharded_phones = 0;
  for (const auto& shard : shards) {
    const auto part = verdicts(shard);
    CHECK(part.size() < expected.size()); // each shard really is a share
    sharded_phones += part.size();
  }
  CHECK(sharded_phones == expected.size()); // and the shares do not overlap

  const std::string all = fleet.dir + "/all.db";
  const auto merged = merge({shards[0], shards[1], shards[2], "-o", all});
  INFO(merged.out << merged.err);
  CHECK(merged.status == 1);
  CHECK(merged.err.find("warning") == std::string::npos);

  const auto got = verdicts(all);
  CHECK(got.size() == expected.size());
  std::size_t mismatches = 0;
  for (const auto& [address, verdict] : expected) {
    const auto found = got.find(address);
    if (found == got.end()) {
      FAIL_CHECK("missing from the merged run: " << address);
      continue;
    }
    if (found->second != verdict && ++mismatches <= 20)
      FAIL_CHECK(address << ": merged " << std::get<0>(found->second) << "/" << std::get<1>(found->second) << "/"
                         << std::get<2>(found->second) << ", unsharded " << std::get<0>(verdict) << "/"
                         << std::get<1>(verdict) << "/" << std::get<2>(verdict));
  }
  CHECK(mismatches == 0);

  const auto merged_run = latest_run(all);
  const auto whole_run = latest_run(whole);
  CHECK(merged_run.status == storage::RunStatus::completed);
  CHECK(merged_run.recorded == whole_run.recorded);
  CHECK(merged_run.counts_by_cause == whole_run.counts_by_cause);
  CHECK(merged_run.options_json.find("\"shard\":\"\"") != std::string::npos);

  // A partial union is merged, with a warning naming what it lacks.
  const std::string part = fleet.dir + "/part.db";
  const auto partial = merge({shards[0], shards[2], "-o", part});
  INFO(partial.out << partial.err);
  CHECK(partial.status == 1);
  CHECK(partial.err.find("shard 2/3") != std::string::npos);
  CHECK(latest_run(part).options_json.find("\"shard\":\"1/3+3/3\"") != std::string::npos);
}

TEST_CASE("merge: runs that are not shards of one sweep are refused and nothing is written") {
  harness::FleetOptions options;
  options.phones = 60;
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  const auto scan_into = [&](const std::string& name, const std::string& password, std::vector<std::string> extra) {
    const std::string db = fleet.dir + "/" + name;
    const auto s = scan(fleet, dns, db, password, std::move(extra));
    INFO(s.err);
    REQUIRE((s.status == 0 || s.status == 1));
    return db;
  };
  const std::string shard1 = scan_into("shard1.db", options.password, {"--shard", "1/3"});
  const std::string shard2 = scan_into("shard2.db", options.password, {"--shard", "2/3"});
  const auto refused = [&](std::vector<std::string> sources, const std::string& because) {
    const std::string out = fleet.dir + "/refused.db";
    sources.insert(sources.end(), {"-o", out});
    const auto r = merge(sources);
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(because) != std::string::npos);
    CHECK_FALSE(storage::Database::open(out, storage::Database::Mode::existing)); // never created
  };

  const std::string slower = scan_into("shard3-timeout.db", options.password, {"--shard", "3/3", "--timeout", "3"});
  refused({shard1, shard2, slower}, "option timeout is 2 in one and 3 in the other (only --shard may differ)");

  const std::string wrong_password = scan_into("shard1-again.db", "not-the-password", {"--shard", "1/3"});
  refused({shard1, shard2, wrong_password}, "with different results");

  const std::string half = scan_into("half.db", options.password, {"--shard", "1/2"});
  refused({shard1, half}, "split the inventory differently");

  refused({shard1, shard1}, "given twice");

  const auto onto_source = merge({shard1, shard2, "-o", shard2});
  CHECK(onto_source.status == 2);
  CHECK(onto_source.err.find("both a source and the output") != std::string::npos);
}
