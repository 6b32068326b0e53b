#include <diagnosis/diagnose.hpp>

#include <fmt/format.h>

#include <optional>
#include <utility>

namespace diagnosis {
namespace {

// Secondary findings that do not change the cause but that an engineer wants to see.
std::string with_hints(std::string detail, const Evidence& e) {
  if (e.itl == ItlState::trust_failed)
    detail += fmt::format("; ITL: {}", e.itl_detail.empty() ? "trust failed" : e.itl_detail);
  else if (e.itl != ItlState::unknown && !e.itl_detail.empty())
    detail += fmt::format("; ITL {} ({})", to_string(e.itl), e.itl_detail);
  if (e.auth_url_lookup == NameLookup::unresolved)
    detail += fmt::format("; authentication URL host does not resolve ({})", e.auth_url);
  return detail;
}

Outcome from_transport(const Evidence& e) {
  const std::string why = e.transport_detail.empty() ? std::string(to_string(e.transport)) : e.transport_detail;
  switch (e.transport) {
  case TransferStatus::connect_failed:
  case TransferStatus::connect_timeout:
    if (!e.any_answer) return {RootCause::unreachable, why};
    // It answered one page and then refused the next: its web server is flaky, not absent.
    return {RootCause::bad_response, fmt::format("answered earlier pages, then: {}", why)};
  case TransferStatus::timed_out: return {RootCause::timeout, why};
  case TransferStatus::tls_failed: return {RootCause::tls_error, why};
  case TransferStatus::closed_early:
  case TransferStatus::too_large: return {RootCause::bad_response, why};
  case TransferStatus::local_error: return {RootCause::unreachable, fmt::format("not contacted, local error: {}", why)};
  case TransferStatus::completed: break;
  }
  return {RootCause::bad_response, why};
}

// Error 4 (or a bare 401): walk the troubleshooting order, credentials first.
Outcome explain_auth_failure(const Evidence& e, const FleetFacts& fleet) {
  const std::string answer = e.screenshot == ScreenshotAnswer::phone_error
                                 ? std::string("CiscoIPPhoneError 4")
                                 : fmt::format("HTTP {}", e.screenshot_http_status);
  if (e.cucm == CucmAuth::unauthorized) {
    if (!fleet.credentials_accepted_somewhere)
      return {RootCause::bad_credentials,
              with_hints(fmt::format("{}; CUCM rejects the user for this and every other phone "
                                     "it was asked about",
                                     answer),
                         e)};
    return {RootCause::not_associated,
            with_hints(fmt::format("{}; CUCM rejects the user for {} while the same credentials "
                                   "work elsewhere",
                                   answer, e.device.host_name.empty() ? "this device" : e.device.host_name),
                       e)};
  }
  if (e.cucm == CucmAuth::authorized) {
    if (e.itl == ItlState::trust_failed)
      return {RootCause::itl_trust,
              fmt::format("{}; CUCM authorises the user; {}", answer,
                          e.itl_detail.empty() ? "status messages: trust list failure" : e.itl_detail)};
    if (e.auth_url_lookup == NameLookup::unresolved)
      return {RootCause::auth_url_dns,
              fmt::format("{}; CUCM authorises the user; authentication URL host does not "
                          "resolve: {}{}",
                          answer, e.auth_url,
                          e.auth_url_lookup_detail.empty() ? "" : " (" + e.auth_url_lookup_detail + ")")};
    return {RootCause::auth_failed, with_hints(fmt::format("{}; CUCM authorises the user, yet the phone refuses "
                                                           "(authentication URL: {})",
                                                           answer, e.auth_url.empty() ? "unknown" : e.auth_url),
                                               e)};
  }
  std::string cucm = "CUCM not asked (no --cucm)";
  if (e.cucm == CucmAuth::error) cucm = fmt::format("CUCM check failed: {}", e.cucm_detail);
  else if (!e.cucm_detail.empty()) cucm = fmt::format("CUCM not asked: {}", e.cucm_detail);
  return {RootCause::auth_failed, with_hints(fmt::format("{}; {}", answer, cucm), e)};
}

// Never asked for a screenshot, so that the credentials would not be spent (the credential
// guard): the CUCM's refusal proves them wrong; Error 4 answers alone cannot tell why.
Outcome explain_withheld(const Evidence& e, const FleetFacts& fleet) {
  const std::string why =
      fmt::format("not asked for a screenshot: {}",
                  e.screenshot_detail.empty() ? "the credentials were not proven" : e.screenshot_detail);
  if (fleet.credentials_accepted_somewhere)
    return {RootCause::auth_failed,
            with_hints(fmt::format("{}; the same credentials work elsewhere: scan this phone again", why), e)};
  if (e.screenshot == ScreenshotAnswer::withheld_rejected) return {RootCause::bad_credentials, with_hints(why, e)};
  return {RootCause::auth_failed, with_hints(why, e)};
}

// The root cause and its detail, before the note on the model's identity.
Outcome diagnose_cause(const Evidence& e, const FleetFacts& fleet) {
  if (e.target_lookup == NameLookup::unresolved)
    return {RootCause::dns_unresolved, e.lookup_detail.empty() ? "host name does not resolve" : e.lookup_detail};
  if (e.screenshot == ScreenshotAnswer::no_answer) return from_transport(e);
  if (e.screenshot == ScreenshotAnswer::not_tried && !e.any_answer) return from_transport(e);

  switch (e.screenshot) {
  case ScreenshotAnswer::image: return {RootCause::ok, with_hints(fmt::format("screenshot {}", e.image_format), e)};
  case ScreenshotAnswer::phone_error:
    if (e.phone_error == 4) return explain_auth_failure(e, fleet);
    return {RootCause::phone_error, fmt::format("CiscoIPPhoneError {}", e.phone_error)};
  case ScreenshotAnswer::unauthorized: return explain_auth_failure(e, fleet);
  case ScreenshotAnswer::not_found:
    return {RootCause::unsupported, with_hints("no screenshot service (HTTP 404 on the screenshot path)", e)};
  case ScreenshotAnswer::http_status:
    return {RootCause::http_error, fmt::format("HTTP {} from the screenshot service", e.screenshot_http_status)};
  case ScreenshotAnswer::malformed:
    return {RootCause::bad_response, e.screenshot_detail.empty() ? "malformed screenshot answer" : e.screenshot_detail};
  case ScreenshotAnswer::not_tried:
    if (e.model_without_screenshot)
      return {RootCause::unsupported,
              fmt::format("model {} has no screenshot service", e.device.model.empty() ? "unknown" : e.device.model)};
    break;
  case ScreenshotAnswer::withheld_rejected:
  case ScreenshotAnswer::withheld_unproven: return explain_withheld(e, fleet);
  case ScreenshotAnswer::not_a_phone:
    return {RootCause::unsupported, e.screenshot_detail.empty()
                                        ? "did not identify itself as a Cisco phone: not asked for a screenshot"
                                        : e.screenshot_detail};
  case ScreenshotAnswer::no_answer: break;
  }
  return from_transport(e);
}

// What the CUCM proves on top of the phone's own evidence; nullopt when it changes nothing.
// An unregistered phone cannot be controlled whatever its web server does, so RisPort's state wins
// even over answers that broke off (the detail says which); Httpd No explains only a phone whose
// web server never answered. AXL's device list decides association as doc/DESIGN.md's precedence
// says, but where the CUCM's authentication service authorised the device anyway the detail says
// so: the two disagree, typically over the device name.
std::optional<Outcome> proven_by_cucm(const Outcome& scanned, const Evidence& e, const CucmPhoneView& cucm) {
  switch (scanned.cause) {
  case RootCause::unreachable:
  case RootCause::timeout:
  case RootCause::bad_response:
    if (cucm.risport.registration == Registration::not_registered)
      return Outcome{RootCause::unregistered,
                     fmt::format("RisPort: {}; the phone {} ({})", cucm.risport.status,
                                 e.any_answer ? "answered, then broke off" : "does not answer", scanned.detail)};
    if (cucm.risport.web_server == false && !e.any_answer)
      return Outcome{
          RootCause::web_disabled,
          fmt::format("RisPort: Httpd No (Web Access disabled); the phone does not answer ({})", scanned.detail)};
    return std::nullopt;
  case RootCause::not_associated:
  case RootCause::itl_trust:
  case RootCause::auth_url_dns:
  case RootCause::auth_failed:
    if (cucm.axl.user_missing) return Outcome{RootCause::bad_credentials, "AXL: the CUCM has no such user"};
    if (cucm.axl.roles_missing)
      return Outcome{RootCause::missing_roles, "AXL: the user lacks the CTI groups remote control uses"};
    if (cucm.axl.controlled == false && e.cucm == CucmAuth::authorized)
      return Outcome{RootCause::not_associated, "AXL: not among the user's controlled devices, although the CUCM's "
                                                "authentication service authorised it (check the device name)"};
    if (cucm.axl.controlled == false && scanned.cause != RootCause::not_associated)
      return Outcome{RootCause::not_associated, "AXL: not among the user's controlled devices"};
    if (cucm.axl.controlled == false)
      return Outcome{RootCause::not_associated,
                     fmt::format("AXL: not among the user's controlled devices ({})", scanned.detail)};
    return std::nullopt;
  default: return std::nullopt;
  }
}

} // namespace

Outcome diagnose(const Evidence& e, const FleetFacts& fleet, const CucmPhoneView& cucm) {
  Outcome outcome = diagnose_cause(e, fleet);
  // A phone that answered but that neither the inventory nor any page named: whatever the
  // cause, the reader should know the plan went by no model's table row.
  // (An address that never said it is a phone already says so.)
  if (e.any_answer && e.model_source.empty() && e.screenshot != ScreenshotAnswer::not_a_phone)
    outcome.detail += "; model not identified (neither the inventory nor any page names it)";
  if (auto proven = proven_by_cucm(outcome, e, cucm)) outcome = std::move(*proven);
  // Whatever the cause: the inventory's address is not where the CUCM has the phone.
  if (!cucm.address.inventory_differs.empty())
    outcome.detail +=
        fmt::format("; inventory says {}, the CUCM says {}", cucm.address.inventory_differs, cucm.address.ip);
  return outcome;
}

} // namespace diagnosis
