#pragma once
// What the CUCM itself says before and after a sweep: the AXL preflight (the user exists, has
// the CTI groups remote control uses, controls these devices) and the root causes the CUCM
// proves (DESIGN.md: unregistered and web_disabled from RisPort, missing_roles and
// not_associated from AXL). Pure: no I/O.
#include <cucm/axl.hpp>
#include <diagnosis/diagnose.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace cucm {

// The groups remote control needs. Whether CTI groups matter for screenshots at all is
// unconfirmed (DOMAIN.md §3): one entry, easy to correct.
std::span<const std::string_view> required_groups();

struct UserAssessment {
  std::string userid;
  std::vector<std::string> missing_groups;          // required_groups() the user lacks
  std::unordered_set<std::string> controlled;       // device names, upper-case
};

UserAssessment assess(const AxlUser& user);

// Whether `device_name` is among the controlled devices (case-insensitive, as CUCM names are).
bool controls(const UserAssessment& user, std::string_view device_name);

// One phone's CUCM facts: from the inventory's registration / httpd columns (written by
// discover) and from the AXL preflight. Empty strings and nullopt: not known.
struct PhoneFacts {
  std::string registration;        // registered, unregistered, ...
  std::string httpd;               // yes, no, unknown
  std::optional<bool> controlled;  // AXL: the user controls the device
  bool roles_missing = false;      // AXL: the user lacks a required group
  bool user_missing = false;       // AXL: no such user (getAppUser / getUser fault 5007)
};

// The cause the CUCM proves for a phone the sweep diagnosed as `scanned`; nullopt when it
// changes nothing. A phone that did not answer (unreachable, timeout, closed before answering)
// is unregistered when RisPort says so, else web_disabled when RisPort's Httpd is No; an
// authentication failure (Error 4 causes below bad_credentials) is bad_credentials when AXL
// knows no such user, missing_roles when the user lacks the groups, else not_associated when
// AXL's controlled devices lack the phone.
std::optional<diagnosis::Outcome> cucm_outcome(const diagnosis::Outcome& scanned, const PhoneFacts& facts);

} // namespace cucm
