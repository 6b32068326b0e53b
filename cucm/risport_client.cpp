#include <cucm/risport_client.hpp>

#include <cucm/discovery.hpp>
#include <cucm/preflight.hpp>
#include <cucm/soap.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace cucm {
namespace {

std::string seconds_text(Clock::duration d) {
  return fmt::format("{:.1f} s", std::chrono::duration<double>(d).count());
}

// Prefers the registered entry, then the newest: a device can appear on several nodes.
bool better(const RisDevice& candidate, const RisDevice& current) {
  const bool a = candidate.status == "Registered";
  const bool b = current.status == "Registered";
  if (a != b) return a;
  return candidate.timestamp > current.timestamp;
}

} // namespace

RisPortClient::RisPortClient(Transport& transport, RateLimiter& limiter, const SoapHooks& hooks,
                             unsigned max_rate_faults)
    : transport_(transport), limiter_(limiter), hooks_(hooks), max_rate_faults_(max_rate_faults) {}

void RisPortClient::note(const std::string& line) const {
  if (hooks_.note) hooks_.note(line);
}

bool RisPortClient::stopped() const { return hooks_.stopped && hooks_.stopped(); }

void RisPortClient::sleep(Clock::duration d) const {
  if (d <= Clock::duration::zero()) return;
  if (hooks_.sleep) {
    hooks_.sleep(d);
    return;
  }
  // In slices, so that a stop request is seen within a tenth of a second, not after the window.
  const auto until = Clock::now() + d;
  for (auto left = d; left > Clock::duration::zero() && !stopped(); left = until - Clock::now())
    std::this_thread::sleep_for(std::min<Clock::duration>(left, std::chrono::milliseconds(100)));
}

Clock::time_point RisPortClient::now() const { return hooks_.now ? hooks_.now() : Clock::now(); }

tl::expected<RisAnswer, std::string> RisPortClient::select(std::span<const std::string> items, SelectBy by,
                                                           std::size_t index, std::size_t count) {
  const std::string request = select_cm_device_ext_request(items, by);
  for (;;) {
    const auto wait = limiter_.delay(now());
    if (wait > Clock::duration::zero()) {
      note(fmt::format("RisPort: {} requests per {} allowed; waiting {} before batch {}/{}", limiter_.spec().requests,
                       seconds_text(limiter_.spec().window), seconds_text(wait), index, count));
      sleep(wait);
    }
    if (stopped()) return tl::make_unexpected(std::string(stopped_reason));
    ++requests_;
    auto answer = transport_.post(std::string(risport_path), std::string(risport_soap_action), request);
    if (!answer) return tl::make_unexpected("RisPort selectCmDeviceExt: " + answer.error());
    if (answer->status != 200) {
      const auto fault = read_fault(answer->body);
      if (!fault || !is_rate_control(*fault))
        return tl::make_unexpected("RisPort selectCmDeviceExt: " + http_problem(*answer));
      ++rate_faults_;
      if (limiter_.consecutive_faults() >= max_rate_faults_)
        return tl::make_unexpected(fmt::format("RisPort selectCmDeviceExt: still throttled after {} retries ({})",
                                               max_rate_faults_, describe(*fault)));
      const auto pause = limiter_.after_fault();
      note(fmt::format("RisPort: the CUCM refused batch {}/{} ({}); backing off {} and retrying", index, count,
                       describe(*fault), seconds_text(pause)));
      sleep(pause);
      continue;
    }
    limiter_.record(now());
    auto read = read_select_cm_device(answer->body);
    if (!read) return tl::make_unexpected("RisPort selectCmDeviceExt: " + read.error());
    note(fmt::format("RisPort: batch {}/{}: {} of {} devices known", index, count, read->devices.size(), items.size()));
    return read;
  }
}

void keep_best(DevicesByName& devices, std::vector<RisDevice>&& answer) {
  for (RisDevice& d : answer) {
    std::string key = device_key(d.name);
    auto it = devices.find(key);
    if (it == devices.end()) devices.emplace(std::move(key), std::move(d));
    else if (better(d, it->second)) it->second = std::move(d);
  }
}

tl::expected<DevicesByName, std::string> select_all(RisPortClient& client, std::span<const std::string> items,
                                                    SelectBy by, std::size_t batch) {
  const auto parts = batches(items, std::clamp<std::size_t>(batch, 1, risport_max_items));
  DevicesByName devices;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto answer = client.select(parts[i], by, i + 1, parts.size());
    if (!answer) return tl::make_unexpected(answer.error());
    keep_best(devices, std::move(answer->devices));
  }
  return devices;
}

} // namespace cucm
