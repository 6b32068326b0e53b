#include <app/fix_diagnosis.hpp>

#include <app/exit_status.hpp>

#include <fmt/format.h>
#include <simdjson.h>

namespace app {
namespace {

// The run options --verify repeats, from runs.options_json (app/scan_command.cpp writes it).
// Unknown or missing keys keep the defaults: older runs recorded fewer options.
void read_run_options(const std::string& json, FixDiagnosis& out) {
  simdjson::dom::parser parser;
  simdjson::dom::object options;
  if (parser.parse(json).get_object().get(options)) return;
  std::string_view text;
  if (!options["user"].get_string().get(text)) out.user = std::string(text);
  if (!options["cucm"].get_string().get(text)) out.cucm = std::string(text);
  if (!options["dns_server"].get_string().get(text)) out.dns_server = std::string(text);
  double number = 0;
  if (!options["timeout"].get_double().get(number)) out.timeout = number;
  if (!options["connect_timeout"].get_double().get(number)) out.connect_timeout = number;
  if (!options["auth_rate"].get_double().get(number)) out.auth_rate = number;
  std::int64_t count = 0;
  if (!options["concurrency"].get_int64().get(count)) out.concurrency = static_cast<int>(count);
  if (!options["auth_concurrency"].get_int64().get(count)) out.auth_concurrency = static_cast<int>(count);
  if (!options["max_failed_logons"].get_int64().get(count)) out.max_failed_logons = static_cast<int>(count);
}

bool fixed_by_axl(diagnosis::RootCause cause) {
  return cause == diagnosis::RootCause::not_associated || cause == diagnosis::RootCause::missing_roles;
}

} // namespace

std::int64_t newest_completed_run(storage::Database& db) {
  const auto run = db.latest_completed_run_id();
  if (!run) throw UsageError(fmt::format("{} holds no completed run to fix", db.path()));
  return *run;
}

FixDiagnosis read_diagnosis(storage::Database& db, std::int64_t run) {
  auto summary = db.run(run);
  if (!summary) throw UsageError(fmt::format("{} holds no run {}", db.path(), run));
  if (summary->status != storage::RunStatus::completed)
    throw UsageError(fmt::format("run {} did not complete ({}): finish it with `scan --resume`, then fix", run,
                                 storage::code(summary->status)));
  FixDiagnosis out;
  out.run = std::move(*summary);
  read_run_options(out.run.options_json, out);
  if (const auto view = storage::decode_cucm_view(out.run.cucm_json); view && view->axl) {
    out.axl = view->axl;
    out.user = view->axl->user;
    out.end_user = view->axl->operation == "getUser";
  }
  if (out.user.empty()) throw UsageError(fmt::format("run {} does not record its user", run));
  db.for_each_record(run, [&](const storage::PhoneRecord& r) {
    if (r.outcome.cause == diagnosis::RootCause::ok) return;
    const std::string& device = r.target.device_name.empty() ? r.evidence.device.host_name : r.target.device_name;
    FixPhone phone{r.target, device, r.outcome.cause, r.outcome.detail, r.evidence.auth_url};
    if (r.outcome.cause == diagnosis::RootCause::missing_roles) ++out.missing_roles;
    if (!fixed_by_axl(r.outcome.cause)) out.manual.push_back(std::move(phone));
    else if (device.empty()) ++out.by_axl_unnamed;
    else out.by_axl.push_back(std::move(phone));
  });
  return out;
}

} // namespace app
