#include <app/scan_summary.hpp>

#include <app/credentials.hpp>
#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/signals.hpp>
#include <app/summary_table.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <iostream>
#include <vector>

namespace app {
namespace {

std::string causes_json(const storage::RunSummary& run) {
  std::string out = "{";
  for (const auto& [cause, count] : run.counts_by_cause) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}:{}", util::json_string(diagnosis::to_string(cause)), count);
  }
  return out + "}";
}

long long count_of(const ScanResult& r, diagnosis::RootCause cause) {
  if (!r.recorded) return 0;
  const auto found = r.recorded->counts_by_cause.find(cause);
  return found == r.recorded->counts_by_cause.end() ? 0 : found->second;
}

void print_json(std::ostream& out, const ScanResult& r, const std::string& without_cucm) {
  const std::string status(
      storage::code(r.interrupted ? storage::RunStatus::interrupted : storage::RunStatus::completed));
  std::vector<LogField> fields{{"run", std::to_string(r.run)},
                               {"status", util::json_string(status)},
                               {"phones", std::to_string(r.phones)},
                               {"ok", std::to_string(r.ok)},
                               {"failing", std::to_string(r.phones - r.ok)},
                               {"seconds", fmt::format("{:.1f}", r.seconds)},
                               {"causes", r.recorded ? causes_json(*r.recorded) : "{}"},
                               {"failed_logons", std::to_string(r.failed_logons)}};
  if (!r.refusal.empty()) fields.emplace_back("credentials_refused", util::json_string(r.refusal));
  if (!without_cucm.empty()) fields.emplace_back("without_cucm", util::json_string(without_cucm));
  out << json_object("info", "summary", "", fields) << '\n';
}

} // namespace

void print_summary(const ScanOptions& o, const ScanResult& r) {
  const long long auth_failed = count_of(r, diagnosis::RootCause::auth_failed);
  const std::string without_cucm = o.cucm.empty() && auth_failed > 0 ? without_cucm_count_line(auth_failed) : "";
  // With --ndjson - standard output carries the phones alone.
  std::ostream& out = o.ndjson == "-" ? std::cerr : std::cout;
  if (log_format() == LogFormat::json) {
    print_json(out, r, without_cucm);
  } else if (o.quiet) {
    out << fmt::format("run {}{}: {} phones, {} ok, {} failing, {:.1f} s{}\n", r.run,
                       r.interrupted ? " interrupted" : "", r.phones, r.ok, r.phones - r.ok, r.seconds,
                       r.refusal.empty() ? "" : "; " + r.refusal);
  } else if (r.recorded) {
    print_summary_table(out, *r.recorded, r.seconds);
    if (!without_cucm.empty()) out << "  " << without_cucm << '\n';
    if (!r.refusal.empty()) out << "  " << r.refusal << '\n';
  }
  out << std::flush;
}

int exit_status(const ScanResult& r) {
  if (r.failed_locally > 0)
    throw RunError(fmt::format("{} phones could not be asked because requests failed on this machine "
                               "(out of descriptors or memory?); run {} is marked interrupted and "
                               "they are not recorded: raise `ulimit -n` or lower --concurrency, then "
                               "run the same command with --resume",
                               r.failed_locally, r.run));
  if (r.interrupted)
    throw RunError(fmt::format("stopped by {}: run {} is marked interrupted ({} phones recorded, {} "
                               "unfinished phones abandoned); run the same command with --resume "
                               "to finish it",
                               signal_name(r.stop_signal), r.run, r.phones, r.abandoned));
  if (r.local_errors > 0)
    throw RunError(fmt::format("{} requests failed on this machine (out of descriptors or memory?); "
                               "raise `ulimit -n` or lower --concurrency",
                               r.local_errors));
  if (r.inventory_broken)
    throw UsageError("the inventory could not be read to the end; the phones read before the problem were scanned "
                     "and recorded");
  return r.phones == r.ok && r.refusal.empty() ? exit_all_ok : exit_failures_found;
}

} // namespace app
