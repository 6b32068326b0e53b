#pragma once
// What the CUCM says about one phone, as diagnose() takes it: RisPort70's registration and web
// server state, and what AXL says about the scan's user as far as this phone is concerned
// (doc/DESIGN.md: unregistered and web_disabled are proven by RisPort; missing_roles, not_associated
// and a missing user's bad_credentials by AXL). Typed once, where the facts arrive: an inventory
// row's registration / httpd columns (risport_from_columns), the run's AXL facts (CucmFacts).
// Pure: no I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace diagnosis {

enum class Registration { unknown, registered, not_registered };

// The inventory row columns that carry RisPort70's view of a phone: written by `discover` /
// `scan --cucm-discover` (registration, httpd; cucm/inventory_csv.hpp) and by the RisPort lookup
// of `scan --axl` (all of them; app/risport_lookup.hpp); any inventory may carry them.
namespace risport_column {
inline constexpr std::string_view registration = "registration";   // registered, unregistered, rejected, …
inline constexpr std::string_view httpd = "httpd";                 // yes, no, unknown
inline constexpr std::string_view registered_ip = "registered_ip"; // the address it registered from
inline constexpr std::string_view node = "cucm_node";              // the CmNode that reported it
inline constexpr std::string_view registered_at = "registered_at"; // TimeStamp, ISO 8601 UTC
inline constexpr std::string_view active_load = "active_load";     // ActiveLoadID: the firmware it runs
inline constexpr std::string_view device = "cucm_device";          // its name, for a row looked up by address
} // namespace risport_column

// RisPort70's view of the phone (selectCmDeviceExt: Status, Httpd, IPAddress).
struct RisPortState {
  Registration registration = Registration::unknown;
  std::string status;             // RisPort's status as recorded ("unregistered", "rejected",
                                  // "partially_registered"): a phone not registered is called so
  std::optional<bool> web_server; // Httpd: false when the phone's web server is off; nullopt: not known
};

// Where RisPort70 has the phone (its registered_ip column), against the inventory's address.
struct RegisteredAddress {
  std::string ip; // the address RisPort has for it; empty: not known
  // The inventory's IPv4 address when RisPort has the phone at another one (a finding: the
  // inventory is out of date, or another phone answers there); empty otherwise.
  std::string inventory_differs;
};

// AXL's view of the scan's user, as far as this phone is concerned.
struct AxlPhoneState {
  bool user_missing = false;      // no such user (getAppUser / getUser fault 5007)
  bool roles_missing = false;     // the user lacks a group remote control uses (cucm::required_groups)
  std::optional<bool> controlled; // the phone is among the user's controlled devices; nullopt: not known
};

// Default: the CUCM said nothing about the phone (no RisPort columns, no --axl).
struct CucmPhoneView {
  RisPortState risport;
  AxlPhoneState axl;
  RegisteredAddress address;
};

// An inventory row's other columns (inventory::Target::extra).
using InventoryColumns = std::span<const std::pair<std::string, std::string>>;

// RisPort's state from an inventory row's registration / httpd columns, which `discover` and
// `scan --cucm-discover` write (cucm/inventory_csv.hpp) and any inventory may carry: registration
// empty, absent or "unknown" is unknown, "registered" registered, any other value not registered;
// httpd "no" is a web server that is off, "yes" one that is on, anything else not known. When a
// column is repeated, the last one counts.
RisPortState risport_from_columns(InventoryColumns columns);

// What AXL said about the scan's user for the whole run (scan --axl, stored with the run).
struct AxlUserFacts {
  bool user_missing = false;
  bool roles_missing = false;                 // lacks a required group (meaningless when missing)
  std::unordered_set<std::string> controlled; // device names, upper-case

  // The user's state for the phone named `device_name` (case-insensitive); an unnamed phone's
  // association, and any phone's when the user is missing, is not known.
  [[nodiscard]] AxlPhoneState for_device(std::string_view device_name) const;
};

// What the CUCM said for the run as a whole, from which each phone's view is taken.
struct CucmFacts {
  std::optional<AxlUserFacts> axl; // nullopt: AXL was not asked, or refused the password

  // `inventory_host`: the row's host, compared with RisPort's registered address (the row's
  // registered_ip column) when both are IPv4 addresses (RegisteredAddress::inventory_differs).
  [[nodiscard]] CucmPhoneView phone(std::string_view device_name, InventoryColumns columns,
                                    std::string_view inventory_host = {}) const;
};

} // namespace diagnosis
