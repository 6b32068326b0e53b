#pragma once
// `phonesweep fix`: from a run's diagnosis to the CUCM changes AXL can make. It adds the phones
// the run found not associated (not_associated, and missing_roles phones the user does not
// control) to the scan user's controlled devices, and the CTI groups it lacks (missing_roles); for
// every other cause it lists the manual steps and the phones, by site. A dry run unless --apply:
// then AXL is only read (getAppUser / getUser). --apply re-reads the user, refuses a run older
// than --max-age or a user that lost devices or groups since the run saw it, writes in batches
// (each the user's whole list: what it has plus the batch, never fewer) and records every write
// in the database (storage/changes.hpp); --undo CHANGE takes a change back. --verify re-scans
// the phones it changed, as `scan --only-failed` does.
#include <cstdint>
#include <string>

namespace app {

struct FixOptions {
  std::string db = "phonesweep.db";
  std::int64_t run = 0; // 0: the newest completed run
  std::string axl;      // AXL service (https://cucm:8443)
  std::string axl_user; // an AXL account allowed to update users
  std::string axl_password_env = "PHONESWEEP_PASSWORD";
  std::string axl_password_file;
  std::string cacert; // PEM CA to verify the CUCM with
  bool insecure = false;
  std::string proxy; // empty: none (the environment's proxy variables are ignored)
  std::string axl_version = "14.0";
  bool end_user = false;       // the user is an end user; the run's AXL view says so too
  bool apply = false;          // make the changes (else a dry run: AXL is only read)
  std::string max_age = "24h"; // --apply refuses an older run: N followed by s, m, h or d
  std::size_t batch = 200;     // new devices per AXL write
  std::string bat;             // the change as a CSV for the Bulk Administration Tool
  std::string manual_csv;      // the phones needing manual steps, by cause and site
  std::int64_t undo = 0;       // a change to take back (with --apply; else its plan)
  bool verify = false;         // after --apply: re-scan the changed phones
  // --verify's scan: the scan user's password (as `scan`), and its CUCM authentication service
  // (default: the run's --cucm).
  std::string password_env = "PHONESWEEP_PASSWORD";
  std::string password_file;
  std::string cucm;
  bool quiet = false; // the plan's counts without the lists of names
};

// Returns 0 when the plan is printed (dry run), applied, undone, or there is nothing to change;
// with --verify, 1 when some changed phones still fail. Throws UsageError (bad options, no such
// run or change, a run older than --max-age, a run of another CUCM or user) or RunError (AXL
// cannot be asked or refuses, the user changed since the run in a way the plan does not expect,
// the database fails). Passwords come only from the environment or a mode-600 file, and the
// process makes no core file while it holds them.
int run_fix(const FixOptions& options);

} // namespace app
