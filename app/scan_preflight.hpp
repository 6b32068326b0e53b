#pragma once
// The preflight phase: what the CUCM says before any phone is asked. --cucm-discover's discovery
// (the CUCM's phones are the inventory), the AXL preflight (--axl: the user, its groups, its
// devices), and from them and the database's newest completed run the credential guard's
// settings (app/credentials.hpp). What they learn about the run is kept in its CUCM view
// (storage/cucm_view.hpp), stored with the run.
#include <app/axl_preflight.hpp>
#include <app/credentials.hpp>
#include <app/scan_options.hpp>
#include <cucm/rate_limiter.hpp>
#include <cucm/transport.hpp>
#include <inventory/reader.hpp>
#include <scanner/credential_guard.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>

#include <memory>
#include <span>
#include <string>

namespace app {

struct Preflight {
  AxlPreflightOptions axl; // who asks AXL and the discovery, with which password
  AccountCheck account;    // what the CUCM said about the scan's own account
  // One connection (and the CUCM's session cookie) for the run's AXL and RisPort70 requests,
  // made at the first (soap_transport), and RisPort's one budget (--risport-rate).
  std::unique_ptr<cucm::CurlTransport> soap;
  std::string soap_base; // the CUCM `soap` talks to
  cucm::RateLimiter risport_limiter{cucm::RateSpec{}};
};

// The run's connection to the CUCM at `url` (--cucm-discover, --axl), asked with the AXL account:
// the one made before when it is for the same CUCM, else a new one.
cucm::Transport& soap_transport(Preflight& preflight, const std::string& url);

// The account that asks AXL and the discovery (--axl-user, --axl-password-env; by default the
// scan's own). Throws UsageError when --axl-password-env names no password.
Preflight prepare_preflight(const ScanOptions& options, const std::string& password);

// --cucm-discover: the CUCM's phones (AXL listPhone + RisPort70) as the inventory; the discovery
// is kept in `view`. Throws as run_discover (app/discover_command.hpp).
std::unique_ptr<inventory::Reader> discover_phones(const ScanOptions& options, Preflight& preflight,
                                                   const std::string& password, storage::CucmView& view);

// --axl: asks AXL about the user, listing the `targets` it does not control, and keeps its view
// in `view` (a 401 to the scan's own account keeps none); without --axl a resumed run's stored
// view stands. Then the credential guard's settings. Throws RunError when AXL cannot be asked.
scanner::GuardSettings preflight_guard(const ScanOptions& options, Preflight& preflight, const std::string& password,
                                       std::span<const inventory::Target> targets, storage::Database& db,
                                       storage::CucmView& view);

// --axl on an inventory: RisPort70's view of the `targets` added to their rows and kept in
// `view` (app/risport_lookup.hpp), asked with the AXL account, paced by --risport-rate.
// Throws RunError when SIGINT / SIGTERM stopped it.
void look_up_registrations(const ScanOptions& options, Preflight& preflight, std::span<inventory::Target> targets,
                           storage::CucmView& view);

} // namespace app
