#pragma once
// `phonesweep scan`: inventory → sweep → diagnosis → database, in named phases
// (scan_command.cpp): plan, scope, open, preflight, sweep, settle, summary, exit status.
#include <app/command.hpp>
#include <app/scan_options.hpp>

namespace app {

// Registers `scan` and its options on `cli`.
Command register_scan(CLI::App& cli);

// Returns the exit status (0 all ok, 1 failures found). Throws UsageError (exit 2) / RunError
// (exit 3: the database is locked by another scan, cannot be written, or the run was
// interrupted by SIGINT/SIGTERM, in which case it is marked `interrupted` and --resume
// continues it).
// `summary`, when given, receives the run's id and counts (run 0: nothing was in scope), for a
// caller that scans on behalf of another command (fix --verify).
struct ScanSummary {
  long long run_id = 0;
  long long phones = 0;
  long long ok = 0;
  double seconds = 0;
};
int run_scan(const ScanOptions& options, ScanSummary* summary = nullptr);

} // namespace app
