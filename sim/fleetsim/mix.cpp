#include <sim/fleetsim/mix.hpp>

#include <algorithm>
#include <charconv>
#include <numeric>
#include <vector>

namespace fleetsim {
namespace {

// Relative weights in per-mille of the estate, by scenario; they sum to 1000.
constexpr std::array<std::size_t, scenario_count> weights{
    610, // healthy
    40,  // no_itl
    10,  // itl_trust_ok_screenshot
    30,  // by_name
    30,  // unsupported_model
    10,  // not_found
    5,   // phone_error_1
    5,   // phone_error_3
    10,  // http_500
    5,   // truncated
    5,   // garbage
    5,   // reset
    5,   // drip
    10,  // silent
    50,  // unreachable
    10,  // dns_unresolved
    60,  // not_associated
    50,  // itl_trust
    10,  // not_associated_itl
    20,  // auth_url_dns
    20,  // auth_failed
    0,   // huge_screenshot: the hostile scenarios are only ever asked for by name
    0,   // endless_headers
    0,   // bad_utf8
    0,   // markup
    0,   // deep_xml
    0,   // huge_xml
    0,   // redirect_loop
    0,   // gzip_bomb
    0,   // tls_stall
    0,   // https_phone
    0,   // tls_broken
    0,   // redirect_away
};

static_assert(std::accumulate(weights.begin(), weights.end(), std::size_t{0}) == 1000);

// Shares `amount` by weight with the largest-remainder method; ties go to the earlier scenario.
void share_out(MixCounts& counts, std::size_t amount) {
  std::vector<std::pair<std::size_t, std::size_t>> remainders; // (remainder, scenario)
  std::size_t given = 0;
  for (std::size_t i = 0; i < default_scenario_count; ++i) {
    const std::size_t exact = amount * weights[i];
    counts[i] += exact / 1000;
    given += exact / 1000;
    remainders.emplace_back(exact % 1000, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < amount; ++k, ++given) ++counts[remainders[k].second];
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

} // namespace

std::size_t total(const MixCounts& counts) { return std::accumulate(counts.begin(), counts.end(), std::size_t{0}); }

MixCounts realistic_mix(std::size_t phones) {
  MixCounts counts{};
  if (phones >= default_scenario_count) {
    for (std::size_t i = 0; i < default_scenario_count; ++i) counts[i] = 1;
    share_out(counts, phones - default_scenario_count);
  } else {
    share_out(counts, phones);
  }
  return counts;
}

tl::expected<MixCounts, std::string> parse_mix(std::string_view spec, std::size_t phones) {
  spec = trimmed(spec);
  if (spec == "default") return realistic_mix(phones);
  if (spec == "healthy") {
    MixCounts counts{};
    counts[index_of(Scenario::healthy)] = phones;
    return counts;
  }
  MixCounts counts{};
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = trimmed(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      return tl::make_unexpected("--mix item '" + std::string(item) + "' is not name=count");
    const std::string_view name = trimmed(item.substr(0, eq));
    const std::string_view number = trimmed(item.substr(eq + 1));
    const auto scenario = parse_scenario(name);
    if (!scenario) return tl::make_unexpected("--mix: unknown scenario '" + std::string(name) + "'");
    std::size_t count = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), count);
    if (error != std::errc{} || end != number.data() + number.size())
      return tl::make_unexpected("--mix: bad count '" + std::string(number) + "' for " + std::string(name));
    counts[index_of(*scenario)] += count;
  }
  if (total(counts) == 0) return tl::make_unexpected("--mix names no phone");
  return counts;
}

} // namespace fleetsim
