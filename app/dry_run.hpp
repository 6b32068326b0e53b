#pragma once
// scan --dry-run: what a sweep would cost, before it spends anything. It reads the inventory (and
// for --resume / --only-failed the database, read-only) to count the phones in scope after the
// shard and those options, and contacts nothing: no phone, no CUCM, no DNS; the password is not
// read and no database is created.
#include <app/scan_options.hpp>
#include <app/scan_plan.hpp>

#include <cstddef>
#include <string>

namespace app {

// The most a sweep of `phones` may cost. Per phone (scanner/page_search.hpp, scanner/probe_plan.hpp):
// at most 7 page requests (three model-table paths, the home page, three pages its menu links),
// one screenshot (the phone then authenticates to the CUCM), and with --cucm one cross-check
// (another CUCM authentication); plus the canary's cross-check and AXL's one request.
struct DryRunCost {
  std::size_t phones = 0;
  std::size_t requests = 0;             // HTTP requests to phones and the CUCM, at most
  std::size_t cucm_authentications = 0; // at most
  double auth_seconds = 0;              // screenshots ÷ --auth-rate (0 when unlimited)
};
inline constexpr std::size_t page_requests_per_phone = 7;

DryRunCost dry_run_cost(std::size_t phones, const ScanOptions& options, const AuthCaps& caps);

// The lines --dry-run prints (text), or one JSON object (--log-format json).
std::string dry_run_text(const DryRunCost& cost, const ScanOptions& options, const ScanPlan& plan);

// Counts the scope and prints the cost on stdout; returns 0. Throws UsageError for
// --cucm-discover (its phones are known only by asking the CUCM), an unreadable inventory, or a
// database --resume / --only-failed cannot read.
int dry_run(const ScanOptions& options, const ScanPlan& plan);

} // namespace app
