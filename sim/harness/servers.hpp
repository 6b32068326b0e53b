#pragma once
// Starts the real servers tests, benchmarks and the demo run against: fleetsim (the simulated
// estate) and dnsmasq (a real DNS server on a loopback port). Each is stopped when its handle
// goes out of scope.
#include <sim/harness/child_process.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace harness {

struct FleetOptions {
  int phones = 500;
  std::string mix = "default";
  std::string latency = "0-0";      // ms, "MIN-MAX"
  std::string credentials = "good"; // or "bad-password"
  std::string out_dir;              // empty: a fresh temporary directory
  std::string user = "phonesweep-app";
  std::string password = "sim-secret-Pa55";
  unsigned seed = 1;
  int lifetime_seconds = 1800;
  std::vector<std::string> extra_args;
};

struct Fleet {
  ChildProcess process;
  int port = 0;
  std::string cucm_url; // http://127.0.0.1:PORT (the CUCM's base URL)
  std::string soap_url; // http[s]://127.0.0.1:PORT: AXL, RisPort70, the secured authentication service
  std::string dir;
  std::string inventory() const { return dir + "/inventory.csv"; }
  std::string truth() const { return dir + "/truth.csv"; }
  std::string hosts() const { return dir + "/hosts"; }
  std::string auth_service() const { return cucm_url + "/ccmcip/authenticate.jsp"; }
  // A device the CUCM's user controls, for `scan --canary-device`: the first healthy phone of
  // truth.csv (a healthy phone is always associated). Empty when the estate has none.
  std::string canary_device() const;
};

// Throws std::runtime_error if fleetsim is missing or not ready within a minute.
Fleet start_fleet(const FleetOptions& options);

struct Dns {
  ChildProcess process;
  int port = 0;
  std::string server() const { return "127.0.0.1:" + std::to_string(port); }
};

// dnsmasq answering only from `hosts_file` (authoritative for sim.test, nothing forwarded).
// Throws std::runtime_error if dnsmasq is not installed or does not start.
Dns start_dns(const std::string& hosts_file);

// A fresh directory under $TMPDIR (or /tmp).
std::string make_temp_dir(const std::string& prefix);

// The path of a program built alongside the running executable (e.g. "fleetsim").
std::string built_program(const std::string& name);

} // namespace harness
