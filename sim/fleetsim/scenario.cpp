#include <sim/fleetsim/scenario.hpp>

namespace fleetsim {
namespace {

constexpr std::array<std::string_view, scenario_count> names{
    "healthy",
    "no_itl",
    "itl_trust_ok_screenshot",
    "by_name",
    "unsupported_model",
    "not_found",
    "phone_error_1",
    "phone_error_3",
    "http_500",
    "truncated",
    "garbage",
    "reset",
    "drip",
    "silent",
    "unreachable",
    "dns_unresolved",
    "not_associated",
    "itl_trust",
    "not_associated_itl",
    "auth_url_dns",
    "auth_failed",
    "huge_screenshot",
    "endless_headers",
    "bad_utf8",
    "markup",
    "deep_xml",
    "huge_xml",
    "redirect_loop",
    "gzip_bomb",
    "tls_stall",
    "https_phone",
    "tls_broken",
    "redirect_away",
};

static_assert(names.size() == index_of(Scenario::redirect_away) + 1);
static_assert(index_of(Scenario::auth_failed) + 1 == default_scenario_count);

} // namespace

std::array<Scenario, scenario_count> all_scenarios() {
  std::array<Scenario, scenario_count> all{};
  for (std::size_t i = 0; i < scenario_count; ++i) all[i] = static_cast<Scenario>(i);
  return all;
}

std::string_view to_string(Scenario scenario) { return names.at(index_of(scenario)); }

std::optional<Scenario> parse_scenario(std::string_view name) {
  for (std::size_t i = 0; i < scenario_count; ++i)
    if (names[i] == name) return static_cast<Scenario>(i);
  return std::nullopt;
}

bool depends_on_credentials(Scenario scenario) {
  switch (scenario) {
  case Scenario::healthy:
  case Scenario::no_itl:
  case Scenario::itl_trust_ok_screenshot:
  case Scenario::by_name:
  case Scenario::not_associated:
  case Scenario::itl_trust:
  case Scenario::not_associated_itl:
  case Scenario::auth_url_dns:
  case Scenario::auth_failed:
  case Scenario::bad_utf8:
  case Scenario::markup:
  case Scenario::deep_xml:
  case Scenario::huge_xml:
  case Scenario::https_phone: return true;
  case Scenario::unsupported_model:
  case Scenario::not_found:
  case Scenario::phone_error_1:
  case Scenario::phone_error_3:
  case Scenario::http_500:
  case Scenario::truncated:
  case Scenario::garbage:
  case Scenario::reset:
  case Scenario::drip:
  case Scenario::silent:
  case Scenario::unreachable:
  case Scenario::dns_unresolved:
  case Scenario::huge_screenshot:
  case Scenario::endless_headers:
  case Scenario::redirect_loop:
  case Scenario::gzip_bomb:
  case Scenario::tls_stall:
  case Scenario::tls_broken:
  case Scenario::redirect_away: return false;
  }
  return false;
}

} // namespace fleetsim
