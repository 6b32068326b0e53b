#pragma once
// RisPort70 asked politely: selectCmDeviceExt requests paced by a RateLimiter that every RisPort
// caller of the process shares (discovery, the scan's inventory lookup), retried after
// Server.RateControl faults with the limiter's growing pause, given up after a streak of them.
// Sequential and blocking; time and sleeping come from the hooks so tests run without waiting.
#include <cucm/rate_limiter.hpp>
#include <cucm/risport.hpp>
#include <cucm/transport.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <tl/expected.hpp>

namespace cucm {

struct SoapHooks {
  std::function<Clock::time_point()> now = [] { return Clock::now(); };
  std::function<void(Clock::duration)> sleep;   // default: sleeps in slices, asking `stopped`
  std::function<void(const std::string&)> note; // progress and throttling, one line each; may be empty
  // Asked before every request and during every wait: true ends the work with the error
  // "stopped" (an operator's SIGTERM must not wait out a RisPort window). Empty: never.
  std::function<bool()> stopped;
};

inline constexpr std::string_view stopped_reason = "stopped";

class RisPortClient {
public:
  // `transport` and `limiter` outlive the client; `max_rate_faults`: consecutive throttle faults
  // before giving up.
  RisPortClient(Transport& transport, RateLimiter& limiter, const SoapHooks& hooks, unsigned max_rate_faults = 8);

  // One selectCmDeviceExt for `items` (at most risport_max_items), waiting for the limiter first
  // and after each throttle fault. `index`/`count` name the batch in notes ("batch 2/3").
  // Error: "RisPort selectCmDeviceExt: " and the reason (transport, HTTP status, SOAP fault,
  // malformed answer, still throttled after max_rate_faults retries), or "stopped".
  tl::expected<RisAnswer, std::string> select(std::span<const std::string> items, SelectBy by, std::size_t index,
                                              std::size_t count);

  [[nodiscard]] std::size_t requests() const { return requests_; } // including throttled ones
  [[nodiscard]] std::size_t rate_faults() const { return rate_faults_; }

  void note(const std::string& line) const;
  [[nodiscard]] bool stopped() const;
  void sleep(Clock::duration d) const;
  [[nodiscard]] Clock::time_point now() const;

private:
  Transport& transport_;
  RateLimiter& limiter_;
  const SoapHooks& hooks_;
  unsigned max_rate_faults_;
  std::size_t requests_ = 0;
  std::size_t rate_faults_ = 0;
};

// Devices by upper-case name (device_key), one each: selectCmDeviceExt lists a device once per
// node that knows it; the registered entry wins, then the newest (TimeStamp).
using DevicesByName = std::unordered_map<std::string, RisDevice>;
void keep_best(DevicesByName& devices, std::vector<RisDevice>&& answer);

// Asks for `items` in batches of at most `batch` (clamped to 1..risport_max_items) and keeps the
// best entry per device. Error: the first batch's error.
tl::expected<DevicesByName, std::string> select_all(RisPortClient& client, std::span<const std::string> items,
                                                    SelectBy by, std::size_t batch = risport_max_items);

} // namespace cucm
