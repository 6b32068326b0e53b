#pragma once
// Shared by the operations tests: a simulated estate with its DNS, the real phonesweep binary,
// and reading back what it stored.
#include <inventory/csv_reader.hpp>
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/fleet_scan.hpp>
#include <tests/support/truth_check.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ops {

using namespace std::chrono_literals;

using test_support::Expected;
using test_support::read_truth;
using test_support::slurp;

struct Estate {
  harness::FleetOptions options;
  harness::Fleet fleet;
  harness::Dns dns;
  std::string db;

  explicit Estate(harness::FleetOptions o)
      : options(std::move(o)), fleet(harness::start_fleet(options)), dns(start_dns(fleet.hosts())),
        db(fleet.dir + "/scan.db") {}

  // dnsmasq binds its UDP port, then TCP on the same number; when that TCP port is in use (a
  // loopback connection of an earlier scan), it exits after harness::start_dns() saw the UDP
  // port taken and returned. Check it still runs, and try again.
  static harness::Dns start_dns(const std::string& hosts) {
    for (int attempt = 1;; ++attempt) {
      try {
        harness::Dns dns = harness::start_dns(hosts);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        if (running(dns.process.pid())) return dns;
      } catch (const std::runtime_error&) {
        if (attempt >= 8) throw;
      }
      if (attempt >= 8) throw std::runtime_error("dnsmasq keeps exiting right after its start");
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    }
  }

  // Neither gone nor a zombie.
  static bool running(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    const auto paren = line.rfind(')');
    return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z';
  }

  // `phonesweep scan` against this estate (test_support::fleet_scan() with this estate's user and
  // a wide concurrency). `set` replaces (or adds) options with a value, `extra` is appended
  // (flags, further options).
  harness::Launch scan(std::vector<std::string> extra = {}, const std::map<std::string, std::string>& set = {}) const {
    test_support::ScanOptions options_set = {
        {"--user", options.user}, {"--concurrency", "300"}, {"--auth-concurrency", "32"}};
    for (const auto& [name, value] : set) options_set[name] = value;
    harness::Launch launch = test_support::fleet_scan(fleet, dns, db, std::move(extra), std::move(options_set));
    launch.env["PHONESWEEP_PASSWORD"] = options.password;
    launch.env["PHONESWEEP_CONFIG"] = ""; // no config file of the machine running the tests
    launch.capture_stderr = true;
    return launch;
  }
};

// `phonesweep ARGS…` with no config file of the machine running the tests.
inline harness::Launch phonesweep(std::vector<std::string> args) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep")};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  return launch;
}

// `text` into a file of mode `mode`.
inline void write_file(const std::string& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  REQUIRE(chmod(path.c_str(), mode) == 0);
}

inline harness::RunResult run(const harness::Launch& launch, std::chrono::milliseconds timeout = 3min) {
  return harness::run(launch, timeout);
}

// Phones recorded per address in `run` (newest run when 0).
inline std::map<std::string, int> recorded(const std::string& db_path, std::int64_t run = 0) {
  std::map<std::string, int> seen;
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  if (!db) return seen;
  if (run == 0) {
    auto latest = db->latest_run_id();
    if (!latest) return seen;
    run = *latest;
  }
  for (const auto& address : db->recorded_addresses(run)) seen[address] = 1;
  return seen;
}

inline std::optional<storage::RunSummary> newest_run(const std::string& db_path) {
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  if (!db) return std::nullopt;
  auto latest = db->latest_run_id();
  if (!latest) return std::nullopt;
  return db->run(*latest);
}

// Waits until the newest run holds at least `count` phones; false after `timeout`.
inline bool wait_for_results(const std::string& db_path, std::int64_t count, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    try {
      if (auto run = newest_run(db_path); run && run->recorded >= count) return true;
    } catch (const std::exception&) {
      // The scan may be creating the schema right now.
    }
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

// Every phone of the truth exactly once in `run`, with the truth's root cause, ITL state and
// CUCM verdict.
inline void require_matches_truth(const harness::Fleet& fleet, const std::string& db_path, std::int64_t run) {
  test_support::require_matches_truth(fleet.truth(), db_path, run);
}

// A slow estate: a scan of it takes several seconds, long enough to act on it mid-run.
inline harness::FleetOptions slow_estate(int phones = 300) {
  harness::FleetOptions o;
  o.phones = phones;
  o.latency = "100-300";
  return o;
}

// Scan options that keep a scan of slow_estate() busy for several seconds.
inline std::map<std::string, std::string> slow_scan() { return {{"--concurrency", "12"}, {"--auth-concurrency", "8"}}; }

} // namespace ops
