#include <app/scan_preflight.hpp>

#include <app/discover_command.hpp>
#include <app/password.hpp>
#include <app/risport_lookup.hpp>
#include <cucm/transport.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace app {

Preflight prepare_preflight(const ScanOptions& o, const std::string& password) {
  Preflight p;
  if (o.axl.empty() && o.cucm_discover.empty()) return p;
  AxlPreflightOptions& a = p.axl;
  a.url = o.axl;
  a.user = o.user;
  a.axl_user = o.axl_user.empty() ? o.user : o.axl_user;
  a.axl_password = o.axl_password_env.empty() ? password : read_password(o.axl_password_env, "");
  a.end_user = o.end_user;
  a.cacert = o.cacert;
  a.insecure = o.insecure;
  a.proxy = o.proxy;
  a.scan_account = a.axl_user == o.user;
  if (const auto rate = cucm::parse_rate(o.risport_rate))
    p.risport_limiter = cucm::RateLimiter(*rate); // checked by plan_scan
  return p;
}

cucm::Transport& soap_transport(Preflight& p, const std::string& url) {
  cucm::Endpoint endpoint = soap_endpoint(p.axl);
  endpoint.base_url = cucm::base_url(url);
  if (!p.soap || p.soap_base != endpoint.base_url) {
    p.soap_base = endpoint.base_url;
    p.soap = std::make_unique<cucm::CurlTransport>(std::move(endpoint));
  }
  return *p.soap;
}

// Asked with the AXL account (--axl-user, --axl-password-env) and the AXL TLS options.
std::unique_ptr<inventory::Reader> discover_phones(const ScanOptions& o, Preflight& preflight,
                                                   const std::string& password, storage::CucmView& view) {
  DiscoverOptions d;
  d.cucm = o.cucm_discover;
  d.user = preflight.axl.axl_user;
  d.cacert = o.cacert;
  d.insecure = o.insecure;
  d.proxy = o.proxy;
  d.name_pattern = o.discover_name;
  d.phone_port = o.phone_port;
  d.risport_rate = o.risport_rate;
  d.quiet = o.quiet;
  DiscoveredInventory found = discover_inventory(
      d, preflight.axl.axl_password, &soap_transport(preflight, o.cucm_discover), &preflight.risport_limiter);
  view.discovery = std::move(found.view);
  if (preflight.axl.scan_account && preflight.axl.axl_password == password)
    preflight.account.accepted_by = "AXL (discovery)";
  return discovered_reader(std::move(found.csv), "<" + cucm::base_url(o.cucm_discover) + ">");
}

scanner::GuardSettings preflight_guard(const ScanOptions& o, Preflight& preflight, const std::string& password,
                                       std::span<const inventory::Target> targets, storage::Database& db,
                                       storage::CucmView& view) {
  std::optional<AxlFacts> axl_facts;
  if (!o.axl.empty()) {
    axl_facts = axl_preflight(preflight.axl, soap_transport(preflight, o.axl), targets);
    note_axl(preflight.account, preflight.axl, *axl_facts, preflight.axl.axl_password == password);
    if (axl_facts->refused) axl_facts.reset(); // a 401 says nothing about the user's devices
    else view.axl = stored_axl_view(preflight.axl, *axl_facts);
  } else if (view.axl) {
    axl_facts = axl_facts_from(*view.axl);
  }
  std::vector<std::string> proven_before;
  if (const auto last = db.latest_completed_run_id()) proven_before = db.proven_devices(*last, 3);
  return guard_settings(o, preflight.account, axl_facts, targets, proven_before);
}

void look_up_registrations(const ScanOptions& o, Preflight& preflight, std::span<inventory::Target> targets,
                           storage::CucmView& view) {
  if (o.axl.empty() || !o.cucm_discover.empty() || !view.axl) return;
  ask_risport(o, soap_transport(preflight, o.axl), preflight.risport_limiter, targets, view);
}

} // namespace app
