#pragma once
// `phonesweep report` and `phonesweep runs`: both only read the database, and open it read-only
// (a read-only file, directory or mount, a copy handed to an auditor). Report files are written
// through util::AtomicFile ("-" is standard output).
// Both throw UsageError (exit 2) for a database that does not exist, an unknown --run or
// --against, nothing to write, one file for two outputs, or an output that cannot be a file (a
// directory, a device); RunError (exit 3) when a report file cannot be written.
#include <app/command.hpp>

#include <cstdint>
#include <string>

namespace app {

struct ReportOptions {
  std::string db = "phonesweep.db";
  std::int64_t run = 0; // 0: the newest full sweep or merge (else the newest run)
  std::string html;
  std::string csv;
  std::string site_csv;     // per-site summary (report::write_site_csv)
  std::string ndjson;       // one JSON object per phone (report/ndjson.hpp)
  std::string manager_csv;  // failing phones first, in words (report::ManagerCsv)
  std::string cause_csv;    // per-cause summary (report::ManagerCsv::write_causes)
  bool excel = false;       // a UTF-8 byte order mark first in every CSV
  std::int64_t against = 0; // 0: the newest completed run before `run`
};
int run_report(const ReportOptions& options);

struct RunsOptions {
  std::string db = "phonesweep.db";
  bool json = false; // one JSON object per run (app/ndjson_output.hpp)
};
int run_runs(const RunsOptions& options);

// Register `report` and `runs` and their options on `cli`.
Command register_report(CLI::App& cli);
Command register_runs(CLI::App& cli);

} // namespace app
