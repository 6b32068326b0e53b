#pragma once
// What the CUCM said about a run as a whole, kept in runs.cucm_json so that `scan --resume` and
// `report` see it: the AXL preflight (`scan --axl`), the discovery that produced the inventory
// (`scan --cucm-discover`) and the RisPort70 lookup of an inventory's phones (`scan --axl`).
// Per-phone CUCM state (RisPort's registration, Httpd, registered address, node, active load)
// is not here: it travels with each phone's inventory row into results.extra_json
// (cucm/risport_columns.hpp).
// Never holds a password.
#include <diagnosis/cucm_phone_view.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

struct AxlView {
  std::string url;                         // the AXL service asked (https://cucm:8443)
  std::string operation;                   // getAppUser or getUser
  std::string user;                        // the scan's user, asked about
  bool exists = false;                     // false: AXL fault 5007, no such user
  std::vector<std::string> groups;         // the user's access control groups
  std::vector<std::string> missing_groups; // required groups the user lacks
  std::vector<std::string> controlled;     // controlled device names, upper-case
};

struct DiscoveryView {
  std::string url;                          // the CUCM asked (AXL listPhone + RisPort70)
  std::string name_pattern;                 // listPhone's name LIKE pattern
  std::size_t phones = 0;                   // phones AXL listed
  std::size_t unregistered = 0;             // of them, not registered per RisPort
  std::size_t web_disabled = 0;             // of them, Httpd No
  std::vector<std::string> without_address; // device names RisPort had no address for (not scanned)
};

// RisPort70 asked about an inventory's phones (`scan --axl` without --cucm-discover).
struct RisPortView {
  std::string url;                    // the CUCM asked
  std::size_t by_name = 0;            // device names asked for
  std::size_t by_address = 0;         // IPv4 addresses asked for (rows without a device name)
  std::size_t requests = 0;           // selectCmDeviceExt requests, throttled ones included
  std::size_t rate_faults = 0;        // Server.RateControl faults
  std::size_t known = 0;              // phones RisPort knew
  std::size_t unregistered = 0;       // of them, not registered
  std::size_t web_disabled = 0;       // of them, Httpd No
  std::size_t moved = 0;              // of them, registered from another address than the inventory's
  std::vector<std::string> not_found; // device names / addresses RisPort does not know
  std::vector<std::string> unchecked; // addresses not asked: no device name, not an IPv4 address
  std::string error;                  // why RisPort could not be asked (the run went on without it)
};

struct CucmView {
  std::optional<AxlView> axl;
  std::optional<DiscoveryView> discovery;
  std::optional<RisPortView> risport;
};

// Always valid JSON; "{}" for an empty view.
std::string encode_cucm_view(const CucmView& view);

// nullopt when `json` is not an object of the shape encode_cucm_view writes (unknown keys are
// ignored, so a newer phonesweep may add some).
std::optional<CucmView> decode_cucm_view(std::string_view json);

// The AXL facts diagnose() reads (diagnosis/cucm_phone_view.hpp): roles are missing when a
// required group is, and controlled devices are compared case-insensitively.
diagnosis::AxlUserFacts axl_user_facts(const AxlView& view);

// The CUCM's facts for settling the run's phones: the AXL facts when AXL was asked.
diagnosis::CucmFacts cucm_facts(const CucmView& view);

} // namespace storage
