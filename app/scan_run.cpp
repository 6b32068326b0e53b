#include <app/scan_run.hpp>

#include <app/credentials.hpp>
#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/password.hpp>
#include <app/signals.hpp>
#include <diagnosis/diagnose.hpp>
#include <storage/credentials_view.hpp>
#include <storage/result_writer.hpp>
#include <storage/settle.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>

namespace app {
namespace {

// At the start: how the authenticated requests will go, and, without --cucm, what cannot be told.
void say_how_credentials_go(const ScanOptions& o, const AuthCaps& caps) {
  log_line("info", "authenticated_requests", auth_caps_line(caps, o.max_failed_logons, o.shard),
           {{"auth_concurrency", std::to_string(caps.concurrency)},
            {"auth_rate", fmt::format("{}", caps.rate)},
            {"estate_auth_concurrency", std::to_string(caps.estate_concurrency)},
            {"estate_auth_rate", fmt::format("{}", caps.estate_rate)},
            {"max_failed_logons", std::to_string(o.max_failed_logons)}});
  if (o.cucm.empty()) log_line("info", "without_cucm", without_cucm_line());
}

// Each finished phone into the result writer, diagnosed with what is known when it finishes.
class Recorder {
public:
  Recorder(storage::ResultWriter& writer, OpenRun& open, Progress& progress)
      : writer_(writer), facts_(open.facts), cucm_(storage::cucm_facts(open.cucm_view)), progress_(progress) {}

  void record(scanner::FinishedPhone&& phone) {
    // A request that failed on this machine (descriptors, memory) says nothing about the phone:
    // it is left unrecorded, so the run stays resumable and the phone is asked again.
    if (phone.evidence.transport == diagnosis::TransferStatus::local_error) {
      ++failed_locally;
      return;
    }
    diagnosis::accumulate(facts_, phone.evidence);
    storage::PhoneRecord record;
    record.outcome = diagnosis::diagnose(phone.evidence, facts_,
                                         cucm_.phone(phone.target.device_name, phone.target.extra, phone.target.host));
    record.target = std::move(phone.target);
    record.evidence = std::move(phone.evidence);
    record.checked_at = storage::utc_now();
    record.elapsed_ms = static_cast<double>(phone.elapsed.count()) / 1000.0;
    writer_.push(std::move(record));
    progress_.phone_done();
    // Asking phones whose answers cannot be stored wastes the estate's time and the CUCM's: stop
    // admitting, keep what is queued for the writer's last attempt.
    if (!database_failing && writer_.failing()) {
      database_failing = true;
      scanner::request_stop();
    }
  }

  std::size_t failed_locally = 0;
  bool database_failing = false;

private:
  storage::ResultWriter& writer_;
  diagnosis::FleetFacts& facts_;
  const diagnosis::CucmFacts cucm_;
  Progress& progress_;
};

// Commits what the writer holds; a database that refused writes fails the run.
void close_writer(storage::ResultWriter& writer, bool database_failing, const ScanOptions& o, OpenRun& open) {
  auto written = writer.close();
  if (!written) {
    // The database refuses writes (disk full, file-size limit, read-only, I/O error). Marking
    // the run failed needs a write too and will usually fail as well; the run then reads as
    // unfinished, which is what it is, and --resume continues it either way.
    try {
      open.db.finish_run(open.run, storage::RunStatus::failed);
    } catch (const std::exception&) {}
    throw RunError(fmt::format("results could not be written to {}: {}. The results committed "
                               "before are kept; fix the cause (disk space, permissions), then run "
                               "the same command with --resume to finish run {}",
                               o.db, written.error(), open.run));
  }
  if (database_failing) {
    open.db.finish_run(open.run, storage::RunStatus::failed);
    throw RunError(fmt::format("writing to {} failed during the run ({}), so the sweep stopped early; "
                               "what was checked is recorded; run the same command with --resume "
                               "to finish run {}",
                               o.db, written->recovered_error, open.run));
  }
}

// Stores what the sweep learnt about the credentials (added to what an interrupted run learnt
// before --resume); when they were refused, says so in the log and returns the one sentence the
// summary repeats.
std::string record_credentials(OpenRun& open, const ScanOptions& o, const scanner::SweepStats& stats) {
  const scanner::CredentialOutcome& outcome = stats.credentials;
  const bool refused = outcome.verdict == scanner::CredentialVerdict::rejected;
  const std::string sentence = refused ? refusal_sentence(o, outcome) : std::string();
  storage::CredentialsView view = credentials_view(outcome, o.max_failed_logons, sentence);
  if (open.resumed)
    if (const auto stored_run = open.db.run(open.run))
      if (const auto stored = storage::decode_credentials_view(stored_run->credentials_json))
        view = storage::combine(*stored, view);
  open.db.set_run_credentials(open.run, storage::encode_credentials_view(view));
  if (refused)
    log_line("error", "credentials_refused", sentence,
             {{"failed_logons", std::to_string(outcome.failed_logons)},
              {"refused", util::json_string(fmt::format("{}", fmt::join(outcome.refused, ", ")))},
              {"phones_not_asked", std::to_string(stats.withheld)}});
  return sentence;
}

} // namespace

OpenRun open_database(const ScanOptions& o) {
  auto lock = storage::RunLock::acquire(o.db, "scan");
  if (!lock) throw RunError(storage::describe(lock.error()));
  auto db = storage::Database::open(o.db);
  if (!db) throw RunError(db.error());
  return OpenRun{std::move(*lock), std::move(*db), 0, false, {}, {}};
}

void resume(OpenRun& open, ResumedRun resumed) {
  open.run = resumed.run;
  open.resumed = true;
  open.facts = resumed.facts;
  open.cucm_view = std::move(resumed.cucm_view);
}

void begin_run(OpenRun& open, const ScanOptions& o, const ScanPlan& plan, const TargetQueue& targets) {
  if (open.resumed) {
    open.db.reopen_run(open.run);
    const std::size_t recorded = targets.scope().recorded.size();
    log_line("info", "run_resumed",
             fmt::format("resuming run {}: {} phones already recorded are not asked again", open.run, recorded),
             {{"run", std::to_string(open.run)}, {"already_recorded", std::to_string(recorded)}});
  } else {
    storage::RunCoverage coverage;
    coverage.kind = o.only_failed          ? storage::RunKind::recheck
                    : plan.shard.count > 1 ? storage::RunKind::shard
                                           : storage::RunKind::full;
    if (o.only_failed) coverage.recheck_of = targets.scope().failed_in;
    open.run = open.db.begin_run({storage::encode_run_options(run_options(o, plan.caps)), PHONESWEEP_VERSION,
                                  static_cast<std::int64_t>(targets.preloaded().size())},
                                 coverage);
    if (plan.json)
      log_line("info", "run_started", "", {{"run", std::to_string(open.run)}, {"db", util::json_string(o.db)}});
  }
  say_how_credentials_go(o, plan.caps); // info lines: --quiet leaves them out
  if (open.cucm_view.axl || open.cucm_view.discovery || open.cucm_view.risport)
    open.db.set_run_cucm(open.run, storage::encode_cucm_view(open.cucm_view));
}

Swept sweep_phones(const ScanOptions& o, OpenRun& open, TargetQueue& targets, scanner::SweepSettings settings,
                   Progress& progress) {
  auto writer = storage::ResultWriter::open(o.db, open.run);
  if (!writer) throw RunError(writer.error());
  Recorder recorder(*writer, open, progress);
  Swept swept;
  try {
    swept.stats = scanner::sweep(
        settings, [&] { return targets.next(); },
        [&](scanner::FinishedPhone&& phone) { recorder.record(std::move(phone)); });
  } catch (const std::runtime_error& e) {
    progress.clear();
    (void)writer->close();
    open.db.finish_run(open.run, storage::RunStatus::failed);
    throw RunError(e.what());
  }
  wipe(settings.plan.password);
  progress.clear();
  close_writer(*writer, recorder.database_failing, o, open);
  warn_skipped_rows(targets);
  swept.failed_locally = recorder.failed_locally;
  return swept;
}

ScanResult settle_scan(const ScanOptions& o, OpenRun& open, const Swept& swept, bool inventory_broken) {
  ScanResult r;
  r.run = open.run;
  r.refusal = record_credentials(open, o, swept.stats);
  storage::settle_run(open.db, open.run, open.facts, storage::cucm_facts(open.cucm_view));
  r.interrupted = swept.stats.stopped || swept.failed_locally > 0;
  open.db.finish_run(open.run, r.interrupted ? storage::RunStatus::interrupted : storage::RunStatus::completed);
  r.recorded = open.db.run(open.run);
  if (r.recorded) {
    r.phones = r.recorded->recorded;
    const auto ok = r.recorded->counts_by_cause.find(diagnosis::RootCause::ok);
    r.ok = ok == r.recorded->counts_by_cause.end() ? 0 : ok->second;
  }
  r.seconds = static_cast<double>(swept.stats.wall.count()) / 1000.0;
  r.stop_signal = StopSignals::received();
  r.failed_logons = swept.stats.credentials.failed_logons;
  r.failed_locally = swept.failed_locally;
  r.abandoned = swept.stats.abandoned;
  r.local_errors = swept.stats.local_errors;
  r.inventory_broken = inventory_broken;
  return r;
}

} // namespace app
