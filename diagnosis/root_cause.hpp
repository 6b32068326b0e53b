#pragma once
// The closed set of root causes (doc/DESIGN.md). Codes are stable: they are stored and exported.
#include <optional>
#include <string_view>

namespace diagnosis {

// Declaration order is the troubleshooting precedence of doc/DESIGN.md.
enum class RootCause {
  ok,
  dns_unresolved,
  unregistered,
  web_disabled,
  unreachable,
  timeout,
  tls_error,
  bad_credentials,
  missing_roles,
  not_associated,
  itl_trust,
  auth_url_dns,
  auth_failed,
  phone_error,
  unsupported,
  http_error,
  bad_response,
};
inline constexpr int root_cause_count = static_cast<int>(RootCause::bad_response) + 1;

std::string_view to_string(RootCause cause);
std::optional<RootCause> root_cause_from_string(std::string_view code);

} // namespace diagnosis
