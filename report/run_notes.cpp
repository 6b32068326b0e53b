#include <report/run_notes.hpp>

#include <storage/credentials_view.hpp>
#include <storage/run_options.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace report {
namespace {

std::string rate_text(double rate) { return rate > 0 ? fmt::format("{:g}/s", rate) : std::string("no rate limit"); }

// "at most 2 in flight, 5/s per shard; all 4 shards together: 8 in flight, 20/s".
std::optional<std::string> caps_text(const storage::RunOptions& options) {
  if (!options.auth_concurrency || !options.auth_rate) return std::nullopt;
  std::string text = fmt::format("at most {} in flight, {}", *options.auth_concurrency, rate_text(*options.auth_rate));
  if (const auto& estate = options.estate_auth)
    text += fmt::format(" per shard; all {} shards together: {} in flight, {}", estate->shards, estate->concurrency,
                        rate_text(estate->rate));
  if (options.max_failed_logons)
    text += fmt::format("; one at a time until the credentials were accepted, none after {} refused",
                        *options.max_failed_logons);
  return text;
}

void credential_notes(const storage::RunSummary& run, std::vector<RunNote>& notes) {
  const auto view = storage::decode_credentials_view(run.credentials_json);
  if (!view || view->verdict.empty()) return;
  if (view->verdict == "accepted")
    notes.push_back(
        {"Credentials", fmt::format("accepted ({})", view->accepted_by.empty() ? "by the CUCM" : view->accepted_by)});
  else if (view->verdict == "rejected")
    notes.push_back({"Credentials", view->message.empty() ? "refused" : view->message, true});
  else notes.push_back({"Credentials", "not proven: no answer showed whether they work"});
  notes.push_back({"Failed logons caused",
                   fmt::format("{} (at most {} allowed; the CUCM locks the account at its 3rd by default)",
                               view->failed_logons, view->max_failed_logons),
                   view->failed_logons > 0});
}

} // namespace

std::vector<RunNote> run_notes(const storage::RunSummary& run) {
  std::vector<RunNote> notes;
  const auto options = storage::decode_run_options(run.options_json);
  if (options)
    if (auto caps = caps_text(*options)) notes.push_back({"Authenticated requests", *caps});
  credential_notes(run, notes);
  if (options && options->cucm && options->cucm->empty()) {
    const auto found = run.counts_by_cause.find(diagnosis::RootCause::auth_failed);
    const std::int64_t auth_failed = found == run.counts_by_cause.end() ? 0 : found->second;
    notes.push_back({"CUCM cross-check",
                     fmt::format("not asked (no --cucm): credential, association and ITL failures all look "
                                 "like Error 4 and cannot be told apart without the CUCM's verdict; {} phones "
                                 "left auth_failed for that reason",
                                 auth_failed),
                     auth_failed > 0});
  }
  return notes;
}

std::string scope_text(const storage::RunSummary& run) {
  std::string text(storage::describe(run.kind));
  if (run.kind == storage::RunKind::recheck && run.recheck_of)
    return fmt::format("{} of run {}", text, *run.recheck_of);
  const auto options = storage::decode_run_options(run.options_json);
  if (!options) return text;
  if (!options->merged_from.empty()) {
    std::string shards;
    for (const auto& m : options->merged_from)
      shards += (shards.empty() ? "" : "+") + (m.shard.empty() ? "-" : m.shard);
    return fmt::format("{} of {}", run.kind == storage::RunKind::merge ? "merge" : "partial merge", shards);
  }
  if (run.kind == storage::RunKind::shard && options->shard) return fmt::format("shard {}", *options->shard);
  return text;
}

std::optional<long long> sweep_seconds(const storage::RunSummary& run) {
  if (const auto options = storage::decode_run_options(run.options_json); options && !options->merged_from.empty()) {
    const auto merged = storage::merged_sweep_seconds(options->merged_from);
    if (!merged) return std::nullopt;
    return static_cast<long long>(*merged);
  }
  const auto start = storage::parse_utc_timestamp(run.started_at);
  const auto end = storage::parse_utc_timestamp(run.finished_at);
  if (!start || !end) return std::nullopt;
  return std::max<long long>(0, (*end - *start).count());
}

} // namespace report
