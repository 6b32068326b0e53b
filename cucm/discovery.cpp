#include <cucm/discovery.hpp>

#include <cucm/preflight.hpp>
#include <cucm/soap.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cucm {
namespace {

class Discovery {
public:
  Discovery(Transport& t, const DiscoveryOptions& o, const DiscoveryHooks& h)
      : transport_(t), options_(o), own_limiter_(o.risport_rate),
        risport_(t, h.limiter != nullptr ? *h.limiter : own_limiter_, h, o.max_rate_faults) {}

  tl::expected<DiscoveryResult, std::string> run() {
    if (auto listed = list_phones(); !listed) return tl::make_unexpected(listed.error());
    std::vector<std::string> names;
    names.reserve(result_.phones.size());
    for (const auto& p : result_.phones) names.push_back(p.axl.name);
    auto state = select_all(risport_, names, SelectBy::name, options_.batch_size);
    result_.risport_requests = risport_.requests();
    result_.rate_faults = risport_.rate_faults();
    if (!state) return tl::make_unexpected(state.error());
    for (auto& p : result_.phones) {
      if (auto it = state->find(device_key(p.axl.name)); it != state->end()) p.ris = std::move(it->second);
    }
    return std::move(result_);
  }

private:
  tl::expected<void, std::string> list_phones() {
    const std::size_t page = std::max<std::size_t>(options_.page_size, 1);
    for (std::size_t skip = 0;; skip += page) {
      if (risport_.stopped()) return tl::make_unexpected(std::string(stopped_reason));
      ++result_.axl_requests;
      auto answer = transport_.post(std::string(axl_path), axl_soap_action("listPhone", options_.axl_version),
                                    list_phone_request(options_.name_pattern, skip, page, options_.axl_version));
      if (!answer) return tl::make_unexpected("AXL listPhone: " + answer.error());
      if (answer->status != 200) return tl::make_unexpected("AXL listPhone: " + http_problem(*answer));
      auto phones = read_list_phone(answer->body);
      if (!phones) return tl::make_unexpected("AXL listPhone: " + phones.error());
      for (AxlPhone& p : *phones) result_.phones.push_back({std::move(p), std::nullopt});
      if (phones->size() < page) break;
    }
    risport_.note(fmt::format("AXL: {} phones matching '{}' ({} listPhone requests)", result_.phones.size(),
                              options_.name_pattern, result_.axl_requests));
    return {};
  }

  Transport& transport_;
  const DiscoveryOptions& options_;
  RateLimiter own_limiter_;
  RisPortClient risport_;
  DiscoveryResult result_;
};

} // namespace

std::string http_problem(const HttpAnswer& answer) {
  if (const auto fault = read_fault(answer.body)) return fmt::format("HTTP {}: {}", answer.status, describe(*fault));
  switch (answer.status) {
  case 401: return "HTTP 401: the CUCM rejected the user name or password";
  case 403:
    return "HTTP 403: the user lacks the role for this API (Standard AXL API Access / "
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
