#include <app/fix_change.hpp>

#include <app/exit_status.hpp>
#include <app/signals.hpp>
#include <cucm/preflight.hpp>

#include <fmt/format.h>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <unordered_set>

namespace app {
namespace {

// The added devices `size` at a time; one empty batch when there are none (groups, removals).
std::vector<std::vector<std::string>> batches_of(const std::vector<std::string>& devices, std::size_t size) {
  std::vector<std::vector<std::string>> out;
  for (std::size_t at = 0; at < devices.size(); at += size)
    out.emplace_back(devices.begin() + static_cast<std::ptrdiff_t>(at),
                     devices.begin() + static_cast<std::ptrdiff_t>(std::min(devices.size(), at + size)));
  if (out.empty()) out.emplace_back();
  return out;
}

std::string first_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? ", " : "") + names[i];
  return names.size() > 3 ? out + ", ..." : out;
}

std::string describe(const cucm::Lost& lost) {
  std::string out;
  if (!lost.devices.empty())
    out += fmt::format("{} device{} ({})", lost.devices.size(), lost.devices.size() == 1 ? "" : "s",
                       first_names(lost.devices));
  if (!lost.groups.empty())
    out += fmt::format("{}{} group{} ({})", out.empty() ? "" : " and ", lost.groups.size(),
                       lost.groups.size() == 1 ? "" : "s", first_names(lost.groups));
  return out;
}

// The names the user must have after the change so far, and the ones it must not.
struct Expected {
  std::vector<std::string> devices;
  std::vector<std::string> groups;
  std::vector<std::string> gone_devices;
  std::vector<std::string> gone_groups;

  void add(const cucm::ListChange& part) {
    devices = cucm::changed_devices(devices, part.add_devices, part.remove_devices);
    groups = cucm::changed_groups(groups, part.add_groups, part.remove_groups);
    gone_devices.insert(gone_devices.end(), part.remove_devices.begin(), part.remove_devices.end());
    gone_groups.insert(gone_groups.end(), part.remove_groups.begin(), part.remove_groups.end());
  }
  // What `user` lacks of it, or still has of what was removed; empty when it is as expected.
  [[nodiscard]] std::string problem(const cucm::AxlUser& user) const {
    const cucm::Lost lost = cucm::lost_since(devices, groups, user);
    cucm::ListChange kept;
    kept.remove_devices = gone_devices;
    kept.remove_groups = gone_groups;
    const cucm::ListChange still = cucm::still_needed(user, kept);
    std::string out = lost.empty() ? std::string() : "the user lacks " + describe(lost);
    if (!still.remove_devices.empty() || !still.remove_groups.empty())
      out += (out.empty() ? "the user still has " : "; it still has ") +
             describe({still.remove_devices, still.remove_groups});
    return out;
  }
};

// One write: the user's lists as `current` has them with `part` applied. Only the lists `part`
// changes are written, but an end user's groups always (updateUser: see the README).
tl::expected<std::string, std::string> write_part(FixAxl& axl, const cucm::AxlUser& current,
                                                  const cucm::ListChange& part) {
  cucm::UserLists lists;
  if (!part.add_devices.empty() || !part.remove_devices.empty())
    lists.devices = cucm::changed_devices(current.devices, part.add_devices, part.remove_devices);
  if (!part.add_groups.empty() || !part.remove_groups.empty() || axl.end_user())
    lists.groups = cucm::changed_groups(cucm::group_names(current), part.add_groups, part.remove_groups);
  return axl.write(lists);
}

void add_to(cucm::ListChange& made, const cucm::ListChange& part) {
  made.add_devices.insert(made.add_devices.end(), part.add_devices.begin(), part.add_devices.end());
  made.add_groups.insert(made.add_groups.end(), part.add_groups.begin(), part.add_groups.end());
  made.remove_devices.insert(made.remove_devices.end(), part.remove_devices.begin(), part.remove_devices.end());
  made.remove_groups.insert(made.remove_groups.end(), part.remove_groups.begin(), part.remove_groups.end());
}

// The writes of write_change; returns why it stopped, empty when every batch was accepted.
std::string write_batches(FixAxl& axl, storage::ChangeLog& log, WriteOutcome& out, const cucm::AxlUser& now,
                          const cucm::ListChange& change, std::size_t batch, Expected& expected) {
  cucm::AxlUser current = now;
  const auto batches = batches_of(change.add_devices, std::max<std::size_t>(batch, 1));
  for (std::size_t k = 0; k < batches.size(); ++k) {
    if (k > 0) {
      if (StopSignals::received() != 0)
        return fmt::format("stopped by {} after {} of {} writes", signal_name(StopSignals::received()), k,
                           batches.size());
      current = axl.read();
      if (const auto lost = cucm::lost_since(expected.devices, expected.groups, current); !lost.empty())
        return "the user lost " + describe(lost) + " while fix was writing; nothing more was written";
    }
    cucm::ListChange part;
    part.add_devices = batches[k];
    if (k == 0) {
      part.add_groups = change.add_groups;
      part.remove_devices = change.remove_devices;
      part.remove_groups = change.remove_groups;
    }
    const auto answer = write_part(axl, current, part);
    log.record_write(out.change, {"",
                                  static_cast<bool>(answer),
                                  {part.add_devices, part.add_groups},
                                  {part.remove_devices, part.remove_groups},
                                  answer ? *answer : answer.error()});
    ++out.writes;
    if (!answer) return fmt::format("AXL refused write {} of {}: {}", k + 1, batches.size(), answer.error());
    add_to(out.made, part);
    expected.add(part);
  }
  return {};
}

} // namespace

UserPlan plan_user(const FixDiagnosis& diagnosis, cucm::AxlUser now) {
  UserPlan plan;
  cucm::ListChange wanted;
  for (const auto& phone : diagnosis.by_axl) wanted.add_devices.push_back(cucm::device_key(phone.device));
  if (diagnosis.missing_roles > 0)
    for (const auto group : cucm::required_groups()) wanted.add_groups.emplace_back(cucm::cucm_group_name(group));
  plan.change = cucm::still_needed(now, wanted);
  std::unordered_set<std::string> adding;
  for (const auto& device : plan.change.add_devices) adding.insert(cucm::device_key(device));
  const cucm::UserAssessment assessed = cucm::assess(now);
  const bool adds_groups = !plan.change.add_groups.empty();
  for (const auto& phone : diagnosis.by_axl) {
    const bool associates = adding.contains(cucm::device_key(phone.device));
    if (associates) plan.associating.push_back(&phone);
    if (associates || (adds_groups && phone.cause == diagnosis::RootCause::missing_roles))
      plan.phones.push_back(&phone);
    if (cucm::controls(assessed, phone.device)) ++plan.already_controlled;
  }
  if (diagnosis.axl) {
    plan.run_saw_user = true;
    plan.lost = cucm::lost_since(diagnosis.axl->controlled, diagnosis.axl->groups, now);
  }
  plan.user = std::move(now);
  return plan;
}

cucm::ListChange plan_undo(const storage::Change& change, const cucm::AxlUser& now) {
  cucm::ListChange wanted;
  wanted.add_devices = change.removed.devices;
  wanted.add_groups = change.removed.groups;
  wanted.remove_devices = change.added.devices;
  wanted.remove_groups = change.added.groups;
  return cucm::still_needed(now, wanted);
}

std::string requested_by() {
  const passwd* account = getpwuid(getuid());
  std::string name = account != nullptr ? std::string(account->pw_name) : "uid " + std::to_string(getuid());
  const char* sudo = std::getenv("SUDO_USER");
  if (sudo != nullptr && *sudo != '\0' && name != sudo) name += " (sudo by " + std::string(sudo) + ")";
  return name;
}

WriteOutcome write_change(FixAxl& axl, storage::ChangeLog& log, storage::Change record, const cucm::AxlUser& now,
                          const cucm::ListChange& change, std::size_t batch) {
  record.previous = {now.devices, cucm::group_names(now)};
  record.add = {change.add_devices, change.add_groups};
  record.remove = {change.remove_devices, change.remove_groups};
  WriteOutcome out;
  out.change = log.begin(record);
  Expected expected{now.devices, cucm::group_names(now), {}, {}};
  try {
    out.detail = write_batches(axl, log, out, now, change, batch, expected);
    if (out.detail.empty())
      if (const std::string problem = expected.problem(axl.read()); !problem.empty())
        out.detail = "AXL accepted every write, but reading the user back: " + problem;
  } catch (const RunError& e) {
    out.detail = e.what();
  }
  out.status = out.detail.empty() ? storage::ChangeStatus::applied
               : out.made.empty() ? storage::ChangeStatus::failed
                                  : storage::ChangeStatus::partial;
  log.finish(out.change, out.status, out.detail);
  return out;
}

} // namespace app
