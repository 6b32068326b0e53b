#pragma once
// AXL (the CUCM's SOAP administration API, https://<cucm>:8443/axl/): the listPhone, getAppUser
// and getUser requests phonesweep sends and readers of their answers. Pure: no I/O.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace cucm {

inline constexpr std::string_view axl_path = "/axl/";
inline constexpr std::string_view default_axl_version = "14.0";

// The request envelope's namespace declaration for the AXL schema `version`:
// `xmlns:ns="http://www.cisco.com/AXL/API/14.0"`; requests put their operation in `ns:`.
std::string axl_namespace(std::string_view version);

// `SOAPAction: "CUCM:DB ver=14.0 listPhone"` (the quotes are part of the header value).
std::string axl_soap_action(std::string_view operation, std::string_view version = default_axl_version);

// What listPhone's returnedTags asks for.
struct AxlPhone {
  std::string name; // SEP001122334455
  std::string description;
  std::string model;       // "Cisco 8841" (the CUCM's product name, not the phone's CP-8841)
  std::string device_pool; // devicePoolName
};

// listPhone for device names LIKE `name_pattern` ('%' wildcard), one page: rows
// skip .. skip+first-1 in the CUCM's order.
std::string list_phone_request(std::string_view name_pattern, std::size_t skip, std::size_t first,
                               std::string_view version = default_axl_version);

// The phones of a listPhoneResponse (an empty <return/> is an empty page). Error: a one-line
// reason when the body is not XML, is a SOAP fault, or is not a listPhoneResponse.
tl::expected<std::vector<AxlPhone>, std::string> read_list_phone(std::string_view body);

struct UserGroup {
  std::string name;               // "Standard CTI Enabled"
  std::vector<std::string> roles; // userRoles/userRole
};

// An application user (getAppUser) or end user (getUser).
struct AxlUser {
  std::string userid;
  std::vector<std::string> devices; // associatedDevices/device: the controlled devices
  std::vector<UserGroup> groups;    // associatedGroups/userGroup
  // Whether the answer held the element at all: an absent list is unknown, not empty, and a
  // writer that replaces the whole list (cucm/axl_update.hpp) must not take it for empty.
  bool devices_listed = false;
  bool groups_listed = false;
};

std::string get_app_user_request(std::string_view userid, std::string_view version = default_axl_version);
// getUser asks for userid, associatedDevices and associatedGroups in returnedTags (GetUserReq's
// returnedTags is an RUser, whose children include both lists: AXL schema 14.0). Asked for
// explicitly because newer CUCMs are said to leave associatedGroups out of a getUser answer
// without returnedTags (unconfirmed; asking is valid either way).
std::string get_user_request(std::string_view userid, std::string_view version = default_axl_version);

// The user of a getAppUserResponse or getUserResponse. Error as read_list_phone().
tl::expected<AxlUser, std::string> read_user(std::string_view body);

} // namespace cucm
