#pragma once
// What `phonesweep fix` changes on a CUCM user, worked out from lists alone (pure): the devices
// and groups still to add or remove, the lists an update writes, and what a user lost since an
// earlier reading. Device names are compared as the CUCM does (same_device), group names with
// either spelling of a group (same_group).
#include <cucm/axl.hpp>

#include <string>
#include <vector>

namespace cucm {

// Names to add to and remove from a user's controlled devices and access control groups.
struct ListChange {
  std::vector<std::string> add_devices;
  std::vector<std::string> add_groups;
  std::vector<std::string> remove_devices;
  std::vector<std::string> remove_groups;
  [[nodiscard]] bool empty() const;
};

// The group names of a user, in AXL's order.
std::vector<std::string> group_names(const AxlUser& user);

// `wanted` reduced to what would change `user`: additions it lacks, removals it has; each name
// once, in `wanted`'s order. Applying the same change twice therefore changes nothing the second
// time.
ListChange still_needed(const AxlUser& user, const ListChange& wanted);

// A list with `add` appended and `remove` taken out. Every other name stays, in its order: the
// written list never loses a name nobody asked to remove.
std::vector<std::string> changed_devices(const std::vector<std::string>& current, const std::vector<std::string>& add,
                                         const std::vector<std::string>& remove);
std::vector<std::string> changed_groups(const std::vector<std::string>& current, const std::vector<std::string>& add,
                                        const std::vector<std::string>& remove);

// The names of an earlier reading that `now` lacks: what someone removed since.
struct Lost {
  std::vector<std::string> devices;
  std::vector<std::string> groups;
  [[nodiscard]] bool empty() const { return devices.empty() && groups.empty(); }
};
Lost lost_since(const std::vector<std::string>& devices_before, const std::vector<std::string>& groups_before,
                const AxlUser& now);

} // namespace cucm
