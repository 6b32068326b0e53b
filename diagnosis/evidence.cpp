#include <diagnosis/evidence.hpp>

namespace diagnosis {

std::string_view to_string(TransferStatus status) {
  switch (status) {
  case TransferStatus::completed: return "completed";
  case TransferStatus::connect_failed: return "connect_failed";
  case TransferStatus::connect_timeout: return "connect_timeout";
  case TransferStatus::timed_out: return "timed_out";
  case TransferStatus::tls_failed: return "tls_failed";
  case TransferStatus::closed_early: return "closed_early";
  case TransferStatus::too_large: return "too_large";
  case TransferStatus::local_error: return "local_error";
  }
  return "local_error";
}

std::string_view to_string(ScreenshotAnswer value) {
  switch (value) {
  case ScreenshotAnswer::not_tried: return "not_tried";
  case ScreenshotAnswer::image: return "image";
  case ScreenshotAnswer::phone_error: return "phone_error";
  case ScreenshotAnswer::unauthorized: return "unauthorized";
  case ScreenshotAnswer::not_found: return "not_found";
  case ScreenshotAnswer::http_status: return "http_status";
  case ScreenshotAnswer::malformed: return "malformed";
  case ScreenshotAnswer::no_answer: return "no_answer";
  case ScreenshotAnswer::withheld_rejected: return "withheld_rejected";
  case ScreenshotAnswer::withheld_unproven: return "withheld_unproven";
  case ScreenshotAnswer::not_a_phone: return "not_a_phone";
  }
  return "not_tried";
}

std::string_view to_string(ItlState value) {
  switch (value) {
  case ItlState::unknown: return "unknown";
  case ItlState::ok: return "ok";
  case ItlState::trust_failed: return "trust_failed";
  case ItlState::not_installed: return "not_installed";
  }
  return "unknown";
}

std::string_view to_string(CucmAuth value) {
  switch (value) {
  case CucmAuth::not_checked: return "not_checked";
  case CucmAuth::authorized: return "authorized";
  case CucmAuth::unauthorized: return "unauthorized";
  case CucmAuth::error: return "error";
  }
  return "not_checked";
}

std::string_view to_string(NameLookup value) {
  switch (value) {
  case NameLookup::not_needed: return "not_needed";
  case NameLookup::resolved: return "resolved";
  case NameLookup::unresolved: return "unresolved";
  }
  return "not_needed";
}

void redact(Evidence& e, const util::Redactor& redactor) {
  if (redactor.empty()) return;
  for (std::string* text : {&e.lookup_detail, &e.transport_detail, &e.device.model, &e.device.firmware,
                            &e.device.serial, &e.device.host_name, &e.device.mac, &e.image_format, &e.screenshot_detail,
                            &e.itl_detail, &e.auth_url, &e.auth_url_lookup_detail, &e.cucm_detail})
    redactor.apply(*text);
}

} // namespace diagnosis
