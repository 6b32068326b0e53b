#include <app/scan_outputs.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/metrics_file.hpp>
#include <app/ndjson_output.hpp>
#include <app/notify_change.hpp>
#include <app/notify_post.hpp>
#include <util/atomic_file.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>

namespace app {
namespace {

std::chrono::milliseconds milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

void notify(const ScanOptions& o, storage::Database& db, const ScanResult& r) {
  if (r.interrupted || r.run == 0) return; // only a completed run says what changed
  const ChangeNotice notice = change_notice(db, r.run, {o.db, o.notify_report});
  if (notice.newly_failing == 0 && notice.fixed == 0) return;
  NotifySettings settings{o.notify_url, o.notify_retries, milliseconds(o.notify_backoff),
                          milliseconds(o.notify_timeout)};
  const NotifyResult sent = post_notification(settings, notice.json);
  if (sent.delivered)
    log_line(
        "info", "notified",
        fmt::format("notified {}: {} phones newly failing, {} fixed", o.notify_url, notice.newly_failing, notice.fixed),
        {{"newly_failing", std::to_string(notice.newly_failing)}, {"fixed", std::to_string(notice.fixed)}});
  else
    log_line("warning", "notify_failed",
             fmt::format("the change notification to {} was not delivered after {} attempts ({}); the run is "
                         "recorded and its exit status unchanged",
                         o.notify_url, sent.attempts, sent.last_problem),
             {{"attempts", std::to_string(sent.attempts)}, {"problem", util::json_string(sent.last_problem)}});
}

} // namespace

void check_output_options(const ScanOptions& o) {
  if (!o.notify_url.empty()) check_notify_url(o.notify_url);
  if (o.notify_retries < 0 || o.notify_retries > 10) throw UsageError("--notify-retries must be from 0 to 10");
  if (!(o.notify_backoff >= 0.01 && o.notify_backoff <= 600))
    throw UsageError("--notify-backoff must be from 0.01 to 600 seconds");
  if (!(o.notify_timeout >= 0.1 && o.notify_timeout <= 600))
    throw UsageError("--notify-timeout must be from 0.1 to 600 seconds");
  if (!o.ndjson.empty() && !o.metrics_file.empty() && util::same_output(o.ndjson, o.metrics_file))
    throw UsageError("--ndjson and --metrics-file are the same file: give each its own");
}

void hand_over_run(const ScanOptions& o, storage::Database& db, const ScanResult& r) {
  if (r.run == 0) return;
  if (!o.ndjson.empty()) write_run_ndjson(o.ndjson, db, r.run);
  if (!o.metrics_file.empty()) write_metrics_file(o.metrics_file, gather_metrics(db, r, exit_code(r)));
  if (!o.notify_url.empty()) notify(o, db, r);
}

} // namespace app
