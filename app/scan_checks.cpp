#include <app/scan_checks.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/scan_options.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <stdexcept>

namespace app {
namespace {

void check_seconds(const char* option, double seconds) {
  // Written so that NaN fails too.
  if (!(seconds >= 0.001 && seconds <= 3600))
    throw UsageError(fmt::format("{} must be a number of seconds from 0.001 to 3600, not {}", option, seconds));
}

} // namespace

void check_scan_numbers(const ScanOptions& o) {
  check_seconds("--timeout", o.timeout);
  check_seconds("--connect-timeout", o.connect_timeout);
  if (!(o.auth_rate == 0 || (o.auth_rate >= 0.001 && o.auth_rate <= 1e6)))
    throw UsageError(fmt::format("--auth-rate must be 0 (unlimited) or from 0.001 to 1000000 requests per "
                                 "second, not {}",
                                 o.auth_rate));
  if (o.max_targets == 0) throw UsageError("--max-targets must be at least 1");
  if (!(o.progress_every == 0 || (o.progress_every >= 0.1 && o.progress_every <= 86400)))
    throw UsageError(
        fmt::format("--progress-every must be 0 (never) or from 0.1 to 86400 seconds, not {}", o.progress_every));
}

void check_descriptors(const scanner::EngineLimits& limits) {
  try {
    scanner::check_descriptor_budget(limits);
  } catch (const std::runtime_error& e) {
    throw RunError(e.what());
  }
}

void log_row_issues(const inventory::Reader& reader, std::string_view level) {
  constexpr std::size_t shown = 20;
  const auto& issues = reader.issues();
  for (std::size_t i = 0; i < issues.size() && i < shown; ++i) log_line(level, "inventory_row", issues[i].to_string());
  if (issues.size() > shown)
    log_line(level, "inventory_rows_more", fmt::format("… and {} more bad inventory rows", issues.size() - shown));
}

std::string no_phones_reason(const ScanOptions& o, const inventory::Reader* reader) {
  std::string source = !o.cucm_discover.empty() ? "the CUCM at " + o.cucm_discover + " listed"
                       : o.inventory.empty()    ? "--targets gave"
                                                : fmt::format("{} holds", fmt::join(o.inventory, ", "));
  std::string reason = fmt::format("no phones to ask: {} no valid phone", source);
  if (!reader || reader->issues().empty()) return reason + "; nothing was scanned or recorded";
  const auto& issues = reader->issues();
  reason += fmt::format(" ({} bad rows", issues.size());
  constexpr std::size_t shown = 3; // the rest are in the warnings before this line
  for (std::size_t i = 0; i < issues.size() && i < shown; ++i) reason += (i ? "; " : ": ") + issues[i].to_string();
  if (issues.size() > shown) reason += "; …";
  return reason + "); nothing was scanned or recorded";
}

} // namespace app
