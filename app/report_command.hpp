#pragma once
// `phonesweep report` and `phonesweep runs`: both read only the database.
#include <cstdint>
#include <string>

namespace app {

struct ReportOptions {
  std::string db = "phonesweep.db";
  std::int64_t run = 0;     // 0: the latest run
  std::string html;
  std::string csv;
  std::int64_t against = 0; // 0: the run before
};
int run_report(const ReportOptions& options);

struct RunsOptions {
  std::string db = "phonesweep.db";
};
int run_runs(const RunsOptions& options);

} // namespace app
