#include <scanner/credential_guard.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace scanner {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "A", "A and B", "A, B and C".
std::string joined(const std::vector<std::string>& items) {
  if (items.size() < 2) return items.empty() ? std::string() : items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fmt::format("{} and {}", fmt::join(head, ", "), items.back());
}

} // namespace

CredentialGuard::CredentialGuard(GuardSettings settings) : settings_(std::move(settings)) {
  settings_.max_failed_logons = std::max(1, settings_.max_failed_logons);
  service_usable_ = settings_.cucm;
  for (const Canary& canary : settings_.canaries) {
    if (canary.device.empty() || !named_.insert(upper(canary.device)).second) continue;
    candidates_.push_back(canary);
    configured_.insert(upper(canary.device));
  }
  for (const std::string& before : settings_.refused_before) refusals_.push_back({before, Refusal::By::axl, false});
  if (!settings_.rejected_by.empty()) {
    verdict_ = CredentialVerdict::rejected;
  } else if (!settings_.accepted_by.empty()) {
    accept(settings_.accepted_by);
  } else if (static_cast<int>(refusals_.size()) >= settings_.max_failed_logons) {
    verdict_ = CredentialVerdict::rejected;
  }
}

void CredentialGuard::offer(const std::string& device) {
  if (device.empty() || verdict_ != CredentialVerdict::unproven) return;
  if (named_.insert(upper(device)).second) candidates_.push_back({device, false});
}

bool CredentialGuard::is_canary(std::string_view device) const {
  return !device.empty() && configured_.contains(upper(device));
}

Probe CredentialGuard::next_probe(bool phones_waiting, bool more_devices_may_come) {
  if (verdict_ != CredentialVerdict::unproven || probe_out_) return {};
  if (service_usable_ && !candidates_.empty()) {
    asked_ = std::move(candidates_.front());
    candidates_.erase(candidates_.begin());
    probe_out_ = canary_out_ = true;
    return {Probe::Kind::canary, asked_.device};
  }
  if (!phones_waiting || (service_usable_ && more_devices_may_come)) return {};
  probe_out_ = true;
  return {Probe::Kind::phone, {}};
}

bool CredentialGuard::refused_by_service(std::string_view device) const {
  if (device.empty()) return false;
  const std::string key = upper(device);
  return std::any_of(refusals_.begin(), refusals_.end(),
                     [&](const Refusal& r) { return r.by == Refusal::By::cucm && upper(r.who) == key; });
}

void CredentialGuard::canary_answered(CucmAuth answer) {
  if (!canary_out_) return;
  probe_out_ = canary_out_ = false;
  switch (answer) {
  case CucmAuth::authorized: accept("the CUCM for " + asked_.device); break;
  case CucmAuth::unauthorized: refuse({asked_.device, Refusal::By::cucm, asked_.controlled}); break;
  case CucmAuth::error:
  case CucmAuth::not_checked: service_usable_ = false; break;
  }
}

void CredentialGuard::phone_answered(const Evidence& e, bool cross_check, const std::string& who) {
  if (!probe_out_ || canary_out_) return;
  probe_out_ = false;
  if (cross_check) {
    if (e.cucm == CucmAuth::authorized) accept("the CUCM for " + who);
    else if (e.cucm == CucmAuth::unauthorized) refuse({who, Refusal::By::cucm, false});
    return;
  }
  if (e.screenshot == ScreenshotAnswer::image) accept("the screenshot of " + who);
  else if ((e.screenshot == ScreenshotAnswer::phone_error && e.phone_error == 4) ||
           e.screenshot == ScreenshotAnswer::unauthorized)
    refuse({who, Refusal::By::phone, false});
}

void CredentialGuard::refuse(Refusal refusal) {
  if (verdict_ != CredentialVerdict::unproven) return;
  // A device AXL lists among the user's controlled devices is refused only for the password.
  const bool conclusive = refusal.controlled;
  refusals_.push_back(std::move(refusal));
  if (conclusive || static_cast<int>(refusals_.size()) >= settings_.max_failed_logons)
    verdict_ = CredentialVerdict::rejected;
}

void CredentialGuard::accept(std::string by) {
  if (verdict_ == CredentialVerdict::rejected) return;
  verdict_ = CredentialVerdict::accepted;
  if (accepted_by_.empty()) accepted_by_ = std::move(by);
}

ScreenshotAnswer CredentialGuard::withheld() const {
  const bool by_cucm =
      !settings_.rejected_by.empty() ||
      std::any_of(refusals_.begin(), refusals_.end(), [](const Refusal& r) { return r.by != Refusal::By::phone; });
  return by_cucm ? ScreenshotAnswer::withheld_rejected : ScreenshotAnswer::withheld_unproven;
}

std::string CredentialGuard::reason() const {
  if (!settings_.rejected_by.empty()) return settings_.rejected_by;
  std::vector<std::string> cucm, axl, phones;
  bool listed = false;
  for (const Refusal& r : refusals_) {
    (r.by == Refusal::By::cucm ? cucm : r.by == Refusal::By::axl ? axl : phones).push_back(r.who);
    listed = listed || r.controlled;
  }
  std::vector<std::string> parts;
  if (!axl.empty()) parts.push_back(fmt::format("by {}", joined(axl)));
  if (!cucm.empty())
    parts.push_back(fmt::format("by the CUCM for {}{}", joined(cucm),
                                listed ? " (a device AXL lists among the user's controlled devices)" : ""));
  if (!phones.empty())
    parts.push_back(fmt::format("by the {} {} (Error 4; without the CUCM's verdict a wrong password, a "
                                "missing association and an ITL failure look the same)",
                                phones.size() == 1 ? "phone" : "phones", joined(phones)));
  return "the credentials were refused " + joined(parts);
}

CredentialOutcome CredentialGuard::outcome() const {
  CredentialOutcome out;
  out.verdict = verdict_;
  out.accepted_by = accepted_by_;
  for (const Refusal& r : refusals_) {
    out.refused.push_back(r.by == Refusal::By::cucm    ? r.who + " (CUCM)"
                          : r.by == Refusal::By::phone ? r.who + " (Error 4)"
                                                       : r.who);
    if (r.by != Refusal::By::phone) out.refused_by_cucm = true;
  }
  if (!settings_.rejected_by.empty()) out.refused_by_cucm = true;
  out.failed_logons = verdict_ == CredentialVerdict::accepted ? 0 : static_cast<int>(refusals_.size());
  if (verdict_ == CredentialVerdict::rejected) out.reason = reason();
  return out;
}

} // namespace scanner
