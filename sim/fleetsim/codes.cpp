#include <sim/fleetsim/codes.hpp>

namespace fleetsim {

std::string_view to_string(RootCause cause) {
  switch (cause) {
  case RootCause::ok: return "ok";
  case RootCause::dns_unresolved: return "dns_unresolved";
  case RootCause::unregistered: return "unregistered";
  case RootCause::web_disabled: return "web_disabled";
  case RootCause::unreachable: return "unreachable";
  case RootCause::timeout: return "timeout";
  case RootCause::tls_error: return "tls_error";
  case RootCause::bad_credentials: return "bad_credentials";
  case RootCause::missing_roles: return "missing_roles";
  case RootCause::not_associated: return "not_associated";
  case RootCause::itl_trust: return "itl_trust";
  case RootCause::auth_url_dns: return "auth_url_dns";
  case RootCause::auth_failed: return "auth_failed";
  case RootCause::phone_error: return "phone_error";
  case RootCause::unsupported: return "unsupported";
  case RootCause::http_error: return "http_error";
  case RootCause::bad_response: return "bad_response";
  }
  return "?";
}

std::string_view to_string(ItlState state) {
  switch (state) {
  case ItlState::ok: return "ok";
  case ItlState::trust_failed: return "trust_failed";
  case ItlState::not_installed: return "not_installed";
  case ItlState::unknown: return "unknown";
  }
  return "?";
}

std::string_view to_string(CucmAuth auth) {
  switch (auth) {
  case CucmAuth::authorized: return "authorized";
  case CucmAuth::unauthorized: return "unauthorized";
  case CucmAuth::error: return "error";
  case CucmAuth::not_checked: return "not_checked";
  }
  return "?";
}

} // namespace fleetsim
