#pragma once
// What `phonesweep scan` is asked to do: its command-line options (registered in
// scan_command.cpp), plain data for every phase of the scan.
#include <cstdint>
#include <string>
#include <vector>

namespace app {

struct ScanOptions {
  std::vector<std::string> inventory;    // paths (CSV, JSON, NDJSON) or "-" for stdin
  std::string targets;                   // --targets: CIDR blocks, ranges, addresses
  std::string cucm_discover;             // --cucm-discover URL: the CUCM's phones (AXL + RisPort70) are the inventory
  std::string discover_name = "%";       // listPhone name LIKE pattern for --cucm-discover
  std::uint16_t phone_port = 0;          // --cucm-discover: the phones' web port (0: the scheme's default)
  std::string risport_rate = "15/60";    // --cucm-discover, --axl: RisPort70 requests per window
  std::string inventory_format = "auto"; // auto, csv, json, ndjson
  std::string shard;                     // "K/N": this scanner's stable share of the inventory
  bool strict = false;                   // any bad inventory row is fatal (exit 2) before any phone is asked
  std::uint64_t max_targets = std::uint64_t{1} << 20; // most addresses --targets may expand to
  std::string db = "phonesweep.db";
  std::string user;
  std::string password_env = "PHONESWEEP_PASSWORD";
  std::string password_file;
  std::string cucm; // base URL or full authentication-service URL
  int concurrency = 256;
  // Authenticated requests: per scanner. Unless given (on the command line or in the config
  // file), the defaults are divided among the shards of a --shard K/N sweep (app/credentials.hpp).
  int auth_concurrency = 8;
  double auth_rate = 20;
  bool auth_concurrency_given = false;
  bool auth_rate_given = false;
  std::string canary_device; // --canary-device: a device the user controls, asked about first
  int max_failed_logons = 2; // refusals before no more authenticated requests (CUCM locks at 3)
  int cucm_concurrency = 4;
  double cucm_rate = 50;
  double timeout = 10;
  double connect_timeout = 3;
  std::string dns_server;
  std::string axl;                 // --axl URL: AXL preflight and RisPort70 lookup against https://cucm:8443
  std::string axl_user;            // who asks AXL (default: --user)
  std::string axl_password_env;    // its password (default: the scan's password)
  bool end_user = false;           // the user is an end user (getUser), not an application user
  std::string cacert;              // CA for every CUCM connection (AXL, --cucm-discover, --cucm)
  bool insecure = false;           // do not verify their certificates
  std::string proxy;               // proxy for AXL and --cucm-discover; empty: none (environment ignored)
  bool quiet = false;              // one summary line on stdout; warnings and errors on stderr
  std::string log_format = "text"; // text or json (see app/log.hpp)
  std::string ndjson;              // --ndjson FILE|-: each phone's final record, one JSON object per line
  std::string metrics_file;        // --metrics-file: Prometheus text format, replaced atomically
  std::string notify_url;          // --notify-url: one JSON POST when phones newly fail or are fixed
  std::string notify_report;       // --notify-report: where the run's report is published, for the notice
  int notify_retries = 3;          // attempts after the first
  double notify_backoff = 2;       // seconds before the first retry, doubled for each next one
  double notify_timeout = 10;      // seconds per attempt
  bool dry_run = false;            // --dry-run: what the sweep would cost; nothing is contacted
  double progress_every = 60;      // seconds between progress lines when stderr is no terminal; 0: none
  bool resume = false;             // continue the newest run if it did not complete
  bool only_failed = false;        // only the phones not ok in the newest completed run
};

} // namespace app
