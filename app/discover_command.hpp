#pragma once
// `phonesweep discover`: the CUCM's own inventory (AXL listPhone + RisPort70) written as an
// inventory CSV that `phonesweep scan --inventory` reads; and the same inventory handed straight
// to `phonesweep scan --cucm-discover` with no file in between.
#include <app/command.hpp>
#include <cucm/rate_limiter.hpp>
#include <cucm/transport.hpp>
#include <inventory/reader.hpp>
#include <storage/cucm_view.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace app {

struct DiscoverOptions {
  std::string cucm; // base URL (https://cucm:8443) or any URL on it
  std::string user; // an AXL-enabled user
  std::string password_env = "PHONESWEEP_PASSWORD";
  std::string password_file;
  std::string output = "-";           // -o FILE; "-" is stdout
  std::string cacert;                 // PEM CA bundle for a private CA
  bool insecure = false;              // skip certificate verification (only when asked)
  std::string proxy;                  // --proxy URL for the CUCM's APIs; empty: none (environment ignored)
  std::string name_pattern = "%";     // listPhone name LIKE pattern, e.g. SEP%
  std::uint16_t phone_port = 0;       // written into every address; 0: none (the scheme's default)
  std::string risport_rate = "15/60"; // RisPort70 requests per window: REQUESTS/SECONDS
  std::size_t risport_batch = 1000;   // names per selectCmDeviceExt (at most 1000)
  std::size_t axl_page = 1000;        // listPhone rows per request
  std::string axl_version = "14.0";
  bool quiet = false; // no progress lines, only warnings and the summary
};

// Returns 0 when the inventory is written. Throws UsageError (bad options, no password, an output
// that cannot be a file) or RunError (the CUCM could not be asked or refused, or SIGINT / SIGTERM
// stopped it; the output file is then left untouched). The process makes no core file while it
// holds the password (SecretsGuard).
int run_discover(const DiscoverOptions& options);

// Registers `discover` and its options on `cli`.
Command register_discover(CLI::App& cli);

struct DiscoveredInventory {
  std::string csv;             // what `discover -o` writes
  storage::DiscoveryView view; // what the run stores about the discovery
};

// The discovery itself, for `discover` and `scan --cucm-discover`: `options.output`,
// password_env and password_file are not used; the password is given. Progress and throttling
// go to stderr as `discover: ...` lines (progress only without quiet). Throws as run_discover; a
// SIGINT / SIGTERM seen by StopSignals (installed by the caller) ends it within a tenth of a
// second with RunError "stopped by SIGTERM during discovery".
// `transport`: the connection to ask over (the scan's shared one); nullptr: its own.
// `limiter`: RisPort's budget shared with the scan's other RisPort requests; nullptr: its own.
DiscoveredInventory discover_inventory(const DiscoverOptions& options, std::string password,
                                       cucm::Transport* transport = nullptr, cucm::RateLimiter* limiter = nullptr);

// The discovered CSV as a scan's inventory source (the same reader as `scan --inventory`, so
// rows are validated and de-duplicated alike); `name` appears in row messages.
std::unique_ptr<inventory::Reader> discovered_reader(std::string csv, std::string name);

} // namespace app
