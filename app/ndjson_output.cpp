#include <app/ndjson_output.hpp>

#include <app/output_file.hpp>
#include <report/ndjson.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

namespace app {

void write_run_ndjson(const std::string& path, storage::Database& db, std::int64_t run) {
  util::AtomicFile file = open_output_file(path);
  report::write_ndjson(file.stream(), db, run);
  commit_output_file(file);
}

std::string run_json(const storage::RunSummary& r) {
  std::string causes = "{";
  std::int64_t ok = 0;
  for (const auto& [cause, count] : r.counts_by_cause) {
    if (cause == diagnosis::RootCause::ok) ok = count;
    if (causes.size() > 1) causes += ',';
    causes += fmt::format("{}:{}", util::json_string(diagnosis::to_string(cause)), count);
  }
  causes += '}';
  return fmt::format(R"({{"run":{},"started_at":{},"finished_at":{},"status":{},"scope":{},"recheck_of":{},)"
                     R"("tool_version":{},"phones":{},"recorded":{},"ok":{},"failing":{},"causes":{}}})",
                     r.id, util::json_string(r.started_at),
                     r.finished_at.empty() ? std::string("null") : util::json_string(r.finished_at),
                     util::json_string(storage::code(r.status)), util::json_string(storage::code(r.kind)),
                     r.recheck_of ? std::to_string(*r.recheck_of) : std::string("null"),
                     util::json_string(r.tool_version), r.phone_count, r.recorded, ok, r.recorded - ok, causes);
}

void write_runs_json(std::ostream& out, const std::vector<storage::RunSummary>& runs) {
  for (const auto& r : runs) out << run_json(r) << '\n';
  out << std::flush;
}

} // namespace app
