#include <app/dry_run.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/scan_scope.hpp>

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <optional>
#include <utility>

namespace app {
namespace {

std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(std::ceil(seconds));
  if (s >= 3600) return fmt::format("{} h {:02} min", s / 3600, s / 60 % 60);
  if (s >= 60) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} s", s);
}

std::size_t phones_in_scope(const ScanOptions& o, const ScanPlan& plan) {
  std::unique_ptr<inventory::Reader> inventory = open_inventory(o);
  ScanScope scope;
  scope.shard = plan.shard;
  std::optional<storage::Database> db;
  if (o.resume || o.only_failed) {
    auto opened = storage::Database::open(o.db, storage::Database::Mode::read_only);
    if (!opened) throw UsageError(opened.error());
    db.emplace(std::move(*opened));
  }
  std::int64_t resumed = 0;
  if (o.resume) {
    ResumedRun run = resumable_run(*db, o);
    resumed = run.run;
    scope.recorded = std::move(run.recorded);
  }
  if (o.only_failed) select_failed(*db, o, resumed, inventory != nullptr, scope);
  TargetQueue targets(std::move(inventory), std::move(scope));
  if (!targets.start(true, o.strict)) return 0;
  return targets.preloaded().size();
}

} // namespace

DryRunCost dry_run_cost(std::size_t phones, const ScanOptions& o, const AuthCaps& caps) {
  DryRunCost c;
  c.phones = phones;
  const bool cross_checks = !o.cucm.empty();
  const std::size_t canary = cross_checks && !o.canary_device.empty() ? 1 : 0;
  const std::size_t axl = o.axl.empty() ? 0 : 1;
  c.requests = phones * (page_requests_per_phone + 1 + (cross_checks ? 1 : 0)) + canary + axl;
  c.cucm_authentications = phones * (cross_checks ? 2 : 1) + canary + axl;
  c.auth_seconds = caps.rate > 0 ? static_cast<double>(phones) / caps.rate : 0;
  return c;
}

std::string dry_run_text(const DryRunCost& c, const ScanOptions& o, const ScanPlan& plan) {
  if (plan.json)
    return json_object("info", "dry_run", "",
                       {{"phones", std::to_string(c.phones)},
                        {"max_requests", std::to_string(c.requests)},
                        {"max_cucm_authentications", std::to_string(c.cucm_authentications)},
                        {"auth_rate", fmt::format("{}", plan.caps.rate)},
                        {"min_seconds", fmt::format("{:.1f}", c.auth_seconds)}}) +
           "\n";
  std::string out = fmt::format("dry run: nothing was contacted or recorded\n"
                                "phones in scope: {}{}{}\n",
                                c.phones, o.shard.empty() ? "" : " (shard " + o.shard + ")",
                                o.only_failed ? " (only those not ok in the newest completed run)" : "");
  out += fmt::format("requests, at most: {} ({} page requests, 1 screenshot{} per phone{})\n", c.requests,
                     page_requests_per_phone, o.cucm.empty() ? "" : ", 1 CUCM cross-check",
                     o.axl.empty() ? "" : "; 1 AXL request");
  out += fmt::format("CUCM authentications, at most: {} (each screenshot makes the phone log in to the CUCM{})\n",
                     c.cucm_authentications, o.cucm.empty() ? "" : "; each cross-check is one more");
  if (plan.caps.rate > 0)
    out += fmt::format("time, at least: {} ({} screenshots at --auth-rate {}/s; a real estate takes about this long)\n",
                       duration_text(c.auth_seconds), c.phones, plan.caps.rate);
  else out += "time: --auth-rate 0 sets no pace; the phones' answers and --auth-concurrency decide\n";
  return out;
}

int dry_run(const ScanOptions& o, const ScanPlan& plan) {
  if (!o.cucm_discover.empty())
    throw UsageError("--dry-run cannot count --cucm-discover's phones without asking the CUCM: write them with "
                     "`phonesweep discover -o FILE` and give --inventory FILE");
  const DryRunCost cost = dry_run_cost(phones_in_scope(o, plan), o, plan.caps);
  std::cout << dry_run_text(cost, o, plan) << std::flush;
  return exit_all_ok;
}

} // namespace app
