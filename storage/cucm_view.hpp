#pragma once
// What the CUCM said about a run as a whole, kept in runs.cucm_json so that `scan --resume` and
// `report` see it: the AXL preflight (`scan --axl`) and the discovery that produced the
// inventory (`scan --cucm-discover`). Per-phone CUCM state (RisPort's registration and Httpd)
// is not here: it travels with each phone's inventory row into results.extra_json.
// Never holds a password.
#include <diagnosis/cucm_phone_view.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

struct AxlView {
  std::string url;                          // the AXL service asked (https://cucm:8443)
  std::string operation;                    // getAppUser or getUser
  std::string user;                         // the scan's user, asked about
  bool exists = false;                      // false: AXL fault 5007, no such user
  std::vector<std::string> groups;          // the user's access control groups
  std::vector<std::string> missing_groups;  // required groups the user lacks
  std::vector<std::string> controlled;      // controlled device names, upper-case
};

struct DiscoveryView {
  std::string url;                          // the CUCM asked (AXL listPhone + RisPort70)
  std::string name_pattern;                 // listPhone's name LIKE pattern
  std::size_t phones = 0;                   // phones AXL listed
  std::size_t unregistered = 0;             // of them, not registered per RisPort
  std::size_t web_disabled = 0;             // of them, Httpd No
  std::vector<std::string> without_address; // device names RisPort had no address for (not scanned)
};

struct CucmView {
  std::optional<AxlView> axl;
  std::optional<DiscoveryView> discovery;
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
