#pragma once
// `scan --axl URL`: asks AXL about the scan's user before any phone is contacted (exists, CTI
// groups, controlled devices; the inventory phones it does not control are listed), and after
// the sweep applies the causes the CUCM proves (cucm/preflight.hpp): missing_roles and
// not_associated from AXL, unregistered and web_disabled from the inventory's registration /
// httpd columns that `phonesweep discover` writes.
#include <cucm/preflight.hpp>
#include <inventory/target.hpp>
#include <storage/database.hpp>

#include <optional>
#include <span>
#include <string>
#include <unordered_map>

namespace app {

struct AxlPreflightOptions {
  std::string url;          // https://cucm:8443
  std::string axl_user;     // who asks AXL (an AXL-enabled account)
  std::string axl_password;
  std::string user;         // the scan's user, asked about
  bool end_user = false;    // getUser instead of getAppUser
  std::string cacert;
  bool insecure = false;
};

struct AxlFacts {
  bool user_missing = false;
  cucm::UserAssessment user;
};

// Asks AXL and prints the findings to stderr. Throws RunError when AXL cannot be asked (TLS,
// 401, not an AXL answer); a missing user is a finding (user_missing), not an error.
AxlFacts axl_preflight(const AxlPreflightOptions& options, std::span<const inventory::Target> targets);

// Collects each swept phone's CUCM facts, then re-labels the stored outcomes the CUCM explains.
class CucmFacts {
public:
  explicit CucmFacts(std::optional<AxlFacts> axl) : axl_(std::move(axl)) {}
  // Remembers the registration / httpd columns of a target (cheap: only when present).
  void note(const inventory::Target& target);
  // Applies cucm_outcome() to every record of the run; returns how many changed.
  std::size_t apply(storage::Database& db, std::int64_t run) const;

private:
  struct State {
    std::string registration;
    std::string httpd;
  };
  std::optional<AxlFacts> axl_;
  std::unordered_map<std::string, State> by_address_;
};

} // namespace app
