#pragma once
// What AXL says about the scan's user before a sweep: the user exists, has the CTI groups remote
// control uses, controls these devices. The causes these facts prove are diagnose()'s
// (diagnosis/diagnose.hpp). Pure: no I/O.
#include <cucm/axl.hpp>

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

} // namespace cucm
