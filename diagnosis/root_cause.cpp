#include <diagnosis/root_cause.hpp>

#include <array>

namespace diagnosis {
namespace {
constexpr std::array<std::string_view, root_cause_count> codes{
    "ok",          "dns_unresolved",  "unregistered",  "web_disabled",   "unreachable",  "timeout",
    "tls_error",   "bad_credentials", "missing_roles", "not_associated", "itl_trust",    "auth_url_dns",
    "auth_failed", "phone_error",     "unsupported",   "http_error",     "bad_response",
};
} // namespace

std::string_view to_string(RootCause cause) { return codes[static_cast<std::size_t>(cause)]; }

std::optional<RootCause> root_cause_from_string(std::string_view code) {
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i] == code) return static_cast<RootCause>(i);
  return std::nullopt;
}

} // namespace diagnosis
