#pragma once
// Everything the probes learnt about one phone: the scanner's output and diagnose()'s input.
//
// It lives here, beside the decision that reads it, and not in scanner/: it is a plain struct
// that storage stores field by field, the fleet facts fold and merge compares, and none of them
// should depend on the event loop to read it; diagnosis stays a pure library with no engine
// under it. The scanner depends on diagnosis and fills it (scanner/evidence.hpp names these
// types for the probes). TransferStatus, how a transfer ended, is here for the same reason: the
// evidence records it and diagnose() decides on it; the engine reports its transfers in it
// (scanner/transfer.hpp).
#include <util/redact.hpp>

#include <string>
#include <string_view>

namespace diagnosis {

// How one transfer ended at the transport level; mapped from CURLcode in one place
// (scanner/engine.cpp).
enum class TransferStatus {
  completed,       // a complete HTTP answer arrived (any status code)
  connect_failed,  // refused, no route, host unreachable
  connect_timeout, // no TCP connection within the connect timeout
  timed_out,       // connected, but no complete answer within the total timeout
  tls_failed,      // handshake or certificate failure
  closed_early,    // closed or reset before a complete answer (truncated, partial, garbled framing)
  too_large,       // body over the request's cap; transfer abandoned
  local_error,     // our side: out of descriptors, out of memory, libcurl misuse
};

enum class ScreenshotAnswer {
  not_tried,    // never asked (unreachable earlier, or the model has no screenshot service)
  image,        // a BMP / PNG / CIP image, judged by magic bytes
  phone_error,  // <CiscoIPPhoneError Number="N"/>
  unauthorized, // HTTP 401 without a CiscoIPPhoneError body (some firmware)
  not_found,    // HTTP 404: no screenshot service on this phone
  http_status,  // any other unexpected HTTP status
  malformed,    // a 200 whose body is neither an image nor a phone error
  no_answer,    // the transfer itself failed (see Evidence::transport)
  // Never asked, so that the credentials would not be spent (scanner/credential_guard.hpp); the
  // reason is in Evidence::screenshot_detail:
  withheld_rejected, //   the CUCM (authentication service or AXL) refused the credentials
  withheld_unproven, //   screenshots answered Error 4 and no CUCM verdict tells why
  not_a_phone,       // never asked: an address of a --targets range that did not identify itself as a
                     // Cisco phone gets no credentials
};
enum class ItlState { unknown, ok, trust_failed, not_installed };
enum class CucmAuth { not_checked, authorized, unauthorized, error };
enum class NameLookup { not_needed, resolved, unresolved };

std::string_view to_string(TransferStatus status);
std::string_view to_string(ScreenshotAnswer value);
std::string_view to_string(ItlState value);
std::string_view to_string(CucmAuth value);
std::string_view to_string(NameLookup value);

struct DeviceInfo {
  std::string model;    // "CP-8841"
  std::string firmware; // versionID / "Version"
  std::string serial;
  std::string host_name; // SEP… device name
  std::string mac;       // 12 upper-case hex digits, no separators
};

struct Evidence {
  // Inventory host name lookup (c-ares). not_needed for IP literals.
  NameLookup target_lookup = NameLookup::not_needed;
  std::string lookup_detail;

  // The transfer that ended the plan early (or of the screenshot); completed when all answered.
  TransferStatus transport = TransferStatus::completed;
  std::string transport_detail;
  bool any_answer = false; // at least one HTTP answer from the phone (complete, or over a cap)

  bool device_info_read = false;
  DeviceInfo device;
  // Where the model the plan went by came from: the path of the page that named it
  // ("/DeviceInformationX", "/", a menu link's path), "inventory", or empty when neither the
  // inventory nor any page named a model (the phone was not identified).
  std::string model_source;

  bool model_without_screenshot = false; // the model table says so; screenshot not asked
  ScreenshotAnswer screenshot = ScreenshotAnswer::not_tried;
  long screenshot_http_status = 0;
  int phone_error = 0;           // CiscoIPPhoneError Number, 0 when none
  std::string image_format;      // "png", "bmp", "cip"
  std::string screenshot_detail; // why a body counted as malformed, etc.

  ItlState itl = ItlState::unknown;
  std::string itl_detail; // the page and line that set `itl`: "status messages:
                          // <newest trust line>" or "network setup page: ITL file …"

  std::string auth_url; // the phone's effective authentication URL
  NameLookup auth_url_lookup = NameLookup::not_needed;
  std::string auth_url_lookup_detail;

  CucmAuth cucm = CucmAuth::not_checked;
  std::string cucm_detail;
  bool https_used = false;
};

// Every text of `e` with the password taken out (util/redact.hpp): each came from a phone, the
// CUCM or a library's error message, and any of them may repeat what it was sent.
void redact(Evidence& e, const util::Redactor& redactor);

} // namespace diagnosis
