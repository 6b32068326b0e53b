#include <scanner/probe_plan.hpp>

#include <scanner/cucm_answer.hpp>
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

namespace scanner {
namespace {

using pages::PageKind;

constexpr std::string_view home_page = "/";
constexpr std::string_view default_device_page = "/DeviceInformationX";

bool is_auth_failure(const Evidence& e) {
  return (e.screenshot == ScreenshotAnswer::phone_error && e.phone_error == 4) ||
         e.screenshot == ScreenshotAnswer::unauthorized;
}

// Whether `model` names a model number at all ("Cisco IP Phone" does not).
bool names_a_model(std::string_view model) { return !pages::normalise_model(model).empty(); }

} // namespace

ProbePlan::ProbePlan(const inventory::Target& target, const PlanSettings& settings)
    : target_(target), settings_(settings), model_(&pages::lookup_model(target.model)), search_({target.host}),
      host_is_ip_literal_(target.host_is_ip_literal()) {
  // Known from the inventory's model until the phone says otherwise (record_device): a phone
  // whose pages cannot be read is still a model without a screenshot service.
  evidence_.model_without_screenshot = !model_->has_screenshot;
  if (names_a_model(target.model)) evidence_.model_source = "inventory";
  const bool v6 = target.host.find(':') != std::string::npos;
  base_url_ = (target.https ? "https://" : "http://") + (v6 ? "[" + target.host + "]" : target.host);
  if (target.port != 0) base_url_ += ":" + std::to_string(target.port);
  evidence_.https_used = target.https;
  evidence_.device.host_name = target.device_name;
  if (host_is_ip_literal_) {
    connect_ip_ = target.host;
    evidence_.target_lookup = NameLookup::not_needed;
    (void)enter(Stage::device_info); // the table's device page: always one to ask
  }
}

std::optional<std::string> ProbePlan::next_page_path(Stage stage) const {
  const pages::PhoneModel& model = *model_;
  switch (stage) {
  case Stage::device_info:
    // Every phone's home page is worth a look when its device page is not readable.
    return search_.next(PageKind::device_info,
                        model.device_info_path.empty() ? default_device_page : model.device_info_path, true);
  case Stage::status_messages:
    return search_.next(PageKind::status_messages, model.status_messages_path,
                        !model.status_messages_path.empty() || model.follow_menu);
  case Stage::network_setup:
    return search_.next(PageKind::network_setup, model.network_setup_path,
                        !model.network_setup_path.empty() || model.follow_menu);
  default: return std::nullopt;
  }
}

bool ProbePlan::enter(Stage stage) {
  stage_ = stage;
  if (stage == Stage::device_info || stage == Stage::status_messages || stage == Stage::network_setup) {
    auto path = next_page_path(stage);
    if (!path) return false;
    page_path_ = std::move(*path);
    return true;
  }
  return applies(stage);
}

bool ProbePlan::applies(Stage stage) const {
  switch (stage) {
  case Stage::target_lookup: return !host_is_ip_literal_;
  case Stage::device_info:
  case Stage::status_messages:
  case Stage::network_setup: return next_page_path(stage).has_value();
  case Stage::screenshot: return model_->has_screenshot && identified_as_phone();
  case Stage::auth_url_lookup:
    return settings_.check_auth_url_dns && is_auth_failure(evidence_) && !auth_url_host_.empty() &&
           !inventory::is_ip_literal(auth_url_host_);
  case Stage::cucm_check:
    return !settings_.cucm_url.empty() && is_auth_failure(evidence_) && !evidence_.device.host_name.empty();
  case Stage::finished: return true;
  }
  return true;
}

void ProbePlan::advance() {
  Stage stage = stage_;
  do {
    stage = static_cast<Stage>(static_cast<int>(stage) + 1);
    if (stage == Stage::screenshot && model_->has_screenshot && !identified_as_phone()) {
      evidence_.screenshot = ScreenshotAnswer::not_a_phone;
      evidence_.screenshot_detail = "answers HTTP, but no page it served identifies a Cisco phone (an "
                                    "address of a --targets range): not asked for a screenshot, no "
                                    "credentials sent";
    }
  } while (stage != Stage::finished && !enter(stage));
  stage_ = stage;
}

void ProbePlan::try_next_path_or_advance() {
  if (auto path = next_page_path(stage_)) {
    page_path_ = std::move(*path);
    return;
  }
  advance();
}

// Basic credentials go only to a host that has identified itself as a Cisco phone. An inventory
// row says so; an address of a --targets range is whatever answers there until its pages show a
// phone: a device page read (model or MAC address), an authentication URL on its network setup
// page, or a trust list line among its status messages.
bool ProbePlan::identified_as_phone() const {
  return !target_.from_range || evidence_.device_info_read || !evidence_.auth_url.empty() ||
         evidence_.itl != ItlState::unknown;
}

Request ProbePlan::page_request(std::string_view path, std::size_t cap) const {
  Request r;
  r.url = base_url_;
  r.url += path;
  if (!host_is_ip_literal_) r.connect_ip = connect_ip_;
  r.body_cap = cap;
  r.last_to_host = last_phone_request();
  // Phones serve self-signed certificates: accepted here, for the inventory's phone addresses
  // only. Every other request (the CUCM) keeps Request's default, verified.
  r.verify_tls = false;
  return r;
}

// Whether the current stage's request is the last this plan sends to the phone, so that the
// engine closes the connection at once rather than keep it for a request that never comes. The
// current path is already marked asked. Only certain for the screenshot and for the last page of
// a model without one: a home page may link further pages, a device page may change the model.
bool ProbePlan::last_phone_request() const {
  if (stage_ == Stage::screenshot) return true;
  if (model_->has_screenshot || stage_ == Stage::device_info || page_path_ == home_page) return false;
  for (Stage later = stage_; later < Stage::screenshot; later = static_cast<Stage>(static_cast<int>(later) + 1)) {
    if (next_page_path(later)) return false;
  }
  return true;
}

Request cucm_check_request(const PlanSettings& settings, std::string_view device_name) {
  Request r;
  r.url = settings.cucm_url;
  r.connect_ip = settings.cucm_connect_ip;
  r.lane = Lane::cucm;
  r.verify_tls = true;
  r.body_cap = 64 * 1024;
  r.post_form = "UserID=" + form_encode(settings.user) + "&Password=" + form_encode(settings.password) +
                "&devicename=" + form_encode(device_name);
  return r;
}

Step ProbePlan::next() {
  Step step;
  switch (stage_) {
  case Stage::target_lookup:
    step.kind = Step::Kind::resolve;
    step.host = target_.host;
    return step;
  case Stage::device_info:
  case Stage::status_messages:
  case Stage::network_setup:
    search_.mark_asked(page_path_);
    step.kind = Step::Kind::fetch;
    step.request = page_request(page_path_, settings_.page_cap);
    return step;
  case Stage::screenshot:
    step.kind = Step::Kind::fetch;
    step.request = page_request(model_->screenshot_path, settings_.image_cap);
    step.request.lane = Lane::authenticated;
    step.request.basic_auth = true;
    return step;
  case Stage::auth_url_lookup:
    step.kind = Step::Kind::resolve;
    step.host = auth_url_host_;
    return step;
  case Stage::cucm_check:
    step.kind = Step::Kind::fetch;
    step.request = cucm_check_request(settings_, evidence_.device.host_name);
    return step;
  case Stage::finished: break;
  }
  step.kind = Step::Kind::done;
  return step;
}

void ProbePlan::record_device(const DeviceInfo& info, std::string_view source) {
  evidence_.device_info_read = true;
  // The inventory's device name wins when given (it is what the CUCM knows); the phone's own
  // answer fills what the inventory lacks.
  const std::string inventory_name = evidence_.device.host_name;
  evidence_.device = info;
  if (!inventory_name.empty()) evidence_.device.host_name = inventory_name;
  // The phone's own model replaces the inventory's only when the table knows it: a garbled or
  // hostile model field ("<script>…", invalid bytes) must not send the next requests to the
  // wrong family's paths. The phone's answer is still kept as evidence.
  if (names_a_model(info.model)) {
    const pages::PhoneModel& answered = pages::lookup_model(info.model);
    if (!pages::is_default_row(answered) || pages::is_default_row(*model_)) {
      model_ = &answered;
      evidence_.model_source = std::string(source);
    } else if (evidence_.model_source.empty()) {
      evidence_.model_source = std::string(source);
    }
  }
  evidence_.model_without_screenshot = !model_->has_screenshot;
}

void ProbePlan::on_device_page(const Response& response, bool answered) {
  if (!answered) {
    // A page over the size cap is an answer all the same: the phone is there and its
    // screenshot may well work (a bloated device page must not hide an `ok`).
    if (response.status == TransferStatus::too_large) evidence_.any_answer = true;
    if (!evidence_.any_answer) {
      // First contact failed: the phone's reachability is the finding; ask nothing more.
      evidence_.transport = response.status;
      evidence_.transport_detail = response.error;
      stage_ = Stage::finished;
      return;
    }
    if (response.status != TransferStatus::too_large) {
      advance(); // a phone that stops answering is not asked for more candidates
      return;
    }
  } else {
    search_.record(page_path_, response.http_status, response.body);
    if (response.http_status == 200) {
      // Some models answer their device page in HTML, some firmware even at the XML path.
      if (auto info = pages::read_device_information(response.body)) {
        record_device(*info, page_path_);
        advance();
        return;
      }
    }
  }
  try_next_path_or_advance();
}

bool ProbePlan::took_page(PageKind kind, const Response& response) {
  search_.record(page_path_, response.http_status, response.body);
  // The home page asked only for its menu is not the page wanted, unless its menu says it is.
  const bool menu_only = page_path_ == home_page && search_.linked(kind) != page_path_;
  if (response.http_status == 200 && !menu_only) return true;
  try_next_path_or_advance();
  return false;
}

void ProbePlan::on_status_page(const Response& response) {
  if (!took_page(PageKind::status_messages, response)) return;
  // Redacted before reading: the detail kept is a clipped line, which could end mid-password.
  auto reading = pages::read_status_messages(settings_.redactor(response.body));
  evidence_.itl = reading.state;
  evidence_.itl_detail = "status messages: " + reading.detail;
  advance();
}

void ProbePlan::on_network_page(const Response& response) {
  if (!took_page(PageKind::network_setup, response)) return;
  auto setup = pages::read_network_setup(response.body);
  evidence_.auth_url = std::move(setup.auth_url);
  auth_url_host_ = pages::url_host(evidence_.auth_url);
  // The ITL file line says whether an ITL is installed; the status messages, when they spoke,
  // say whether the phone trusts it, and win.
  if (evidence_.itl == ItlState::unknown) {
    const pages::ItlFileShown shown = pages::classify_itl_file(setup.itl_file);
    if (shown != pages::ItlFileShown::unknown) {
      evidence_.itl = shown == pages::ItlFileShown::installed ? ItlState::ok : ItlState::not_installed;
      evidence_.itl_detail = "network setup page: ITL file " + pages::printable_prefix(setup.itl_file, 64);
    }
  }
  advance();
}

void ProbePlan::on_response(const Response& response) {
  const bool answered = response.status == TransferStatus::completed;
  if (answered && stage_ != Stage::cucm_check) evidence_.any_answer = true;

  switch (stage_) {
  case Stage::device_info: on_device_page(response, answered); return;
  case Stage::status_messages:
    if (answered) {
      on_status_page(response);
      return;
    }
    break;
  case Stage::network_setup:
    if (answered) {
      on_network_page(response);
      return;
    }
    break;
  case Stage::screenshot:
    evidence_.screenshot_http_status = response.http_status;
    if (!answered) {
      evidence_.screenshot = ScreenshotAnswer::no_answer;
      evidence_.transport = response.status;
      evidence_.transport_detail = response.error;
    } else {
      auto reading = pages::read_screenshot(response.http_status, response.content_type, response.body);
      // Anything but an image is kept as text (a preview of the body), which a phone echoing its
      // Authorization header would fill with the credentials: read again without them.
      if (reading.answer != ScreenshotAnswer::image)
        reading = pages::read_screenshot(response.http_status, settings_.redactor(response.content_type),
                                         settings_.redactor(response.body));
      evidence_.screenshot = reading.answer;
      evidence_.phone_error = reading.phone_error;
      evidence_.image_format = std::move(reading.image_format);
      evidence_.screenshot_detail = std::move(reading.detail);
    }
    break;
  case Stage::cucm_check:
    if (!answered) {
      evidence_.cucm = CucmAuth::error;
      evidence_.cucm_detail = "CUCM not reachable: " + response.error;
    } else {
      // Redacted before the preview is cut from it: a CUCM (or impostor) echoing the request would
      // otherwise store the form's password, or its first bytes.
      auto verdict = read_cucm_answer(response.http_status, settings_.redactor(response.body));
      evidence_.cucm = verdict.auth;
      evidence_.cucm_detail = std::move(verdict.detail);
    }
    break;
  case Stage::target_lookup:
  case Stage::auth_url_lookup:
  case Stage::finished: return;
  }
  advance();
}

void ProbePlan::withhold(ScreenshotAnswer why, const std::string& reason) {
  if (stage_ == Stage::screenshot) {
    evidence_.screenshot = why;
    evidence_.screenshot_detail = reason;
  } else if (stage_ == Stage::cucm_check) {
    evidence_.cucm_detail = reason;
  } else {
    return;
  }
  advance();
}

void ProbePlan::on_resolved(const Resolution& resolution) {
  if (stage_ == Stage::target_lookup) {
    if (!resolution.ok) {
      evidence_.target_lookup = NameLookup::unresolved;
      evidence_.lookup_detail = target_.host + ": " + resolution.error;
      stage_ = Stage::finished;
      return;
    }
    evidence_.target_lookup = NameLookup::resolved;
    connect_ip_ = resolution.addresses.front();
    search_.add_own_host(connect_ip_);
  } else if (stage_ == Stage::auth_url_lookup) {
    evidence_.auth_url_lookup = resolution.ok ? NameLookup::resolved : NameLookup::unresolved;
    if (!resolution.ok) evidence_.auth_url_lookup_detail = auth_url_host_ + ": " + resolution.error;
  } else {
    return;
  }
  advance();
}

} // namespace scanner
