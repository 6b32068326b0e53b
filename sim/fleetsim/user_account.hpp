#pragma once
// The simulated CUCM's live record of its one user: the controlled devices and access control
// groups that AXL reads (getAppUser / getUser) and writes (updateAppUser / updateUser), and that
// every logon consults (a phone's screenshot check, the authentication service on 8080 and
// 8443). One object serves the phone, CUCM and SOAP daemons' threads, so an update counts from
// the next request on, as a CUCM's database does. Thread-safe.
#include <sim/fleetsim/estate.hpp>

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fleetsim {

// The access control groups the simulated CUCM has, by the names CUCM ships them under
// ("Standard CTI Allow Control of All Devices", not the troubleshooting guide's "…All Phones").
// Each grants the role of its own name.
const std::vector<std::string>& known_groups();

class UserAccount {
public:
  // Starts with the estate's association (estate.cucm.controlled, in the phones' order) and
  // groups. `estate` must outlive the account.
  explicit UserAccount(const Estate& estate);

  [[nodiscard]] bool controls(std::string_view device_name) const;
  [[nodiscard]] std::vector<std::string> devices() const;
  [[nodiscard]] std::vector<UserGroup> groups() const;

  // Replaces each list given, whole, as AXL's associatedDevices and associatedGroups do
  // (doc/DOMAIN.md §7); nullopt leaves that list as it is. Device names are matched without case and
  // stored as the estate spells them; group names must be known_groups() (without case). Both or
  // nothing: a name that is no device of the estate or no known group is returned, and nothing
  // changes.
  std::optional<std::string> update(const std::optional<std::vector<std::string>>& devices,
                                    const std::optional<std::vector<std::string>>& groups);

  [[nodiscard]] std::uint64_t updates() const; // accepted update() calls

private:
  std::unordered_map<std::string, std::string> device_names_; // lower-case -> the estate's name
  mutable std::shared_mutex mutex_;
  std::vector<std::string> devices_;
  std::unordered_set<std::string> controlled_;
  std::vector<UserGroup> groups_;
  std::uint64_t updates_ = 0;
};

} // namespace fleetsim
