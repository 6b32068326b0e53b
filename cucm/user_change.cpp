#include <cucm/user_change.hpp>

#include <cucm/preflight.hpp>

#include <string_view>
#include <unordered_set>

namespace cucm {
namespace {

// The form two names of one thing share (device_key, group_key: cucm/preflight.hpp): sets of
// these keys keep the work linear in the size of the lists, which may hold tens of thousands of
// devices.
using Key = std::string (*)(std::string_view);

std::unordered_set<std::string> keys(const std::vector<std::string>& names, Key key) {
  std::unordered_set<std::string> out;
  for (const auto& name : names) out.insert(key(name));
  return out;
}

// The names of `wanted` that are (or, with `present` false, are not) in `have`, once each.
std::vector<std::string> filtered(const std::vector<std::string>& wanted, const std::vector<std::string>& have,
                                  bool present, Key key) {
  const auto have_keys = keys(have, key);
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& name : wanted) {
    std::string k = key(name);
    if (have_keys.contains(k) == present && seen.insert(std::move(k)).second) out.push_back(name);
  }
  return out;
}

std::vector<std::string> changed(const std::vector<std::string>& current, const std::vector<std::string>& add,
                                 const std::vector<std::string>& remove, Key key) {
  const auto removed = keys(remove, key);
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (const auto* list : {&current, &add})
    for (const auto& name : *list) {
      std::string k = key(name);
      if (!removed.contains(k) && seen.insert(std::move(k)).second) out.push_back(name);
    }
  return out;
}

} // namespace

bool ListChange::empty() const {
  return add_devices.empty() && add_groups.empty() && remove_devices.empty() && remove_groups.empty();
}

std::vector<std::string> group_names(const AxlUser& user) {
  std::vector<std::string> names;
  for (const auto& group : user.groups) names.push_back(group.name);
  return names;
}

ListChange still_needed(const AxlUser& user, const ListChange& wanted) {
  const std::vector<std::string> groups = group_names(user);
  ListChange out;
  out.add_devices = filtered(wanted.add_devices, user.devices, false, device_key);
  out.add_groups = filtered(wanted.add_groups, groups, false, group_key);
  out.remove_devices = filtered(wanted.remove_devices, user.devices, true, device_key);
  out.remove_groups = filtered(wanted.remove_groups, groups, true, group_key);
  return out;
}

std::vector<std::string> changed_devices(const std::vector<std::string>& current, const std::vector<std::string>& add,
                                         const std::vector<std::string>& remove) {
  return changed(current, add, remove, device_key);
}

std::vector<std::string> changed_groups(const std::vector<std::string>& current, const std::vector<std::string>& add,
                                        const std::vector<std::string>& remove) {
  return changed(current, add, remove, group_key);
}

Lost lost_since(const std::vector<std::string>& devices_before, const std::vector<std::string>& groups_before,
                const AxlUser& now) {
  Lost lost;
  lost.devices = filtered(devices_before, now.devices, false, device_key);
  lost.groups = filtered(groups_before, group_names(now), false, group_key);
  return lost;
}

} // namespace cucm
