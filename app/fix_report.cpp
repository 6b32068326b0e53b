#include <app/fix_report.hpp>

#include <app/exit_status.hpp>
#include <report/remedies.hpp>
#include <util/atomic_file.hpp>
#include <util/csv_cell.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>

#include <app/output_file.hpp>

#include <map>

namespace app {
namespace {

using diagnosis::RootCause;

std::string shown(std::string_view text) { return util::printable(text); }

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "LON-1 2, NYC-1 3, …": phones per site, the busiest five.
std::string sites_of(const std::vector<const FixPhone*>& phones) {
  std::map<std::string, std::size_t> counts;
  for (const auto* p : phones) ++counts[p->target.site.empty() ? "(no site)" : p->target.site];
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < 5; ++i)
    out += fmt::format("{}{} {}", i ? ", " : "", shown(sorted[i].first), sorted[i].second);
  return sorted.size() > 5 ? out + ", and " + plural(sorted.size() - 5, "more site", "more sites") : out;
}

void print_phones(std::ostream& out, const std::vector<const FixPhone*>& phones, std::string_view file_hint) {
  for (std::size_t i = 0; i < phones.size() && i < shown_names; ++i) {
    const FixPhone& p = *phones[i];
    out << fmt::format("    {:<16} {:<24} {:<10} {}\n", shown(p.device), shown(p.target.address()),
                       shown(p.target.site), diagnosis::to_string(p.cause));
  }
  if (phones.size() > shown_names)
    out << fmt::format("    (the first {} of {}; {} lists them all)\n", shown_names, phones.size(), file_hint);
}

// The manual step a phone needs, for the CSV and the terminal.
std::string action(RootCause cause) {
  switch (cause) {
  case RootCause::itl_trust:
    return "reset the phone's trust list: Settings > Security > Reset Security Settings (or `utils itl reset "
           "localkey` on the publisher for many phones, then reset them)";
  case RootCause::auth_url_dns:
    return "fix the Enterprise Parameter \"URL Authentication\" (System > Enterprise Parameters > Phone URL "
           "Parameters) or the phone's override, or the DNS record of its host; then Apply Config";
  default: {
    const auto& steps = report::guide(cause).steps;
    return steps.empty() ? std::string() : std::string(steps.front());
  }
  }
}

void print_auth_urls(std::ostream& out, const std::vector<const FixPhone*>& phones) {
  std::map<std::string, std::size_t> urls;
  for (const auto* p : phones) ++urls[p->auth_url.empty() ? "(not shown by the phone)" : p->auth_url];
  std::size_t i = 0;
  for (const auto& [url, count] : urls) {
    if (i++ == 5) {
      out << fmt::format("      and {} more URLs\n", urls.size() - 5);
      break;
    }
    out << fmt::format("      {} {}, whose host does not resolve\n", plural(count, "phone uses", "phones use"),
                       shown(url));
  }
}

} // namespace

void print_plan(std::ostream& out, const PlanView& v) {
  const FixDiagnosis& d = v.diagnosis;
  const UserPlan& plan = v.plan;
  const auto count = [&](RootCause c) { return d.run.counts_by_cause.contains(c) ? d.run.counts_by_cause.at(c) : 0; };
  out << fmt::format("fix: run {} ({} {}, {:.1f} h ago): {} phones, {} ok, {} failing\n", d.run.id,
                     storage::code(d.run.status), d.run.finished_at, v.age_hours, d.run.recorded, count(RootCause::ok),
                     d.run.recorded - count(RootCause::ok));
  out << fmt::format("fix: {} '{}' at {}: {}, {}\n", v.end_user ? "end user" : "application user",
                     shown(plan.user.userid), v.axl_url,
                     plural(plan.user.devices.size(), "controlled device", "controlled devices"),
                     plural(plan.user.groups.size(), "access control group", "access control groups"));
  if (!plan.run_saw_user)
    out << "fix: the run has no AXL view of the user (scanned without --axl): changes made to it since the run "
           "cannot be told\n";
  else if (!plan.lost.empty())
    out << fmt::format("fix: since the run the user lost {} and {}: --apply refuses until a new scan\n",
                       plural(plan.lost.devices.size(), "device", "devices"),
                       plural(plan.lost.groups.size(), "group", "groups"));
  const std::string update(cucm::update_operation(v.end_user));
  out << fmt::format("plan (AXL {}):\n", update);
  if (plan.change.add_devices.empty())
    out << "  add no device: the user controls every phone the run found not associated\n";
  if (!plan.change.add_devices.empty()) {
    const std::size_t writes = (plan.change.add_devices.size() + v.batch - 1) / v.batch;
    out << fmt::format("  add {} to the controlled devices, in {} (each the whole list: the {} the user has, the "
                       "ones written before, and at most {} new)\n",
                       plural(plan.change.add_devices.size(), "device", "devices"), plural(writes, "write", "writes"),
                       plan.user.devices.size(), v.batch);
    if (!v.quiet) print_phones(out, plan.associating, "--bat FILE");
  }
  for (const auto& group : plan.change.add_groups)
    out << fmt::format("  add the access control group '{}' (the run found {} missing_roles phones)\n", shown(group),
                       d.missing_roles);
  if (d.missing_roles > 0 && plan.change.add_groups.empty())
    out << "  add no group: the user has the groups the run found missing by now\n";
  if (plan.already_controlled > 0)
    out << fmt::format("  {} already among the user's controlled devices: no device to add for them\n",
                       plural(plan.already_controlled, "phone is", "phones are"));
  if (d.by_axl_unnamed > 0)
    out << fmt::format("  {} without a device name cannot be associated: name them in the inventory\n",
                       plural(d.by_axl_unnamed, "phone", "phones"));
  out << fmt::format("  not touched: the user's {} and {} stay, and its password, roles and every other setting; "
                     "no phone is reset\n",
                     plural(plan.user.devices.size(), "device", "devices"),
                     plural(plan.user.groups.size(), "group", "groups"));
}

void print_manual_steps(std::ostream& out, const FixDiagnosis& d, bool quiet) {
  if (d.manual.empty()) return;
  std::map<RootCause, std::vector<const FixPhone*>> by_cause;
  for (const auto& p : d.manual) by_cause[p.cause].push_back(&p);
  out << fmt::format("manual steps (not made through AXL; --manual-csv FILE lists the {} by cause and site):\n",
                     plural(d.manual.size(), "phone", "phones"));
  for (const auto& [cause, phones] : by_cause) {
    out << fmt::format("  {}: {} ({}): {}\n", diagnosis::to_string(cause), plural(phones.size(), "phone", "phones"),
                       sites_of(phones), report::guide(cause).title);
    out << fmt::format("    {}\n", action(cause));
    if (cause == RootCause::auth_url_dns) print_auth_urls(out, phones);
    if (!quiet && (cause == RootCause::itl_trust || cause == RootCause::auth_url_dns)) {
      std::vector<const FixPhone*> first(
          phones.begin(), phones.begin() + static_cast<std::ptrdiff_t>(std::min(phones.size(), std::size_t{5})));
      print_phones(out, first, "--manual-csv FILE");
      if (phones.size() > first.size())
        out << fmt::format("    (the first {} of {}; --manual-csv FILE lists them all)\n", first.size(), phones.size());
    }
  }
}

void write_bat(const std::string& path, const UserPlan& plan, const std::string& userid, bool end_user) {
  const std::string type = end_user ? "end user" : "application user";
  std::string csv = "OPERATION,USER TYPE,USER ID,CONTROLLED DEVICE,ACCESS CONTROL GROUP\r\n";
  for (const auto& device : plan.change.add_devices)
    csv += fmt::format("add controlled device,{},{},{},\r\n", type, util::csv_cell(userid, util::Formulas::neutralised),
                       util::csv_cell(device, util::Formulas::neutralised));
  for (const auto& group : plan.change.add_groups)
    csv +=
        fmt::format("add access control group,{},{},,{}\r\n", type, util::csv_cell(userid, util::Formulas::neutralised),
                    util::csv_cell(group, util::Formulas::neutralised));
  write_output_file(path, csv);
}

void write_manual_csv(const std::string& path, const FixDiagnosis& d) {
  std::string csv = "root_cause,site,device_name,address,model,action,auth_url,detail\r\n";
  for (const auto& p : d.manual) {
    const std::string cells[] = {std::string(diagnosis::to_string(p.cause)),
                                 p.target.site,
                                 p.device,
                                 p.target.address(),
                                 p.target.model,
                                 action(p.cause),
                                 p.auth_url,
                                 p.detail};
    std::string line;
    for (const auto& cell : cells)
      line += (line.empty() ? "" : ",") + util::csv_cell(cell, util::Formulas::neutralised);
    csv += line + "\r\n";
  }
  write_output_file(path, csv);
}

void print_undo_plan(std::ostream& out, const storage::Change& change, const cucm::ListChange& needed,
                     const cucm::AxlUser& now, bool quiet) {
  out << fmt::format("fix: change {} ({} {} by {}, {} '{}' at {}): added {} and {}, removed {} and {}\n", change.id,
                     storage::code(change.status), change.finished_at.empty() ? change.started_at : change.finished_at,
                     shown(change.requested_by), change.operation, shown(change.userid), change.axl_url,
                     plural(change.added.devices.size(), "device", "devices"),
                     plural(change.added.groups.size(), "group", "groups"),
                     plural(change.removed.devices.size(), "device", "devices"),
                     plural(change.removed.groups.size(), "group", "groups"));
  out << fmt::format("fix: the user has {} and {} now\n",
                     plural(now.devices.size(), "controlled device", "controlled devices"),
                     plural(now.groups.size(), "access control group", "access control groups"));
  if (needed.empty()) return;
  out << "undo plan:\n";
  const auto list = [&](std::string_view verb, const std::vector<std::string>& names, std::string_view what) {
    if (names.empty()) return;
    out << fmt::format("  {} {}\n", verb, plural(names.size(), what, std::string(what) + "s"));
    for (std::size_t i = 0; !quiet && i < names.size() && i < shown_names; ++i)
      out << "    " << shown(names[i]) << "\n";
    if (!quiet && names.size() > shown_names)
      out << fmt::format("    (the first {} of {})\n", shown_names, names.size());
  };
  list("remove", needed.remove_devices, "device");
  list("remove", needed.remove_groups, "group");
  list("add back", needed.add_devices, "device");
  list("add back", needed.add_groups, "group");
  out << "  not touched: every other device and group of the user, which others may have changed since\n";
}

} // namespace app
