#pragma once
// What `fix` reads from a run: the scan's user, what AXL said about it when the run began
// (scan --axl), and the failing phones sorted by who can fix them: AXL (not_associated, and
// missing_roles, whose phones may lack the association too) or a person (every other cause).
#include <diagnosis/root_cause.hpp>
#include <inventory/target.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct FixPhone {
  inventory::Target target; // as the run stored it (address, device name, site, other columns)
  std::string device;       // its CUCM device name: the inventory's, else the one the phone gave
  diagnosis::RootCause cause = diagnosis::RootCause::ok;
  std::string detail;
  std::string auth_url; // the authentication URL its network setup page showed
};

struct FixDiagnosis {
  storage::RunSummary run;
  std::string user;                    // the scan's user: the one fix changes
  bool end_user = false;               // the run's AXL preflight asked getUser
  std::optional<storage::AxlView> axl; // the user as AXL showed it when the run began
  // The run's own options, which --verify's scan repeats.
  std::string cucm;
  double timeout = 10;
  double connect_timeout = 3;
  std::string dns_server;
  std::optional<int> concurrency;      // nullopt: not recorded (scan's default)
  std::optional<int> auth_concurrency; // the caps of authenticated requests the run used
  std::optional<double> auth_rate;
  std::optional<int> max_failed_logons;
  std::vector<FixPhone> by_axl;   // not_associated and missing_roles phones with a device name
  std::size_t by_axl_unnamed = 0; // such phones without a device name: nothing to associate
  std::size_t missing_roles = 0;  // phones the run found missing_roles
  std::vector<FixPhone> manual;   // every other failing phone, in the run's order (cause, site, address)
};

// Reads the run once. Throws UsageError when there is no such run, or it did not complete (a
// partial diagnosis would plan a partial fix).
FixDiagnosis read_diagnosis(storage::Database& db, std::int64_t run);

// The newest completed run; throws UsageError naming the database when there is none.
std::int64_t newest_completed_run(storage::Database& db);

} // namespace app
