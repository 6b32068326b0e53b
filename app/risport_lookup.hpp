#pragma once
// `scan --axl` on an inventory (not --cucm-discover, whose discovery already asked): RisPort70's
// view of the inventory's phones before any is swept. Phones with a device name are asked by
// name, the others by their IPv4 address (RisPort70 SelectBy IPV4Address, doc/DOMAIN.md §6); a row
// with neither is named as unchecked. What RisPort says goes into each row's columns
// (diagnosis::risport_column: registration, httpd, registered IP, node, time, active load), so
// that diagnose() proves unregistered and web_disabled as for a discovered inventory, and the
// run's CUCM view keeps the counts (storage::RisPortView).
#include <app/axl_preflight.hpp>
#include <app/scan_options.hpp>
#include <cucm/risport_client.hpp>
#include <inventory/target.hpp>
#include <storage/cucm_view.hpp>

#include <span>
#include <string>
#include <vector>

namespace app {

// Which rows are asked how: device names (unique, as the CUCM writes them), IPv4 addresses of
// rows without one, and the addresses of rows that can be neither (a host name, IPv6). Addresses
// of a --targets range are not asked about at all.
struct RisPortQuestions {
  std::vector<std::string> names;
  std::vector<std::string> addresses;
  std::vector<std::string> unchecked;
};
RisPortQuestions risport_questions(std::span<const inventory::Target> targets);

// RisPort's answers applied to the rows (columns appended; a repeated column's last value
// counts), and the view's counts and lists. `by_address`: devices by each of their IPv4
// addresses. Pure.
storage::RisPortView apply_risport(std::span<inventory::Target> targets, const RisPortQuestions& asked,
                                   const cucm::DevicesByName& by_name, const cucm::DevicesByName& by_address);

// Devices keyed by every IPv4 address they have (the registered entry wins an address two share).
cucm::DevicesByName by_address(const cucm::DevicesByName& devices);

// Asks RisPort with the AXL account over `transport` (paced by `limiter`, shared with any other
// RisPort caller of the run) and stores the view in `view.risport`; prints one summary line and
// the first few unchecked / unknown rows. Nothing is asked without --axl, with --cucm-discover,
// or when AXL did not answer (`view.axl` empty: a refused password is not tried again). A CUCM
// that cannot be asked is a warning and the view's `error`: the sweep goes on without RisPort.
// Throws RunError when SIGINT / SIGTERM stopped it.
void ask_risport(const ScanOptions& options, cucm::Transport& transport, cucm::RateLimiter& limiter,
                 std::span<inventory::Target> targets, storage::CucmView& view);

} // namespace app
