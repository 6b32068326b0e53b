#pragma once
// `scan --axl URL`: asks AXL about the scan's user before any phone is contacted (exists, CTI
// groups, controlled devices; the inventory phones it does not control are listed). The facts
// are stored with the run (storage/cucm_view.hpp) for `--resume`, `report` and the settling of
// the run's outcomes, where diagnose() turns them into missing_roles, not_associated and
// bad_credentials (diagnosis/diagnose.hpp).
#include <cucm/preflight.hpp>
#include <cucm/transport.hpp>
#include <inventory/target.hpp>
#include <storage/cucm_view.hpp>

#include <span>
#include <string>
#include <vector>

namespace app {

struct AxlPreflightOptions {
  std::string url;      // https://cucm:8443
  std::string axl_user; // who asks AXL (an AXL-enabled account)
  std::string axl_password;
  std::string user;      // the scan's user, asked about
  bool end_user = false; // getUser instead of getAppUser
  std::string cacert;
  bool insecure = false;
  std::string proxy; // --proxy; empty: none (the environment's proxy variables are ignored)
  // axl_user is the scan's own user: a 401 is a failed logon of the account the sweep is about
  // to use, which the credential guard counts (app/credentials.hpp), so it is reported in the
  // facts (`refused`) instead of thrown.
  bool scan_account = false;
};

struct AxlFacts {
  bool refused = false; // HTTP 401 to the scan's own account (scan_account): no other facts
  bool user_missing = false;
  cucm::UserAssessment user;
  std::vector<std::string> groups; // the user's access control groups, AXL's order
};

// Where AXL and RisPort70 are asked, by whom, with which TLS and proxy settings; stopped by
// SIGINT / SIGTERM (StopSignals).
cucm::Endpoint soap_endpoint(const AxlPreflightOptions& options);

// The facts as the run stores them, and back (a resumed run without --axl keeps the stored ones).
storage::AxlView stored_axl_view(const AxlPreflightOptions& options, const AxlFacts& facts);
AxlFacts axl_facts_from(const storage::AxlView& view);

// Asks AXL and prints the findings to stderr. Throws RunError when AXL cannot be asked (TLS,
// 401 to another account than the scan's, not an AXL answer) or SIGINT / SIGTERM (StopSignals)
// stopped the request; a missing user and a 401 to the scan's own account are findings
// (user_missing, refused), not errors.
// Asked over `transport` (soap_endpoint(options)'s, or the run's shared one).
AxlFacts axl_preflight(const AxlPreflightOptions& options, cucm::Transport& transport,
                       std::span<const inventory::Target> targets);

} // namespace app
