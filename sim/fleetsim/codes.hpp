#pragma once
// The values fleetsim writes into truth.csv. They mirror doc/DESIGN.md on purpose rather than reuse
// diagnosis/root_cause.hpp: a test oracle must not share code with the program it checks.
#include <string_view>

namespace fleetsim {

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

// A phone's trust list as it really is (ok, trust_failed, not_installed), or as a reader of its
// status page can tell (adds unknown: no status page, or no trust message on it).
enum class ItlState { ok, trust_failed, not_installed, unknown };

// What the CUCM authentication service says about a phone, as truth.csv reports it.
enum class CucmAuth { authorized, unauthorized, error, not_checked };

std::string_view to_string(RootCause cause);
std::string_view to_string(ItlState state);
std::string_view to_string(CucmAuth auth);

} // namespace fleetsim
