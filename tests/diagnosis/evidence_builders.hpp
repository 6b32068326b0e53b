#pragma once
// Evidence as the probes would fill it for the usual phones, for the diagnosis tests.
#include <diagnosis/diagnose.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace diagnosis_test {

using namespace diagnosis;

// A phone that answered its pages and named its model.
inline Evidence answered() {
  Evidence e;
  e.any_answer = true;
  e.device_info_read = true;
  e.device.model = "CP-8841";
  e.device.host_name = "SEP001122334455";
  e.model_source = "/DeviceInformationX";
  return e;
}

// The screenshot answered CiscoIPPhoneError 4; the CUCM's verdict is `cucm`.
inline Evidence error4(CucmAuth cucm) {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::phone_error;
  e.phone_error = 4;
  e.screenshot_http_status = 200;
  e.cucm = cucm;
  e.auth_url = "http://cucm.example:8080/ccmcip/authenticate.jsp";
  return e;
}

// A phone that never answered: its first transfer ended with `status`.
inline Evidence silent(TransferStatus status) {
  Evidence e;
  e.transport = status;
  return e;
}

inline FleetFacts works_elsewhere() { return {true}; }
inline FleetFacts rejected_everywhere() { return {false}; }

// Evidence and fleet facts from which the phone's own evidence proves `cause`, for the causes
// the CUCM's view can change or must leave alone.
struct Scanned {
  Evidence evidence;
  FleetFacts fleet = works_elsewhere();
};

inline Scanned scanned(RootCause cause) {
  switch (cause) {
  case RootCause::ok: {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::image;
    e.image_format = "png";
    return {e};
  }
  case RootCause::dns_unresolved: {
    Evidence e = silent(TransferStatus::connect_failed);
    e.target_lookup = NameLookup::unresolved;
    return {e};
  }
  case RootCause::unreachable: return {silent(TransferStatus::connect_failed)};
  case RootCause::timeout: return {silent(TransferStatus::timed_out)};
  case RootCause::tls_error: return {silent(TransferStatus::tls_failed)};
  case RootCause::bad_response: {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::no_answer;
    e.transport = TransferStatus::closed_early;
    return {e};
  }
  case RootCause::bad_credentials: return {error4(CucmAuth::unauthorized), rejected_everywhere()};
  case RootCause::not_associated: return {error4(CucmAuth::unauthorized)};
  case RootCause::itl_trust: {
    Evidence e = error4(CucmAuth::authorized);
    e.itl = ItlState::trust_failed;
    e.itl_detail = "status messages: Trust List update failed";
    return {e};
  }
  case RootCause::auth_url_dns: {
    Evidence e = error4(CucmAuth::authorized);
    e.auth_url_lookup = NameLookup::unresolved;
    return {e};
  }
  case RootCause::auth_failed: return {error4(CucmAuth::authorized)};
  case RootCause::phone_error: {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::phone_error;
    e.phone_error = 2;
    return {e};
  }
  case RootCause::unsupported: {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::not_found;
    e.screenshot_http_status = 404;
    return {e};
  }
  case RootCause::http_error: {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::http_status;
    e.screenshot_http_status = 500;
    return {e};
  }
  case RootCause::unregistered:
  case RootCause::web_disabled:
  case RootCause::missing_roles: break; // only the CUCM proves these
  }
  FAIL("no evidence alone proves " << to_string(cause));
  return {};
}

} // namespace diagnosis_test
