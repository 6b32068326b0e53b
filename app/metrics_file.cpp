#include <app/metrics_file.hpp>

#include <app/exit_status.hpp>
#include <app/output_file.hpp>

#include <fmt/format.h>

#include <chrono>

namespace app {
namespace {

// The exposition format's label value escapes: backslash, double quote and line feed.
std::string label_value(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void sample(std::string& out, std::string_view name, double value) { out += fmt::format("{} {}\n", name, value); }

bool screenshot_asked(diagnosis::ScreenshotAnswer a) {
  using diagnosis::ScreenshotAnswer;
  return a != ScreenshotAnswer::not_tried && a != ScreenshotAnswer::withheld_rejected &&
         a != ScreenshotAnswer::withheld_unproven && a != ScreenshotAnswer::not_a_phone;
}

void phone_families(std::string& out, const RunMetrics& m) {
  family(out, "phonesweep_phones", "gauge", "Phones of the last run per root cause.");
  for (const auto& [cause, count] : m.by_cause)
    out += fmt::format("phonesweep_phones{{cause=\"{}\"}} {}\n", diagnosis::to_string(cause), count);
  family(out, "phonesweep_site_phones", "gauge", "Phones of the last run per site.");
  for (const auto& [site, counts] : m.by_site)
    out += fmt::format("phonesweep_site_phones{{site=\"{}\"}} {}\n", label_value(site), counts.phones);
  family(out, "phonesweep_site_failing_phones", "gauge", "Phones of the last run per site whose cause is not ok.");
  for (const auto& [site, counts] : m.by_site)
    out += fmt::format("phonesweep_site_failing_phones{{site=\"{}\"}} {}\n", label_value(site), counts.failing);
}

} // namespace

RunMetrics gather_metrics(storage::Database& db, const ScanResult& r, int exit_status) {
  RunMetrics m;
  m.run = r.run;
  m.completed = !r.interrupted;
  m.exit_status = exit_status;
  m.duration_seconds = r.seconds;
  m.finished_unix = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (int i = 0; i < diagnosis::root_cause_count; ++i) m.by_cause[static_cast<diagnosis::RootCause>(i)] = 0;
  if (r.recorded)
    for (const auto& [cause, count] : r.recorded->counts_by_cause) m.by_cause[cause] = count;
  m.failed_logons = r.failed_logons;
  m.version = PHONESWEEP_VERSION;
  db.for_each_record(r.run, [&](const storage::PhoneRecord& record) {
    SiteCounts& site = m.by_site[record.target.site];
    ++site.phones;
    if (record.outcome.cause != diagnosis::RootCause::ok) ++site.failing;
    if (screenshot_asked(record.evidence.screenshot)) ++m.screenshot_requests;
    if (record.evidence.cucm != diagnosis::CucmAuth::not_checked) ++m.cucm_checks;
  });
  return m;
}

std::string metrics_text(const RunMetrics& m) {
  std::string out;
  phone_families(out, m);
  // The run id and status as values, not labels: a label that changes every night would start a
  // new series every night.
  family(out, "phonesweep_build_info", "gauge", "The phonesweep version that wrote these metrics.");
  out += fmt::format("phonesweep_build_info{{version=\"{}\"}} 1\n", label_value(m.version));
  family(out, "phonesweep_run_id", "gauge", "Id of the last run in its database.");
  sample(out, "phonesweep_run_id", static_cast<double>(m.run));
  family(out, "phonesweep_run_completed", "gauge", "1 when the last run completed, 0 when it was interrupted.");
  sample(out, "phonesweep_run_completed", m.completed ? 1 : 0);
  family(out, "phonesweep_run_duration_seconds", "gauge", "Wall time of the last run's sweep.");
  sample(out, "phonesweep_run_duration_seconds", m.duration_seconds);
  family(out, "phonesweep_last_completion_timestamp_seconds", "gauge", "When the last run finished, Unix time.");
  out += fmt::format("phonesweep_last_completion_timestamp_seconds {:.3f}\n", m.finished_unix);
  family(out, "phonesweep_run_exit_status", "gauge",
         "Exit status of the last scan: 0 all ok, 1 failures found, 2 input error, 3 incomplete.");
  sample(out, "phonesweep_run_exit_status", m.exit_status);
  family(out, "phonesweep_screenshot_requests_total", "counter",
         "Screenshot requests of the last run; each makes the phone authenticate to the CUCM.");
  sample(out, "phonesweep_screenshot_requests_total", static_cast<double>(m.screenshot_requests));
  family(out, "phonesweep_cucm_checks_total", "counter", "Authentication-service cross-checks of the last run.");
  sample(out, "phonesweep_cucm_checks_total", static_cast<double>(m.cucm_checks));
  family(out, "phonesweep_cucm_authentications_total", "counter",
         "CUCM authentications the last run spent, at most: screenshots plus cross-checks.");
  sample(out, "phonesweep_cucm_authentications_total", static_cast<double>(m.screenshot_requests + m.cucm_checks));
  family(out, "phonesweep_failed_logons_total", "counter", "Refused authentications of the last run's account.");
  sample(out, "phonesweep_failed_logons_total", m.failed_logons);
  return out;
}

void write_metrics_file(const std::string& path, const RunMetrics& metrics) {
  write_output_file(path, metrics_text(metrics));
}

int exit_code(const ScanResult& result) {
  try {
    return exit_status(result);
  } catch (const UsageError&) {
    return exit_usage;
  } catch (const RunError&) {
    return exit_incomplete;
  }
}

} // namespace app
