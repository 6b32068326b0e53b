#include <cucm/discovery.hpp>

#include <cucm/soap.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace cucm {
namespace {

constexpr std::string_view stopped_reason = "stopped";

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

class Discovery {
public:
  Discovery(Transport& t, const DiscoveryOptions& o, const DiscoveryHooks& h)
      : transport_(t), options_(o), hooks_(h), limiter_(o.risport_rate) {}

  tl::expected<DiscoveryResult, std::string> run() {
    if (auto listed = list_phones(); !listed) return tl::make_unexpected(listed.error());
    std::vector<std::string> names;
    names.reserve(result_.phones.size());
    for (const auto& p : result_.phones) names.push_back(p.axl.name);
    const std::size_t batch = std::clamp<std::size_t>(options_.batch_size, 1, risport_max_items);
    const auto parts = batches(names, batch);
    std::unordered_map<std::string, RisDevice> state;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto answer = select(parts[i], i + 1, parts.size());
      if (!answer) return tl::make_unexpected(answer.error());
      for (RisDevice& d : answer->devices) {
        auto it = state.find(d.name);
        if (it == state.end()) state.emplace(d.name, std::move(d));
        else if (better(d, it->second)) it->second = std::move(d);
      }
    }
    for (auto& p : result_.phones) {
      if (auto it = state.find(p.axl.name); it != state.end()) p.ris = std::move(it->second);
    }
    return std::move(result_);
  }

private:
  void note(const std::string& line) const {
    if (hooks_.note) hooks_.note(line);
  }
  bool stopped() const { return hooks_.stopped && hooks_.stopped(); }
  void sleep(Clock::duration d) const {
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
  Clock::time_point now() const { return hooks_.now ? hooks_.now() : Clock::now(); }

  tl::expected<void, std::string> list_phones() {
    const std::size_t page = std::max<std::size_t>(options_.page_size, 1);
    for (std::size_t skip = 0;; skip += page) {
      if (stopped()) return tl::make_unexpected(std::string(stopped_reason));
      ++result_.axl_requests;
      auto answer = transport_.post(std::string(axl_path),
                                    axl_soap_action("listPhone", options_.axl_version),
                                    list_phone_request(options_.name_pattern, skip, page, options_.axl_version));
      if (!answer) return tl::make_unexpected("AXL listPhone: " + answer.error());
      if (answer->status != 200) return tl::make_unexpected("AXL listPhone: " + http_problem(*answer));
      auto phones = read_list_phone(answer->body);
      if (!phones) return tl::make_unexpected("AXL listPhone: " + phones.error());
      for (AxlPhone& p : *phones) result_.phones.push_back({std::move(p), std::nullopt});
      if (phones->size() < page) break;
    }
    note(fmt::format("AXL: {} phones matching '{}' ({} listPhone requests)", result_.phones.size(),
                     options_.name_pattern, result_.axl_requests));
    return {};
  }

  tl::expected<RisAnswer, std::string> select(std::span<const std::string> names, std::size_t index,
                                              std::size_t count) {
    const std::string request = select_cm_device_ext_request(names);
    for (;;) {
      const auto wait = limiter_.delay(now());
      if (wait > Clock::duration::zero()) {
        note(fmt::format("RisPort: {} requests per {} allowed; waiting {} before batch {}/{}",
                         limiter_.spec().requests, seconds_text(limiter_.spec().window),
                         seconds_text(wait), index, count));
        sleep(wait);
      }
      if (stopped()) return tl::make_unexpected(std::string(stopped_reason));
      ++result_.risport_requests;
      auto answer = transport_.post(std::string(risport_path), std::string(risport_soap_action), request);
      if (!answer) return tl::make_unexpected("RisPort selectCmDeviceExt: " + answer.error());
      if (answer->status != 200) {
        const auto fault = read_fault(answer->body);
        if (fault && is_rate_control(*fault)) {
          ++result_.rate_faults;
          if (limiter_.consecutive_faults() >= options_.max_rate_faults)
            return tl::make_unexpected(fmt::format(
                "RisPort selectCmDeviceExt: still throttled after {} retries ({})",
                options_.max_rate_faults, describe(*fault)));
          const auto pause = limiter_.after_fault();
          note(fmt::format("RisPort: the CUCM refused batch {}/{} ({}); backing off {} and retrying",
                           index, count, describe(*fault), seconds_text(pause)));
          sleep(pause);
          continue;
        }
        return tl::make_unexpected("RisPort selectCmDeviceExt: " + http_problem(*answer));
      }
      limiter_.record(now());
      auto read = read_select_cm_device(answer->body);
      if (!read) return tl::make_unexpected("RisPort selectCmDeviceExt: " + read.error());
      note(fmt::format("RisPort: batch {}/{}: {} of {} devices known", index, count,
                       read->devices.size(), names.size()));
      return read;
    }
  }

  Transport& transport_;
  const DiscoveryOptions& options_;
  const DiscoveryHooks& hooks_;
  RateLimiter limiter_;
  DiscoveryResult result_;
};

} // namespace

std::string http_problem(const HttpAnswer& answer) {
  if (const auto fault = read_fault(answer.body))
    return fmt::format("HTTP {}: {}", answer.status, describe(*fault));
  switch (answer.status) {
  case 401: return "HTTP 401: the CUCM rejected the user name or password";
  case 403: return "HTTP 403: the user lacks the role for this API (Standard AXL API Access / "
                   "Standard CCM Admin Users)";
  case 404: return "HTTP 404: no such service at this address (is this a CUCM publisher?)";
  default: return fmt::format("HTTP {}", answer.status);
  }
}

tl::expected<DiscoveryResult, std::string> discover(Transport& transport, const DiscoveryOptions& options,
                                                    const DiscoveryHooks& hooks) {
  return Discovery(transport, options, hooks).run();
}

} // namespace cucm
