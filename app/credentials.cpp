#include <app/credentials.hpp>

#include <cucm/preflight.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace app {
namespace {

// The canaries AXL offers: enough that an ERROR answer leaves another to ask, few enough that a
// list of thousands is not copied around.
constexpr std::size_t axl_canaries = 3;

std::string rate_text(double rate) { return rate > 0 ? fmt::format("{:g}/s", rate) : std::string("no rate limit"); }

} // namespace

void note_axl(AccountCheck& check, const AxlPreflightOptions& axl, const AxlFacts& facts, bool same_password) {
  if (facts.refused) {
    check.refused.push_back("AXL (HTTP 401)");
    return;
  }
  if (facts.user_missing) {
    check.rejected_by = fmt::format("AXL says the CUCM has no user '{}'", axl.user);
    return;
  }
  if (axl.scan_account && same_password && check.accepted_by.empty()) check.accepted_by = "AXL";
}

scanner::GuardSettings guard_settings(const ScanOptions& o, const AccountCheck& check,
                                      const std::optional<AxlFacts>& axl, std::span<const inventory::Target> targets,
                                      std::span<const std::string> proven_before) {
  scanner::GuardSettings g;
  g.max_failed_logons = o.max_failed_logons;
  g.accepted_by = check.accepted_by;
  g.refused_before = check.refused;
  g.rejected_by = check.rejected_by;
  const bool axl_knows = axl && !axl->refused && !axl->user_missing;
  const auto controlled = [&](const std::string& device) { return axl_knows && cucm::controls(axl->user, device); };
  if (!o.canary_device.empty()) g.canaries.push_back({o.canary_device, controlled(o.canary_device)});
  // A device whose screenshot (or CUCM check) worked in the last completed run is very likely
  // still controlled: a nightly job needs no --canary-device, and an --only-failed re-check,
  // whose phones are by definition the failing ones, does not mistake them for a wrong password.
  const auto add_proven = [&] {
    for (const std::string& device : proven_before) g.canaries.push_back({device, controlled(device)});
  };
  if (!axl_knows) {
    add_proven();
    return g;
  }
  // A device of the run the user controls; else any it controls (the authentication service
  // answers for every device, in the inventory or not).
  std::size_t added = 0;
  for (const auto& t : targets) {
    if (added == axl_canaries) break;
    if (!t.device_name.empty() && controlled(t.device_name)) {
      g.canaries.push_back({t.device_name, true});
      ++added;
    }
  }
  if (added == 0 && !axl->user.controlled.empty()) {
    std::vector<std::string> names(axl->user.controlled.begin(), axl->user.controlled.end());
    std::sort(names.begin(), names.end());
    g.canaries.push_back({names.front(), true});
  }
  add_proven();
  return g;
}

AuthCaps auth_caps(const ScanOptions& o, const inventory::Shard& shard) {
  AuthCaps caps;
  caps.shards = std::max(1U, shard.count);
  const int n = static_cast<int>(caps.shards);
  caps.concurrency = o.auth_concurrency_given ? o.auth_concurrency : std::max(1, o.auth_concurrency / n);
  caps.rate = o.auth_rate_given ? o.auth_rate : o.auth_rate / n;
  caps.estate_concurrency = caps.concurrency * n;
  caps.estate_rate = caps.rate * n;
  return caps;
}

std::string auth_caps_line(const AuthCaps& caps, int max_failed_logons, const std::string& shard) {
  std::string line = fmt::format(
      "authenticated requests (screenshots, CUCM cross-checks) go one at a time until the credentials are "
      "accepted, and stop after {} refused, so that the account does not lock; then at most {} in flight, {}",
      max_failed_logons, caps.concurrency, rate_text(caps.rate));
  if (caps.shards > 1)
    line += fmt::format(" in shard {}; all {} shards together: {} in flight, {}", shard, caps.shards,
                        caps.estate_concurrency, rate_text(caps.estate_rate));
  return line;
}

std::string without_cucm_line() {
  return "no --cucm: credential, association and ITL failures all look like Error 4 and cannot be told "
         "apart without the CUCM's verdict; such phones are auth_failed (give --cucm URL to tell them apart)";
}

std::string without_cucm_count_line(long long auth_failed) {
  return fmt::format("{} phones left auth_failed because without --cucm credential, association and ITL "
                     "failures cannot be told apart",
                     auth_failed);
}

std::string refusal_sentence(const ScanOptions& o, const scanner::CredentialOutcome& outcome) {
  const std::string kind = o.end_user ? "End User" : "Application User";
  if (outcome.failed_logons == 0)
    return fmt::format("{}: the sweep sent no authenticated request, since each would be refused; "
                       "check --user '{}', then run again",
                       outcome.reason, o.user);
  const std::string again = o.cucm.empty()
                                ? "run again with --cucm URL (its verdict tells a wrong password from a missing "
                                  "association or an ITL failure) and --canary-device SEP… naming a device the "
                                  "user controls"
                                : fmt::format("run again with --canary-device SEP… naming a device the user "
                                              "controls{}, so that a device outside its controlled devices is not "
                                              "taken for a wrong password",
                                              o.axl.empty() ? " (or --axl)" : "");
  return fmt::format(
      "{}; the sweep stopped all authenticated requests after {} failed logon{} to keep the account "
      "'{}' from locking (the CUCM's default credential policy locks it at the 3rd): check the password; "
      "if the account is locked, reset its hack count (Cisco Unified CM Administration > User Management "
      "> {} > {} > Edit Credential > Reset Hack Count); then {}",
      outcome.reason, outcome.failed_logons, outcome.failed_logons == 1 ? "" : "s", o.user, kind, o.user, again);
}

storage::CredentialsView credentials_view(const scanner::CredentialOutcome& outcome, int max_failed_logons,
                                          const std::string& message) {
  storage::CredentialsView v;
  switch (outcome.verdict) {
  case scanner::CredentialVerdict::accepted: v.verdict = "accepted"; break;
  case scanner::CredentialVerdict::rejected: v.verdict = "rejected"; break;
  case scanner::CredentialVerdict::unproven: v.verdict = "unproven"; break;
  }
  v.accepted_by = outcome.accepted_by;
  v.refused = outcome.refused;
  v.failed_logons = static_cast<std::size_t>(outcome.failed_logons);
  v.max_failed_logons = static_cast<std::size_t>(max_failed_logons);
  if (outcome.verdict == scanner::CredentialVerdict::rejected) v.message = message;
  return v;
}

} // namespace app
