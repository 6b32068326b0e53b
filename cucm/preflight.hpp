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
// unconfirmed (doc/DOMAIN.md §8): one entry, easy to correct.
std::span<const std::string_view> required_groups();

// The name CUCM ships a group under, for a name as guides spell it: Cisco's troubleshooting guide
// writes "Standard CTI Allow Control of All Phones" for the group CUCM ships as "Standard CTI
// Allow Control of All Devices" (doc/DOMAIN.md §8). Other names are returned as given.
std::string_view cucm_group_name(std::string_view name);

// Whether two group names are one group: without case, either spelling of the group above.
bool same_group(std::string_view a, std::string_view b);

// Whether two device names are one device: CUCM device names are compared without case.
bool same_device(std::string_view a, std::string_view b);
// A device name as the CUCM writes it (upper-case, "SEP00EBD5A1B2C3"): equal for one device.
std::string device_key(std::string_view name);
// A group name reduced to what same_group compares (the CUCM's spelling, upper-case).
std::string group_key(std::string_view name);

struct UserAssessment {
  std::string userid;
  std::vector<std::string> missing_groups;    // required_groups() the user lacks
  std::unordered_set<std::string> controlled; // device names, upper-case
};

UserAssessment assess(const AxlUser& user);

// Whether `device_name` is among the controlled devices (case-insensitive, as CUCM names are).
bool controls(const UserAssessment& user, std::string_view device_name);

} // namespace cucm
