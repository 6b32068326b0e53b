#pragma once
// The ways a simulated phone can behave. One scenario per phone; --mix chooses how many of each.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace fleetsim {

enum class Scenario {
  healthy,                 // screenshot works, trust list installed
  no_itl,                  // screenshot works, "No Trust List installed"
  itl_trust_ok_screenshot, // screenshot works although the status page shows a trust failure
  by_name,                 // healthy, inventoried by a resolvable host name
  unsupported_model,       // CP-6901 / ATA-187: no screenshot service at all
  not_found,               // modern model whose /CGI/Screenshot answers 404
  phone_error_1,           // CiscoIPPhoneError Number=1
  phone_error_3,           // CiscoIPPhoneError Number=3
  http_500,                // screenshot answers HTTP 500
  truncated,               // Content-Length larger than what is sent, then close
  garbage,                 // 200 with bytes that are neither an image nor XML
  reset,                   // part of the body, then a TCP reset
  drip,                    // one body byte every 500 ms, for hours
  silent,                  // accepts connections, never answers
  unreachable,             // inventory port is closed
  dns_unresolved,          // inventory host name is not in the hosts file
  not_associated,          // the device is not among the user's controlled devices
  itl_trust,               // trust list failure: Error 4 although the CUCM authorises
  not_associated_itl,      // both of the above
  auth_url_dns,            // authentication URL host does not resolve
  auth_failed,             // authentication URL points at something that is not the CUCM
  // Hostile and broken phones (never in the default mix, see in_default_mix()).
  huge_screenshot, // /CGI/Screenshot: a 64 MiB "PNG", chunked (no Content-Length)
  endless_headers, // /CGI/Screenshot: header lines that never end (served raw)
  bad_utf8,        // invalid UTF-8 in every device information field; screenshot works
  markup,          // HTML / script markup in every field of every page; screenshot works
  deep_xml,        // DeviceInformationX and "/" nested 100,000 levels deep; screenshot works
  huge_xml,        // DeviceInformationX: 32 MiB of elements (Content-Length); screenshot works
  redirect_loop,   // /CGI/Screenshot: 302 to itself, forever
  gzip_bomb,       // /CGI/Screenshot: Content-Encoding gzip, 1 MiB inflating to 1 GiB
  tls_stall,       // inventoried as HTTPS; its port accepts and never speaks
  // Security (issue 7; also only by name).
  https_phone,   // a CP-8875 that speaks only HTTPS (self-signed certificate), healthy
  tls_broken,    // inventoried as HTTPS; answers its ClientHello with bytes that are not TLS
  redirect_away, // /CGI/Screenshot: 302 to another loopback address (redirect_trap_address)
};

inline constexpr std::size_t scenario_count = 33;
// The first default_scenario_count scenarios make up the default mix; the rest are hostile.
inline constexpr std::size_t default_scenario_count = 21;

// Every scenario in declaration order.
std::array<Scenario, scenario_count> all_scenarios();

std::string_view to_string(Scenario scenario);
// std::nullopt for an unknown name.
std::optional<Scenario> parse_scenario(std::string_view name);

constexpr std::size_t index_of(Scenario scenario) { return static_cast<std::size_t>(scenario); }

// Part of the default (demo) mix; false for the hostile scenarios, which a test asks for by name.
constexpr bool in_default_mix(Scenario scenario) { return index_of(scenario) < default_scenario_count; }

// The answer to a screenshot depends on the user's credentials and the CUCM's verdict (rather
// than on a fault that happens whatever the credentials are).
bool depends_on_credentials(Scenario scenario);

} // namespace fleetsim
