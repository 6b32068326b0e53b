#include <report/run_notes.hpp>

#include <storage/credentials_view.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <optional>

namespace report {
namespace {

std::string rate_text(double rate) { return rate > 0 ? fmt::format("{:g}/s", rate) : std::string("no rate limit"); }

// "at most 2 in flight, 5/s per shard; all 4 shards together: 8 in flight, 20/s".
std::optional<std::string> caps_text(simdjson::dom::object options) {
  std::int64_t concurrency = 0;
  double rate = 0;
  if (options["auth_concurrency"].get_int64().get(concurrency) || options["auth_rate"].get_double().get(rate))
    return std::nullopt;
  std::string text = fmt::format("at most {} in flight, {}", concurrency, rate_text(rate));
  simdjson::dom::object estate;
  std::int64_t estate_concurrency = 0, shards = 0;
  double estate_rate = 0;
  if (!options["estate_auth"].get_object().get(estate) && !estate["concurrency"].get_int64().get(estate_concurrency) &&
      !estate["rate"].get_double().get(estate_rate) && !estate["shards"].get_int64().get(shards))
    text += fmt::format(" per shard; all {} shards together: {} in flight, {}", shards, estate_concurrency,
                        rate_text(estate_rate));
  std::int64_t budget = 0;
  if (!options["max_failed_logons"].get_int64().get(budget))
    text += fmt::format("; one at a time until the credentials were accepted, none after {} refused", budget);
  return text;
}

void credential_notes(const storage::RunSummary& run, std::vector<RunNote>& notes) {
  const auto view = storage::decode_credentials_view(run.credentials_json);
  if (!view || view->verdict.empty()) return;
  if (view->verdict == "accepted")
    notes.push_back({"Credentials", fmt::format("accepted ({})", view->accepted_by.empty() ? "by the CUCM" : view->accepted_by)});
  else if (view->verdict == "rejected")
    notes.push_back({"Credentials", view->message.empty() ? "refused" : view->message, true});
  else
    notes.push_back({"Credentials", "not proven: no answer showed whether they work"});
  notes.push_back({"Failed logons caused",
                   fmt::format("{} (at most {} allowed; the CUCM locks the account at its 3rd by default)",
                               view->failed_logons, view->max_failed_logons),
                   view->failed_logons > 0});
}

} // namespace

std::vector<RunNote> run_notes(const storage::RunSummary& run) {
  std::vector<RunNote> notes;
  simdjson::dom::parser parser;
  simdjson::dom::object options;
  const bool have_options = !parser.parse(run.options_json).get_object().get(options);
  if (have_options)
    if (auto caps = caps_text(options)) notes.push_back({"Authenticated requests", *caps});
  credential_notes(run, notes);
  std::string_view cucm;
  if (have_options && !options["cucm"].get_string().get(cucm) && cucm.empty()) {
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

} // namespace report
