#pragma once
// The scan's last two phases: the summary on stdout, and the exit status, both from what the run
// ended with (ScanResult, filled by the settle phase, app/scan_run.hpp).
#include <app/scan_options.hpp>
#include <storage/record.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace app {

struct ScanResult {
  std::int64_t run = 0;
  std::optional<storage::RunSummary> recorded; // the settled run as stored
  long long phones = 0;                        // recorded phones
  long long ok = 0;                            // of them, ok
  double seconds = 0;                          // the sweep's wall time
  bool interrupted = false;                    // marked interrupted: stopped, or phones failed locally
  int stop_signal = 0;                         // SIGINT / SIGTERM that stopped it, 0 if none
  std::string refusal;                         // the one sentence of refused credentials, or empty
  int failed_logons = 0;
  std::size_t failed_locally = 0; // phones left unrecorded: their requests failed on this machine
  std::size_t abandoned = 0;      // phones admitted but unfinished when the sweep stopped
  std::size_t local_errors = 0;   // requests that failed on this machine
  bool inventory_broken = false;  // the inventory could not be read to the end
};

// One JSON object (--log-format json), one line (--quiet), or the table; with the refusal
// sentence and, without --cucm, the phones left auth_failed for want of its verdict.
void print_summary(const ScanOptions& options, const ScanResult& result);

// 0 when every phone is ok and the credentials were not refused, 1 when failures were found.
// Throws RunError (exit 3) when phones failed locally, the run was interrupted or requests failed
// on this machine, UsageError (exit 2) when the inventory could not be read to the end; each
// message says how to finish the run.
int exit_status(const ScanResult& result);

} // namespace app
