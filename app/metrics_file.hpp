#pragma once
// --metrics-file: the run in the Prometheus text exposition format (version 0.0.4), for
// node_exporter's textfile collector, which reads every *.prom file of its directory at each
// scrape: the file is replaced atomically (util::AtomicFile), so a scrape never sees half of it.
// Names follow the Prometheus conventions: the `phonesweep_` prefix, base units (`_seconds`),
// `_total` for counts of events.
#include <app/scan_summary.hpp>
#include <storage/database.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace app {

struct SiteCounts {
  std::int64_t phones = 0;
  std::int64_t failing = 0;
};

// What the metrics say, gathered from the settled run (plain data, so the text is testable alone).
struct RunMetrics {
  std::int64_t run = 0;
  bool completed = false;                                // false: interrupted
  int exit_status = 0;                                   // what the scan exits with
  double duration_seconds = 0;                           // the sweep's wall time
  double finished_unix = 0;                              // when the run finished (Unix time)
  std::map<diagnosis::RootCause, std::int64_t> by_cause; // every cause, zero included
  std::map<std::string, SiteCounts> by_site;
  std::int64_t screenshot_requests = 0; // screenshots asked (each a CUCM logon by the phone)
  std::int64_t cucm_checks = 0;         // authentication-service cross-checks asked
  int failed_logons = 0;
  std::string version;
};

// Reads the run's records once for the per-site counts and the authenticated requests.
RunMetrics gather_metrics(storage::Database& db, const ScanResult& result, int exit_status);

// The exposition text: HELP and TYPE for every family, label values escaped (\\, \", \n).
std::string metrics_text(const RunMetrics& metrics);

// Writes `metrics_text` to `path` atomically; throws RunError with the OS reason when it cannot.
void write_metrics_file(const std::string& path, const RunMetrics& metrics);

// The status exit_status(result) returns or stands for (2 UsageError, 3 RunError), without throwing.
int exit_code(const ScanResult& result);

} // namespace app
