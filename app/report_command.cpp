#include <app/report_command.hpp>

#include <app/exit_status.hpp>
#include <report/reports.hpp>
#include <storage/database.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

namespace app {
namespace {

storage::Database open_existing(const std::string& path) {
  auto db = storage::Database::open(path, storage::Database::Mode::existing);
  if (!db) throw UsageError(db.error());
  return std::move(*db);
}

// A report file written through a temporary renamed into place, so that a reader never sees
// half a report.
class ReportFile {
 public:
  explicit ReportFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw RunError("cannot write " + path_);
  }
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;
  ~ReportFile() {
    if (!committed_) std::remove(tmp_.c_str());
  }
  std::ostream& stream() { return out_; }
  void commit() {
    out_.flush();
    if (!out_) throw RunError("writing " + path_ + " failed (disk full?)");
    out_.close();
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw RunError("cannot move " + tmp_ + " to " + path_);
    committed_ = true;
  }

 private:
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

} // namespace

int run_report(const ReportOptions& o) {
  storage::Database db = open_existing(o.db);
  std::int64_t run = o.run;
  if (run == 0) {
    auto latest = db.latest_run_id();
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
  if (o.html.empty() && o.csv.empty() && o.site_csv.empty())
    throw UsageError("nothing to write: give --html FILE, --csv FILE and/or --site-csv FILE");
  // One read of the run for every file asked for (report/reports.hpp).
  std::optional<ReportFile> csv, site_csv, html;
  report::Outputs outputs;
  outputs.against = against;
  if (!o.csv.empty()) outputs.csv = &csv.emplace(o.csv).stream();
  if (!o.site_csv.empty()) outputs.site_csv = &site_csv.emplace(o.site_csv).stream();
  if (!o.html.empty()) outputs.html = &html.emplace(o.html).stream();
  report::write_reports(db, run, outputs);
  for (auto* file : {&csv, &site_csv, &html})
    if (*file) (*file)->commit();
  return exit_all_ok;
}

int run_runs(const RunsOptions& o) {
  storage::Database db = open_existing(o.db);
  const auto runs = db.runs();
  if (runs.empty()) std::cout << "no runs recorded in " << o.db << '\n';
  for (const auto& r : runs) {
    std::cout << fmt::format("run {}  {}  {}  {} phones\n", r.id, r.started_at,
                             storage::code(r.status), r.recorded);
    for (const auto& [cause, count] : r.counts_by_cause)
      std::cout << fmt::format("    {:<16} {:>7}\n", scanner::to_string(cause), count);
  }
  return exit_all_ok;
}

} // namespace app
