#include <scanner/probe_plan.hpp>

#include <scanner/cucm_answer.hpp>
#include <scanner/engine.hpp>
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

namespace scanner {
namespace {

// The model table knows the model (it is not the catch-all default row, which lookup_model
// gives for empty and unknown models).
bool known_model(const pages::PhoneModel& model) { return &model != &pages::model_table().back().model; }

bool is_auth_failure(const Evidence& e) {
  return (e.screenshot == ScreenshotAnswer::phone_error && e.phone_error == 4) ||
         e.screenshot == ScreenshotAnswer::unauthorized;
}

} // namespace

ProbePlan::ProbePlan(const inventory::Target& target, const PlanSettings& settings)
    : target_(target), settings_(settings), model_(&pages::lookup_model(target.model)),
      host_is_ip_literal_(target.host_is_ip_literal()) {
  // Known from the inventory's model until the phone says otherwise (record_device): a phone
  // whose pages cannot be read is still a model without a screenshot service.
  evidence_.model_without_screenshot = !model_->has_screenshot;
  const bool v6 = target.host.find(':') != std::string::npos;
  base_url_ = (target.https ? "https://" : "http://") + (v6 ? "[" + target.host + "]" : target.host);
  if (target.port != 0) base_url_ += ":" + std::to_string(target.port);
  evidence_.https_used = target.https;
  evidence_.device.host_name = target.device_name;
  if (host_is_ip_literal_) {
    connect_ip_ = target.host;
    evidence_.target_lookup = NameLookup::not_needed;
    stage_ = Stage::device_info;
  }
}

bool ProbePlan::applies(Stage stage) const {
  const pages::PhoneModel& model = *model_;
  switch (stage) {
  case Stage::target_lookup: return !host_is_ip_literal_;
  case Stage::device_info: return true;
  case Stage::device_home:
    return !evidence_.device_info_read && model.device_info_path != "/";
  case Stage::status_messages: return !model.status_messages_path.empty();
  case Stage::network_setup: return !model.network_setup_path.empty();
  case Stage::screenshot: return model.has_screenshot && identified_as_phone();
  case Stage::auth_url_lookup:
    return settings_.check_auth_url_dns && is_auth_failure(evidence_) && !auth_url_host_.empty() &&
           !inventory::is_ip_literal(auth_url_host_);
  case Stage::cucm_check:
    return !settings_.cucm_url.empty() && is_auth_failure(evidence_) &&
           !evidence_.device.host_name.empty();
  case Stage::finished: return true;
  }
  return true;
}

void ProbePlan::advance() {
  do {
    stage_ = static_cast<Stage>(static_cast<int>(stage_) + 1);
    if (stage_ == Stage::screenshot && model_->has_screenshot && !identified_as_phone()) {
      evidence_.screenshot = ScreenshotAnswer::not_a_phone;
      evidence_.screenshot_detail = "answers HTTP, but no page it served identifies a Cisco phone (an "
                                    "address of a --targets range): not asked for a screenshot, no "
                                    "credentials sent";
    }
  } while (stage_ != Stage::finished && !applies(stage_));
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
// engine closes the connection at once rather than keep it for a request that never comes. After
// the device page the answer is "perhaps" (the home page is asked only if it was not readable).
bool ProbePlan::last_phone_request() const {
  if (stage_ == Stage::device_info) return false;
  for (Stage later : {Stage::status_messages, Stage::network_setup, Stage::screenshot})
    if (later > stage_ && applies(later)) return false;
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
  const pages::PhoneModel& model = *model_;
  switch (stage_) {
  case Stage::target_lookup:
    step.kind = Step::Kind::resolve;
    step.host = target_.host;
    return step;
  case Stage::device_info:
    step.kind = Step::Kind::fetch;
    step.request = page_request(model.device_info_path.empty() ? std::string_view("/DeviceInformationX")
                                                               : model.device_info_path,
                                settings_.page_cap);
    return step;
  case Stage::device_home:
    step.kind = Step::Kind::fetch;
    step.request = page_request("/", settings_.page_cap);
    return step;
  case Stage::status_messages:
    step.kind = Step::Kind::fetch;
    step.request = page_request(model.status_messages_path, settings_.page_cap);
    return step;
  case Stage::network_setup:
    step.kind = Step::Kind::fetch;
    step.request = page_request(model.network_setup_path, settings_.page_cap);
    return step;
  case Stage::screenshot:
    step.kind = Step::Kind::fetch;
    step.request = page_request(model.screenshot_path, settings_.image_cap);
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

void ProbePlan::record_device(const DeviceInfo& info) {
  evidence_.device_info_read = true;
  // The inventory's device name wins when given (it is what the CUCM knows); the phone's own
  // answer fills what the inventory lacks.
  const std::string inventory_name = evidence_.device.host_name;
  evidence_.device = info;
  if (!inventory_name.empty()) evidence_.device.host_name = inventory_name;
  // The phone's own model replaces the inventory's only when the table knows it: a garbled or
  // hostile model field ("<script>…", invalid bytes) must not send the next requests to the
  // wrong family's paths. The phone's answer is still kept as evidence.
  if (!info.model.empty()) {
    const pages::PhoneModel& answered = pages::lookup_model(info.model);
    if (known_model(answered) || !known_model(*model_)) model_ = &answered;
  }
  evidence_.model_without_screenshot = !model_->has_screenshot;
}

void ProbePlan::on_response(const Response& response) {
  const bool answered = response.status == TransferStatus::completed;
  if (answered && stage_ != Stage::cucm_check) evidence_.any_answer = true;

  switch (stage_) {
  case Stage::device_info:
  case Stage::device_home:
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
    } else if (response.http_status == 200) {
      // Some models answer their device page in HTML, some firmware even at the XML path.
      auto info = pages::read_device_information(response.body);
      if (info) record_device(*info);
    }
    break;
  case Stage::status_messages:
    if (answered && response.http_status == 200) {
      auto reading = pages::read_status_messages(response.body);
      evidence_.itl = reading.state;
      evidence_.itl_detail = std::move(reading.detail);
    }
    break;
  case Stage::network_setup:
    if (answered && response.http_status == 200) {
      auto setup = pages::read_network_setup(response.body);
      evidence_.auth_url = std::move(setup.auth_url);
      auth_url_host_ = pages::url_host(evidence_.auth_url);
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
      auto verdict = read_cucm_answer(response.http_status, response.body);
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
  } else if (stage_ == Stage::auth_url_lookup) {
    evidence_.auth_url_lookup = resolution.ok ? NameLookup::resolved : NameLookup::unresolved;
    if (!resolution.ok) evidence_.auth_url_lookup_detail = auth_url_host_ + ": " + resolution.error;
  } else {
    return;
  }
  advance();
}

} // namespace scanner
