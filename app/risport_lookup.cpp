#include <app/risport_lookup.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/signals.hpp>
#include <cucm/inventory_csv.hpp>
#include <cucm/preflight.hpp>
#include <diagnosis/cucm_phone_view.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>

#include <chrono>
#include <unordered_set>
#include <utility>

namespace app {
namespace {

namespace column = diagnosis::risport_column;

bool is_ipv4(const inventory::Target& t) { return t.host_is_ip_literal() && t.host.find(':') == std::string::npos; }

// The row's columns from RisPort's entry; the registration and httpd values as discover writes them.
void add_columns(inventory::Target& t, const cucm::RisDevice& d, bool found_by_address) {
  auto add = [&](std::string_view name, std::string value) {
    t.extra.emplace_back(std::string(name), std::move(value));
  };
  add(column::registration, cucm::registration_code(d.status));
  add(column::httpd, cucm::httpd_code(d.httpd));
  add(column::registered_ip, cucm::preferred_address(d));
  add(column::node, d.node);
  add(column::registered_at,
      d.timestamp > 0 ? storage::utc_timestamp(std::chrono::system_clock::time_point(std::chrono::seconds(d.timestamp)))
                      : std::string());
  add(column::active_load, d.active_load);
  if (found_by_address) add(column::device, d.name);
}

// "a, b, c and 7 more": the first few of a list that grows with the estate.
std::string first_few(const std::vector<std::string>& items, std::size_t shown = 5) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < shown; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > shown) out += fmt::format(" and {} more (the report lists them)", items.size() - shown);
  return out;
}

void say_what_risport_said(const storage::RisPortView& v) {
  log_line("info", "risport",
           fmt::format("RisPort70: {} of {} inventory phones known ({} asked by name, {} by address); {} not "
                       "registered, {} with the web server off, {} registered from another address than the "
                       "inventory's; {} requests, {} throttled",
                       v.known, v.by_name + v.by_address, v.by_name, v.by_address, v.unregistered, v.web_disabled,
                       v.moved, v.requests, v.rate_faults),
           {{"known", std::to_string(v.known)},
            {"unregistered", std::to_string(v.unregistered)},
            {"web_disabled", std::to_string(v.web_disabled)},
            {"moved", std::to_string(v.moved)},
            {"requests", std::to_string(v.requests)}});
  if (!v.not_found.empty())
    log_line(
        "info", "risport_not_found",
        fmt::format("RisPort70 does not know {} inventory phones: {}", v.not_found.size(), first_few(v.not_found)));
  if (!v.unchecked.empty())
    log_line("info", "risport_unchecked",
             fmt::format("{} inventory phones have neither a device name nor an IPv4 address; RisPort70 was not "
                         "asked about them: {}",
                         v.unchecked.size(), first_few(v.unchecked)));
}

} // namespace

RisPortQuestions risport_questions(std::span<const inventory::Target> targets) {
  RisPortQuestions q;
  std::unordered_set<std::string> seen;
  for (const auto& t : targets) {
    // A --targets range is not known to hold phones: asking RisPort about every address of a /16
    // would spend minutes of the cluster's 15 requests a minute.
    if (t.from_range) continue;
    if (!t.device_name.empty()) {
      if (std::string key = cucm::device_key(t.device_name); seen.insert(key).second) q.names.push_back(std::move(key));
    } else if (is_ipv4(t)) {
      if (seen.insert(t.host).second) q.addresses.push_back(t.host);
    } else {
      q.unchecked.push_back(t.address());
    }
  }
  return q;
}

cucm::DevicesByName by_address(const cucm::DevicesByName& devices) {
  cucm::DevicesByName out;
  for (const auto& [name, d] : devices)
    for (const cucm::RisAddress& a : d.addresses) {
      if (a.ip.find(':') != std::string::npos) continue;
      const auto it = out.find(a.ip);
      if (it == out.end()) out.emplace(a.ip, d);
      else if (d.status == "Registered" && it->second.status != "Registered") it->second = d;
    }
  return out;
}

storage::RisPortView apply_risport(std::span<inventory::Target> targets, const RisPortQuestions& asked,
                                   const cucm::DevicesByName& by_name, const cucm::DevicesByName& by_ip) {
  storage::RisPortView v;
  v.by_name = asked.names.size();
  v.by_address = asked.addresses.size();
  v.unchecked = asked.unchecked;
  for (auto& t : targets) {
    const bool named = !t.device_name.empty();
    if (t.from_range || (!named && !is_ipv4(t))) continue;
    const auto& devices = named ? by_name : by_ip;
    const auto it = devices.find(named ? cucm::device_key(t.device_name) : t.host);
    if (it == devices.end()) {
      v.not_found.push_back(named ? t.device_name : t.address());
      continue;
    }
    const cucm::RisDevice& d = it->second;
    add_columns(t, d, !named);
    ++v.known;
    if (d.status != "Registered") ++v.unregistered;
    if (cucm::httpd_code(d.httpd) == "no") ++v.web_disabled;
    const std::string ip = cucm::preferred_address(d);
    if (named && is_ipv4(t) && !ip.empty() && ip.find(':') == std::string::npos && ip != t.host) ++v.moved;
  }
  return v;
}

void ask_risport(const ScanOptions& o, cucm::Transport& transport, cucm::RateLimiter& limiter,
                 std::span<inventory::Target> targets, storage::CucmView& view) {
  if (o.axl.empty() || !o.cucm_discover.empty() || !view.axl) return;
  const RisPortQuestions asked = risport_questions(targets);
  cucm::SoapHooks hooks;
  hooks.stopped = [] { return StopSignals::received() != 0; };
  // Throttling is always said: it explains a slow start.
  hooks.note = [](const std::string& line) {
    if (line.find("backing off") != std::string::npos) log_line("warning", "risport_throttled", line);
  };
  cucm::RisPortClient client(transport, limiter, hooks);
  auto named = cucm::select_all(client, asked.names, cucm::SelectBy::name);
  tl::expected<cucm::DevicesByName, std::string> addressed = cucm::DevicesByName{};
  if (named && !asked.addresses.empty())
    addressed = cucm::select_all(client, asked.addresses, cucm::SelectBy::ipv4_address);
  if (StopSignals::received() != 0)
    throw RunError(
        fmt::format("stopped by {} while asking RisPort70; nothing was scanned", signal_name(StopSignals::received())));
  storage::RisPortView v;
  if (named && addressed) {
    v = apply_risport(targets, asked, *named, by_address(*addressed));
  } else {
    v.by_name = asked.names.size();
    v.by_address = asked.addresses.size();
    v.unchecked = asked.unchecked;
    v.error = named ? addressed.error() : named.error();
    log_warning(fmt::format("RisPort70 could not be asked ({}); phones that do not answer stay unexplained by "
                            "the CUCM",
                            v.error));
  }
  v.url = cucm::base_url(o.axl);
  v.requests = client.requests();
  v.rate_faults = client.rate_faults();
  if (v.error.empty() && !o.quiet) say_what_risport_said(v);
  view.risport = std::move(v);
}

} // namespace app
