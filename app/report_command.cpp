#include <app/report_command.hpp>

#include <app/exit_status.hpp>
#include <app/log_options.hpp>
#include <app/ndjson_output.hpp>
#include <app/output_file.hpp>
#include <report/reports.hpp>
#include <report/run_notes.hpp>
#include <storage/database.hpp>
#include <util/atomic_file.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace app {
namespace {

storage::Database open_read_only(const std::string& path) {
  auto db = storage::Database::open(path, storage::Database::Mode::read_only);
  if (!db) throw UsageError(db.error());
  return std::move(*db);
}

// A report file (util/atomic_file.hpp): written beside its target and renamed into place, so that a
// reader never sees half a report; "-", a FIFO or /dev/null written in place.
util::AtomicFile open_output(const std::string& path) { return open_output_file(path); }

// Two outputs into one file would leave one of them (or a mix): refused before anything is read.
void refuse_shared_outputs(const ReportOptions& o) {
  const std::pair<const char*, const std::string*> outputs[] = {
      {"--html", &o.html},           {"--csv", &o.csv},
      {"--site-csv", &o.site_csv},   {"--manager-csv", &o.manager_csv},
      {"--cause-csv", &o.cause_csv}, {"--ndjson", &o.ndjson}};
  for (std::size_t i = 0; i < std::size(outputs); ++i)
    for (std::size_t j = i + 1; j < std::size(outputs); ++j)
      if (!outputs[i].second->empty() && !outputs[j].second->empty() &&
          util::same_output(*outputs[i].second, *outputs[j].second))
        throw UsageError(fmt::format("{} {} and {} {} are the same file: give each report its own", outputs[i].first,
                                     *outputs[i].second, outputs[j].first, *outputs[j].second));
}

} // namespace

Command register_report(CLI::App& cli) {
  auto report = std::make_shared<ReportOptions>();
  CLI::App* cmd = cli.add_subcommand("report", "write HTML and CSV reports of a run");
  cmd->add_option("--db", report->db, "SQLite database")->capture_default_str();
  cmd->add_option("--run", report->run, "run id (default: the latest)");
  cmd->add_option("--html", report->html, "HTML report to write");
  cmd->add_option("--csv", report->csv, "CSV report to write");
  cmd->add_option("--site-csv", report->site_csv, "per-site summary CSV to write");
  cmd->add_option("--ndjson", report->ndjson, "one JSON object per phone to write, - for stdout");
  cmd->add_option("--manager-csv", report->manager_csv,
                  "CSV for managers to write: failing phones first, the problem and what to do in words, status "
                  "against the previous full sweep");
  cmd->add_option("--cause-csv", report->cause_csv, "per-cause summary CSV to write");
  cmd->add_flag("--excel", report->excel, "start every CSV with a UTF-8 byte order mark (for Excel)");
  cmd->add_option("--against", report->against, "run to compare with (default: the previous one)");
  add_log_format_option(*cmd);
  return {cmd, [report] { return run_report(*report); }};
}

Command register_runs(CLI::App& cli) {
  auto runs = std::make_shared<RunsOptions>();
  CLI::App* cmd = cli.add_subcommand("runs", "list runs with counts per root cause");
  cmd->add_option("--db", runs->db, "SQLite database")->capture_default_str();
  cmd->add_flag("--json", runs->json, "one JSON object per run, one per line");
  add_log_format_option(*cmd);
  return {cmd, [runs] { return run_runs(*runs); }};
}

int run_report(const ReportOptions& o) {
  if (o.html.empty() && o.csv.empty() && o.site_csv.empty() && o.manager_csv.empty() && o.cause_csv.empty() &&
      o.ndjson.empty())
    throw UsageError("nothing to write: give --html FILE, --csv FILE, --site-csv FILE, --manager-csv FILE, "
                     "--cause-csv FILE and/or --ndjson FILE");
  refuse_shared_outputs(o);
  storage::Database db = open_read_only(o.db);
  std::int64_t run = o.run;
  if (run == 0) {
    // The newest run of the whole estate; a re-check after it is overlaid (report::Outputs).
    auto latest = db.latest_whole_run_id();
    if (!latest) latest = db.latest_run_id(); // only shards or re-checks: the newest of them
    if (!latest) throw UsageError(o.db + ": no runs recorded yet");
    run = *latest;
  } else if (!db.run(run)) {
    throw UsageError(fmt::format("{}: no run {}", o.db, run));
  }
  std::optional<std::int64_t> against;
  if (o.against != 0) {
    if (!db.run(o.against)) throw UsageError(fmt::format("{}: no run {} to compare with (--against)", o.db, o.against));
    if (o.against == run) throw UsageError(fmt::format("--against {}: that is the run being reported", o.against));
    against = o.against;
  }
  // One read of the run for every file asked for (report/reports.hpp).
  std::optional<util::AtomicFile> csv, site_csv, html, manager_csv, cause_csv;
  report::Outputs outputs;
  outputs.against = against;
  outputs.csv_options.excel_bom = o.excel;
  if (!o.csv.empty()) outputs.csv = &csv.emplace(open_output(o.csv)).stream();
  if (!o.site_csv.empty()) outputs.site_csv = &site_csv.emplace(open_output(o.site_csv)).stream();
  if (!o.html.empty()) outputs.html = &html.emplace(open_output(o.html)).stream();
  if (!o.manager_csv.empty()) outputs.manager_csv = &manager_csv.emplace(open_output(o.manager_csv)).stream();
  if (!o.cause_csv.empty()) outputs.cause_csv = &cause_csv.emplace(open_output(o.cause_csv)).stream();
  report::write_reports(db, run, outputs);
  if (!o.ndjson.empty()) write_run_ndjson(o.ndjson, db, run);
  for (auto* file : {&csv, &site_csv, &html, &manager_csv, &cause_csv})
    if (*file)
      if (auto committed = (*file)->commit(); !committed) throw RunError(committed.error().message);
  return exit_all_ok;
}

int run_runs(const RunsOptions& o) {
  storage::Database db = open_read_only(o.db);
  const auto runs = db.runs();
  if (o.json) {
    write_runs_json(std::cout, runs);
    return exit_all_ok;
  }
  if (runs.empty()) std::cout << "no runs recorded in " << o.db << '\n';
  for (const auto& r : runs) {
    const auto seconds = report::sweep_seconds(r);
    std::cout << fmt::format("run {}  {}  {}  {}  {} phones{}\n", r.id, r.started_at, storage::code(r.status),
                             report::scope_text(r), r.recorded,
                             seconds ? fmt::format("  swept in {} s", *seconds) : std::string());
    for (const auto& [cause, count] : r.counts_by_cause)
      std::cout << fmt::format("    {:<16} {:>7}\n", diagnosis::to_string(cause), count);
  }
  return exit_all_ok;
}

} // namespace app
