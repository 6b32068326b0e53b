#pragma once
// The machine-readable outputs of the commands: a run's phones as NDJSON (report --ndjson, scan
// --ndjson; report/ndjson.hpp) and the runs of a database (runs --json), one object per line.
#include <storage/database.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace app {

// Every phone of `run` into `path` ("-": stdout) through util::AtomicFile, committed. Throws
// UsageError when `path` cannot be a file, RunError when writing it fails.
void write_run_ndjson(const std::string& path, storage::Database& db, std::int64_t run);

// One run's line: id, started_at, finished_at (null while unfinished), status, tool_version,
// phones (set out to check), recorded, ok, failing, causes {code: count}.
std::string run_json(const storage::RunSummary& run);
void write_runs_json(std::ostream& out, const std::vector<storage::RunSummary>& runs);

} // namespace app
