#include <sim/fleetsim/user_account.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace fleetsim {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

const std::vector<std::string>& known_groups() {
  // The standard groups a CUCM ships that matter here (remote-control vendors' lists, AXL access,
  // end users); a name outside them is no group of this CUCM.
  static const std::vector<std::string> groups{
      "Standard AXL API Access",
      "Standard CCM End Users",
      "Standard CTI Enabled",
      "Standard CTI Allow Control of All Devices",
      "Standard CTI Allow Control of Phones supporting Connected Xfer and conf",
      "Standard CTI Allow Control of Phones supporting Rollover Mode",
      "Standard CTI Secure Connection",
  };
  return groups;
}

UserAccount::UserAccount(const Estate& estate) : groups_(estate.cucm.groups) {
  for (const Phone& p : estate.phones) {
    device_names_.emplace(lower(p.device_name), p.device_name);
    if (estate.cucm.controlled.contains(p.device_name)) {
      devices_.push_back(p.device_name);
      controlled_.insert(p.device_name);
    }
  }
}

bool UserAccount::controls(std::string_view device_name) const {
  std::shared_lock lock(mutex_);
  return controlled_.contains(std::string(device_name));
}

std::vector<std::string> UserAccount::devices() const {
  std::shared_lock lock(mutex_);
  return devices_;
}

std::vector<UserGroup> UserAccount::groups() const {
  std::shared_lock lock(mutex_);
  return groups_;
}

std::optional<std::string> UserAccount::update(const std::optional<std::vector<std::string>>& device_list,
                                               const std::optional<std::vector<std::string>>& group_list) {
  std::vector<std::string> devices;
  std::unordered_set<std::string> controlled;
  for (const auto& name : device_list.value_or(std::vector<std::string>{})) {
    const auto known = device_names_.find(lower(name));
    if (known == device_names_.end()) return name;
    if (controlled.insert(known->second).second) devices.push_back(known->second);
  }
  std::vector<UserGroup> groups;
  for (const auto& name : group_list.value_or(std::vector<std::string>{})) {
    const auto& known = known_groups();
    const auto it =
        std::find_if(known.begin(), known.end(), [&](const std::string& g) { return lower(g) == lower(name); });
    if (it == known.end()) return name;
    if (std::none_of(groups.begin(), groups.end(), [&](const UserGroup& g) { return g.name == *it; }))
      groups.push_back({*it, {*it}});
  }
  std::unique_lock lock(mutex_);
  if (device_list) {
    devices_ = std::move(devices);
    controlled_ = std::move(controlled);
  }
  if (group_list) groups_ = std::move(groups);
  ++updates_;
  return std::nullopt;
}

std::uint64_t UserAccount::updates() const {
  std::shared_lock lock(mutex_);
  return updates_;
}

} // namespace fleetsim
