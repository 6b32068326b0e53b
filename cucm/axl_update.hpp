#pragma once
// AXL updateAppUser / updateUser: the requests `phonesweep fix` sends to change a user's
// controlled devices and access control groups, and the reader of their answers. Pure: no I/O.
//
// What they rest on (Cisco's AXL schema 14.0, AXLSoap.xsd, as published in
// github.com/CiscoDevNet/axl-python-zeep-samples schema/, and Cisco's sample
// axl_add_update_User.py there, which sends updateUser with userid, associatedDevices/device and
// associatedGroups/userGroup/name):
//  - UpdateAppUserReq and UpdateUserReq start with a choice of <uuid> or <userid>; among their
//    optional elements, in schema order, come <associatedDevices> (one <device> per name: "also
//    known as controlled devices") and later <associatedGroups> (one <userGroup> with a <name>
//    each; its <userRoles> are read-only). Writing userid, then devices, then groups keeps the
//    schema's order for both operations.
//  - updateAppUserResponse / updateUserResponse are StandardResponse: <return> holds the user's
//    GUID ("{…}") or "true".
//  - A fault is a SOAP Fault whose detail holds axlError/{axlcode, axlmessage, request}
//    (cucm/soap.hpp reads it).
//  - A list that is written replaces the user's whole list (doc/DOMAIN.md §7): the caller writes
//    what the user has plus what it adds, and leaves out a list it does not change.
#include <cucm/axl.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace cucm {

// "getAppUser" / "getUser" and "updateAppUser" / "updateUser".
std::string_view get_operation(bool end_user);
std::string_view update_operation(bool end_user);

// The lists an update writes. nullopt: the element is left out and the CUCM keeps that list.
struct UserLists {
  std::optional<std::vector<std::string>> devices;
  std::optional<std::vector<std::string>> groups; // group names (the CUCM's spelling)
};

// updateAppUser (end_user false) or updateUser for `userid`.
std::string update_user_request(bool end_user, std::string_view userid, const UserLists& lists,
                                std::string_view version = default_axl_version);

// The <return> of an updateAppUserResponse / updateUserResponse (a GUID or "true"). Error: a
// one-line reason when the body is not XML, is a SOAP fault, or is not that response.
tl::expected<std::string, std::string> read_update(std::string_view body, bool end_user);

} // namespace cucm
