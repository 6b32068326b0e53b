#pragma once
// The scan's first phase: what the options alone decide, checked before the password is read or
// anything is opened, and the settings and records the later phases derive from them.
#include <app/credentials.hpp>
#include <app/scan_options.hpp>
#include <inventory/shard.hpp>
#include <scanner/sweep.hpp>
#include <storage/run_options.hpp>

#include <string>

namespace app {

struct ScanPlan {
  bool json = false;      // --log-format json: the log and the summary are JSON
  inventory::Shard shard; // --shard K/N; 1/1 without
  AuthCaps caps;          // the authenticated requests' caps in force (a shard's share)
};

// Sets the log format, checks the options and derives the plan. Throws UsageError naming the
// option (and logs warnings for risky ones: --insecure with --cucm / --axl, --max-failed-logons
// 3 or more), RunError when the open-file limit cannot serve --concurrency. Touches nothing but
// the --db path's directories, resolved for writing.
ScanPlan plan_scan(const ScanOptions& options);

// The sweep's settings: the engine's limits, the probe plan's user and password, the guard's.
scanner::SweepSettings sweep_settings(const ScanOptions& options, std::string password, const AuthCaps& caps,
                                      scanner::GuardSettings guard = {});

// Which phones a run covers, as the run records it (--resume compares it).
storage::RunScope run_scope(const ScanOptions& options);

// What the run records it was asked to do, for the report and merge. Never the password.
storage::RunOptions run_options(const ScanOptions& options, const AuthCaps& caps);

} // namespace app
