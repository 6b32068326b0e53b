#include <app/scan_plan.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/scan_checks.hpp>
#include <app/scan_outputs.hpp>
#include <app/service_urls.hpp>
#include <cucm/rate_limiter.hpp>
#include <util/paths.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <utility>

namespace app {
namespace {

void validate(const ScanOptions& o) {
  if (o.user.empty()) throw UsageError("--user is required");
  if (!o.cucm_discover.empty() && (!o.inventory.empty() || !o.targets.empty()))
    throw UsageError("--cucm-discover is the inventory: give it without --inventory and --targets");
  if (o.inventory.empty() && o.targets.empty() && o.cucm_discover.empty() && !o.only_failed)
    throw UsageError("give --inventory FILE (or -), --targets LIST or --cucm-discover URL");
  if (o.concurrency < 1) throw UsageError("--concurrency must be at least 1");
  if (o.auth_concurrency < 1) throw UsageError("--auth-concurrency must be at least 1");
  if (o.auth_rate < 0) throw UsageError("--auth-rate must be 0 (unlimited) or positive");
  if (o.timeout <= 0 || o.connect_timeout <= 0) throw UsageError("timeouts must be positive");
  if (o.max_failed_logons < 1)
    throw UsageError("--max-failed-logons must be at least 1 (the first refusal is the first failed logon)");
  if (!o.cucm.empty()) check_service_url("--cucm", o.cucm);
  if (!o.axl.empty()) check_service_url("--axl", o.axl);
  if (!o.cucm_discover.empty()) check_service_url("--cucm-discover", o.cucm_discover);
  if (!o.axl.empty() || !o.cucm_discover.empty())
    if (const auto rate = cucm::parse_rate(o.risport_rate); !rate) throw UsageError("--risport-rate: " + rate.error());
  if (o.insecure && (!o.cucm.empty() || !o.axl.empty()))
    log_warning("--insecure: the CUCM's certificate is not verified, so the password goes to whoever "
                "answers at --cucm / --axl");
  if (o.max_failed_logons >= 3)
    log_warning(fmt::format("--max-failed-logons {}: the CUCM's default credential policy locks the account "
                            "at its 3rd failed logon; a wrong password may lock it",
                            o.max_failed_logons));
}

} // namespace

ScanPlan plan_scan(const ScanOptions& o) {
  set_log_format(parse_log_format(o.log_format));
  set_quiet(o.quiet);
  validate(o);
  check_scan_numbers(o);
  check_output_options(o);
  check_descriptors(sweep_settings(o, {}, AuthCaps{}).limits);
  if (const auto resolved = util::resolve_for_writing(o.db); !resolved) throw UsageError("--db " + resolved.error());
  ScanPlan plan;
  plan.json = log_format() == LogFormat::json;
  if (!o.shard.empty()) {
    auto parsed = inventory::parse_shard(o.shard);
    if (!parsed) throw UsageError(parsed.error());
    plan.shard = *parsed;
  }
  plan.caps = auth_caps(o, plan.shard);
  return plan;
}

scanner::SweepSettings sweep_settings(const ScanOptions& o, std::string password, const AuthCaps& caps,
                                      scanner::GuardSettings guard) {
  scanner::SweepSettings s;
  s.limits.concurrency = o.concurrency;
  s.limits.auth_concurrency = caps.concurrency;
  s.limits.auth_rate = caps.rate;
  s.limits.cucm_ca_file = o.cacert;
  s.limits.cucm_insecure = o.insecure;
  s.limits.cucm_concurrency = o.cucm_concurrency;
  s.limits.cucm_rate = o.cucm_rate;
  s.limits.connect_timeout = std::chrono::milliseconds(static_cast<long>(o.connect_timeout * 1000));
  s.limits.total_timeout = std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
  s.limits.dns_server = o.dns_server;
  s.plan.cucm_url = o.cucm.empty() ? std::string() : authentication_service_url(o.cucm);
  s.plan.user = o.user;
  s.plan.password = std::move(password);
  s.guard = std::move(guard);
  return s;
}

// --cucm-discover is recorded only when given, so runs started without it resume as before.
storage::RunScope run_scope(const ScanOptions& o) {
  storage::RunScope scope;
  scope.inventory = fmt::format("{}", fmt::join(o.inventory, ","));
  scope.targets = o.targets;
  scope.shard = o.shard;
  scope.only_failed = o.only_failed;
  if (!o.cucm_discover.empty()) {
    scope.cucm_discover = o.cucm_discover;
    scope.discover_name = o.discover_name;
  }
  return scope;
}

// The authenticated caps are the ones in force (a shard's share of the defaults), with the whole
// estate's for a shard.
storage::RunOptions run_options(const ScanOptions& o, const AuthCaps& caps) {
  storage::RunOptions r;
  r.inventory = fmt::format("{}", fmt::join(o.inventory, ","));
  r.targets = o.targets;
  r.user = o.user;
  r.cucm = o.cucm;
  r.concurrency = o.concurrency;
  r.auth_concurrency = caps.concurrency;
  r.auth_rate = caps.rate;
  r.max_failed_logons = o.max_failed_logons;
  r.timeout = o.timeout;
  r.connect_timeout = o.connect_timeout;
  r.dns_server = o.dns_server;
  r.shard = o.shard;
  r.scope = run_scope(o);
  if (!o.axl.empty()) r.axl = o.axl;
  if (!o.canary_device.empty()) r.canary_device = o.canary_device;
  if (caps.shards > 1) r.estate_auth = storage::EstateAuth{caps.estate_concurrency, caps.estate_rate, caps.shards};
  return r;
}

} // namespace app
