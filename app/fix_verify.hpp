#pragma once
// `fix --apply --verify`: `scan --only-failed` over the phones the change touched, in this process
// (run_scan, so that the scan's own checks, credential guard and records apply unchanged), with
// the run's user, --cucm, timeouts, DNS server and caps (concurrency, authenticated requests); the scan's password
// comes from --password-env or --password-file, as scan's does, and never from argv.
#include <app/fix_command.hpp>
#include <app/fix_diagnosis.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace app {

struct VerifyResult {
  std::int64_t run = 0;        // the scan's run
  std::size_t phones = 0;      // changed phones re-checked
  std::size_t ok = 0;          // of them, ok now
  std::size_t not_checked = 0; // changed phones from a --targets range: not re-checked (they get no
                               // credentials until they identify themselves, which an inventory
                               // row would skip)
};

// The phones are written to a private temporary inventory (removed afterwards) that the scan
// reads with --only-failed: only those that failed in the newest completed run are asked.
// Throws as run_scan does.
VerifyResult verify_phones(const FixOptions& options, const FixDiagnosis& diagnosis,
                           const std::vector<const FixPhone*>& phones, storage::Database& db);

} // namespace app
