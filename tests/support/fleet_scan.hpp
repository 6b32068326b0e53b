#pragma once
// The `phonesweep scan` command line the end-to-end tests run against a fleetsim estate: one place
// for the options they share, each test overriding or adding its own.
#include <sim/harness/child_process.hpp>
#include <sim/harness/servers.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace test_support {

// Options of `phonesweep scan` by name: a value replaces (or adds) that option, the value
// `leave_out` drops it from the command line.
using ScanOptions = std::map<std::string, std::string>;
inline const std::string leave_out = "<none>";

// `phonesweep scan` of `fleet`'s inventory into `db`, with fleetsim's default application user
// (its password in PHONESWEEP_PASSWORD, never in argv), short timeouts and no authentication rate
// limit. `set` replaces, adds or drops options with a value; `extra` is appended (flags, further
// options). The caller sets anything else of the launch (stderr capture, another password).
inline harness::Launch fleet_scan(const harness::Fleet& fleet, const std::string& db,
                                  std::vector<std::string> extra = {}, const ScanOptions& set = {}) {
  const harness::FleetOptions defaults;
  std::vector<std::pair<std::string, std::string>> options = {
      {"--inventory", fleet.inventory()},
      {"--db", db},
      {"--user", defaults.user},
      {"--cucm", fleet.cucm_url},
      {"--timeout", "2"},
      {"--connect-timeout", "1"},
      {"--auth-rate", "0"},
      // A device the user controls, so that the credential guard is not led astray by devices
      // outside the user's controlled devices asked about first (app/credentials.hpp).
      {"--canary-device", fleet.canary_device()}};
  for (const auto& [name, value] : set) {
    auto found = std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
    if (found != options.end()) found->second = value;
    else options.emplace_back(name, value);
  }
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "scan"};
  for (const auto& [name, value] : options) {
    if (value == leave_out) continue;
    launch.argv.push_back(name);
    launch.argv.push_back(value);
  }
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = defaults.password;
  return launch;
}

// The same, resolving the estate's phone names through `dns`.
inline harness::Launch fleet_scan(const harness::Fleet& fleet, const harness::Dns& dns, const std::string& db,
                                  std::vector<std::string> extra = {}, ScanOptions set = {}) {
  set.try_emplace("--dns-server", dns.server());
  return fleet_scan(fleet, db, std::move(extra), set);
}

} // namespace test_support
