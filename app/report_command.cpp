#include <app/report_command.hpp>

#include <app/exit_status.hpp>
#include <report/csv.hpp>
#include <report/html.hpp>
#include <storage/database.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace app {
namespace {

storage::Database open_existing(const std::string& path) {
  auto db = storage::Database::open(path, storage::Database::Mode::existing);
  if (!db) throw UsageError(db.error());
  return std::move(*db);
}

// Writes through a temporary file renamed into place, so a reader never sees half a report.
template <class Render>
void write_file(const std::string& path, Render render) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw RunError("cannot write " + path);
    render(out);
    out.flush();
    if (!out) throw RunError("writing " + path + " failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw RunError("cannot move " + tmp + " to " + path);
}

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
  if (o.html.empty() && o.csv.empty()) throw UsageError("nothing to write: give --html FILE and/or --csv FILE");
  if (!o.csv.empty()) write_file(o.csv, [&](std::ostream& out) { report::write_csv(out, db, run); });
  if (!o.html.empty()) write_file(o.html, [&](std::ostream& out) { report::write_html(out, db, run); });
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
