#pragma once
// `scan --axl URL`: asks AXL about the scan's user before any phone is contacted (exists, CTI
// groups, controlled devices; the inventory phones it does not control are listed), and after
// the sweep applies the causes the CUCM proves (cucm/preflight.hpp): missing_roles and
// not_associated from AXL, unregistered and web_disabled from the inventory's registration /
// httpd columns that `phonesweep discover` (and `scan --cucm-discover`) writes. The AXL facts
// are stored with the run (storage/cucm_view.hpp) for `--resume` and `report`; the per-phone
// columns are stored with each phone's inventory row.
#include <cucm/preflight.hpp>
#include <inventory/target.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace app {

struct AxlPreflightOptions {
  std::string url;          // https://cucm:8443
  std::string axl_user;     // who asks AXL (an AXL-enabled account)
  std::string axl_password;
  std::string user;         // the scan's user, asked about
  bool end_user = false;    // getUser instead of getAppUser
  std::string cacert;
  bool insecure = false;
  std::string proxy;        // --proxy; empty: none (the environment's proxy variables are ignored)
  // axl_user is the scan's own user: a 401 is a failed logon of the account the sweep is about
  // to use, which the credential guard counts (app/credentials.hpp), so it is reported in the
  // facts (`refused`) instead of thrown.
  bool scan_account = false;
};

struct AxlFacts {
  bool refused = false;      // HTTP 401 to the scan's own account (scan_account): no other facts
  bool user_missing = false;
  cucm::UserAssessment user;
  std::vector<std::string> groups; // the user's access control groups, AXL's order
};

// The facts as the run stores them, and back (a resumed run without --axl keeps the stored ones).
storage::AxlView stored_axl_view(const AxlPreflightOptions& options, const AxlFacts& facts);
AxlFacts axl_facts_from(const storage::AxlView& view);

// Asks AXL and prints the findings to stderr. Throws RunError when AXL cannot be asked (TLS,
// 401 to another account than the scan's, not an AXL answer) or SIGINT / SIGTERM (StopSignals)
// stopped the request; a missing user and a 401 to the scan's own account are findings
// (user_missing, refused), not errors.
AxlFacts axl_preflight(const AxlPreflightOptions& options, std::span<const inventory::Target> targets);

// Re-labels the stored outcomes the CUCM explains. Reads each phone's registration / httpd from
// its stored inventory row, so phones recorded before a crash or interruption are covered too.
class CucmFacts {
public:
  explicit CucmFacts(std::optional<AxlFacts> axl) : axl_(std::move(axl)) {}
  // Notes whether a swept target has registration / httpd columns: without them and without AXL
  // facts apply() has nothing to do and skips reading the run again.
  void note(const inventory::Target& target);
  // The run holds phones recorded earlier (--resume), whose columns note() did not see.
  void note_resumed() { columns_seen_ = true; }
  // Applies cucm_outcome() to every record of the run; returns how many changed.
  std::size_t apply(storage::Database& db, std::int64_t run) const;

private:
  std::optional<AxlFacts> axl_;
  bool columns_seen_ = false;
};

} // namespace app
