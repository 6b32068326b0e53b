#pragma once
// `phonesweep report` and `phonesweep runs`: both read only the database.
// Both throw UsageError (exit 2) for a database that does not exist, an unknown --run or
// --against, or nothing to write; RunError (exit 3) when a report file cannot be written.
#include <cstdint>
#include <string>

namespace app {

struct ReportOptions {
  std::string db = "phonesweep.db";
  std::int64_t run = 0;     // 0: the latest run
  std::string html;
  std::string csv;
  std::string site_csv;     // per-site summary (report::write_site_csv)
  std::int64_t against = 0; // 0: the newest completed run before `run`
};
int run_report(const ReportOptions& options);

struct RunsOptions {
  std::string db = "phonesweep.db";
};
int run_runs(const RunsOptions& options);

} // namespace app
