#pragma once
// CUCM discovery: every phone AXL knows (listPhone, paged), joined with its real-time state
// from RisPort70 (selectCmDeviceExt in batches of at most 1000 names, paced by a RateLimiter,
// retried after Server.RateControl faults). Sequential and blocking; time and sleeping come
// from the caller so tests run without waiting.
#include <cucm/axl.hpp>
#include <cucm/rate_limiter.hpp>
#include <cucm/risport.hpp>
#include <cucm/risport_client.hpp>
#include <cucm/transport.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace cucm {

struct DiscoveryOptions {
  std::string name_pattern = "%";             // listPhone searchCriteria/name (SQL LIKE)
  std::size_t page_size = 1000;               // listPhone rows per request
  std::size_t batch_size = risport_max_items; // names per selectCmDeviceExt (clamped to 1..1000)
  RateSpec risport_rate{};                    // 15 per minute
  unsigned max_rate_faults = 8;               // consecutive throttle faults before giving up
  std::string axl_version = std::string(default_axl_version);
};

struct DiscoveryHooks : SoapHooks {
  // RisPort's budget when another RisPort caller of the process spends it too (outlives the
  // discovery); nullptr: the discovery's own, at DiscoveryOptions::risport_rate.
  RateLimiter* limiter = nullptr;
};

struct DiscoveredPhone {
  AxlPhone axl;
  std::optional<RisDevice> ris; // nullopt: RisPort does not know the device (never registered)
};

struct DiscoveryResult {
  std::vector<DiscoveredPhone> phones; // listPhone order
  std::size_t axl_requests = 0;
  std::size_t risport_requests = 0; // including the ones refused by a throttle fault
  std::size_t rate_faults = 0;
};

// Error: one line naming the step (AXL listPhone / RisPort) and the reason: transport failure,
// HTTP 401 (credentials), other HTTP status, SOAP fault, malformed answer, or more than
// max_rate_faults throttle faults in a row; or "stopped" when hooks.stopped said so.
tl::expected<DiscoveryResult, std::string> discover(Transport& transport, const DiscoveryOptions& options,
                                                    const DiscoveryHooks& hooks = {});

// The reason for a non-200 SOAP answer: a fault's text when the body holds one, else the status
// ("HTTP 401: the CUCM rejected the user name or password").
std::string http_problem(const HttpAnswer& answer);

} // namespace cucm
