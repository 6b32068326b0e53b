#include <app/scan_command.hpp>

#include <app/axl_preflight.hpp>
#include <app/credentials.hpp>
#include <app/discover_command.hpp>
#include <app/exit_status.hpp>
#include <cucm/transport.hpp>
#include <app/log.hpp>
#include <app/password.hpp>
#include <app/progress.hpp>
#include <app/scan_checks.hpp>
#include <app/service_urls.hpp>
#include <app/signals.hpp>
#include <app/summary_table.hpp>
#include <inventory/open_inventory.hpp>
#include <inventory/shard.hpp>
#include <diagnosis/diagnose.hpp>
#include <scanner/sweep.hpp>
#include <storage/credentials_view.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>
#include <storage/result_writer.hpp>
#include <storage/run_lock.hpp>
#include <storage/run_options.hpp>
#include <storage/settle.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>
#include <util/paths.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

namespace app {
namespace {

// Which phones a run covers: what --resume compares before adding to a run.
// --cucm-discover is recorded only when given, so runs started without it resume as before.
storage::RunScope run_scope(const ScanOptions& o) {
  storage::RunScope scope;
  scope.inventory = fmt::format("{}", fmt::join(o.inventory, ","));
  scope.targets = o.targets;
  scope.shard = o.shard;
  scope.only_failed = o.only_failed;
  if (!o.cucm_discover.empty()) {
    scope.cucm_discover = o.cucm_discover;
    scope.discover_name = o.discover_name;
  }
  return scope;
}

// What the run was asked to do, for the report. Never the password. The authenticated caps are
// the ones in force (a shard's share of the defaults), with the whole estate's for a shard.
storage::RunOptions run_options(const ScanOptions& o, const AuthCaps& caps) {
  storage::RunOptions r;
  r.inventory = fmt::format("{}", fmt::join(o.inventory, ","));
  r.targets = o.targets;
  r.user = o.user;
  r.cucm = o.cucm;
  r.concurrency = o.concurrency;
  r.auth_concurrency = caps.concurrency;
  r.auth_rate = caps.rate;
  r.max_failed_logons = o.max_failed_logons;
  r.timeout = o.timeout;
  r.connect_timeout = o.connect_timeout;
  r.dns_server = o.dns_server;
  r.shard = o.shard;
  r.scope = run_scope(o);
  if (!o.axl.empty()) r.axl = o.axl;
  if (!o.canary_device.empty()) r.canary_device = o.canary_device;
  if (caps.shards > 1) r.estate_auth = storage::EstateAuth{caps.estate_concurrency, caps.estate_rate, caps.shards};
  return r;
}

scanner::SweepSettings sweep_settings(const ScanOptions& o, std::string password, const AuthCaps& caps) {
  scanner::SweepSettings s;
  s.limits.concurrency = o.concurrency;
  s.limits.auth_concurrency = caps.concurrency;
  s.limits.auth_rate = caps.rate;
  s.limits.cucm_ca_file = o.cacert;
  s.limits.cucm_insecure = o.insecure;
  s.limits.cucm_concurrency = o.cucm_concurrency;
  s.limits.cucm_rate = o.cucm_rate;
  s.limits.connect_timeout = std::chrono::milliseconds(static_cast<long>(o.connect_timeout * 1000));
  s.limits.total_timeout = std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
  s.limits.dns_server = o.dns_server;
  s.plan.cucm_url = o.cucm.empty() ? std::string() : authentication_service_url(o.cucm);
  s.plan.user = o.user;
  s.plan.password = std::move(password);
  return s;
}

void validate(const ScanOptions& o) {
  if (o.user.empty()) throw UsageError("--user is required");
  if (!o.cucm_discover.empty() && (!o.inventory.empty() || !o.targets.empty()))
    throw UsageError("--cucm-discover is the inventory: give it without --inventory and --targets");
  if (o.inventory.empty() && o.targets.empty() && o.cucm_discover.empty() && !o.only_failed)
    throw UsageError("give --inventory FILE (or -), --targets LIST or --cucm-discover URL");
  if (o.concurrency < 1) throw UsageError("--concurrency must be at least 1");
  if (o.auth_concurrency < 1) throw UsageError("--auth-concurrency must be at least 1");
  if (o.auth_rate < 0) throw UsageError("--auth-rate must be 0 (unlimited) or positive");
  if (o.timeout <= 0 || o.connect_timeout <= 0) throw UsageError("timeouts must be positive");
  if (o.max_failed_logons < 1)
    throw UsageError("--max-failed-logons must be at least 1 (the first refusal is the first failed logon)");
  if (!o.cucm.empty()) check_service_url("--cucm", o.cucm);
  if (!o.axl.empty()) check_service_url("--axl", o.axl);
  if (!o.cucm_discover.empty()) check_service_url("--cucm-discover", o.cucm_discover);
  if (o.insecure && (!o.cucm.empty() || !o.axl.empty()))
    log_warning("--insecure: the CUCM's certificate is not verified, so the password goes to whoever "
                "answers at --cucm / --axl");
  if (o.max_failed_logons >= 3)
    log_warning(fmt::format("--max-failed-logons {}: the CUCM's default credential policy locks the account "
                            "at its 3rd failed logon; a wrong password may lock it",
                            o.max_failed_logons));
}


} // namespace

std::string authentication_service_url(const std::string& cucm) {
  const std::string url = cucm::with_default_scheme(cucm);
  const auto path = url.find('/', url.find("://") + 3);
  if (path == std::string::npos || url.substr(path) == "/")
    return url.substr(0, path) + "/ccmcip/authenticate.jsp";
  return url;
}

namespace {

std::unique_ptr<inventory::Reader> open_targets(const ScanOptions& o) {
  inventory::InventorySpec spec;
  spec.files = o.inventory;
  spec.targets = o.targets;
  spec.max_targets = o.max_targets;
  if (o.inventory_format == "csv") spec.format = inventory::Format::csv;
  else if (o.inventory_format == "json") spec.format = inventory::Format::json;
  else if (o.inventory_format == "ndjson") spec.format = inventory::Format::ndjson;
  else if (o.inventory_format != "auto")
    throw UsageError("--inventory-format must be auto, csv, json or ndjson");
  try {
    return inventory::open_inventory(spec);
  } catch (const inventory::InventoryError& e) {
    throw UsageError(e.what());
  }
}

// The newest run, when it did not complete (crashed, interrupted or failed): what --resume
// continues. Refuses a run started for other phones, which would end up a mix of two estates.
std::int64_t resumable_run(storage::Database& db, const ScanOptions& o) {
  const auto latest = db.latest_run_id();
  if (!latest) throw UsageError(fmt::format("--resume: {} holds no run to resume", o.db));
  const auto run = db.run(*latest);
  if (!run) throw UsageError(fmt::format("--resume: {}: run {} vanished", o.db, *latest));
  if (run->status == storage::RunStatus::completed)
    throw UsageError(fmt::format("--resume: the newest run in {} (run {}) completed; nothing to "
                                 "resume (drop --resume to start a new run)",
                                 o.db, *latest));
  const auto stored = storage::decode_run_options(run->options_json);
  if (!stored || !storage::covers_scope(*stored, run_scope(o)))
    throw UsageError(fmt::format("--resume: run {} was started for other phones (--inventory, "
                                 "--targets, --shard or --only-failed differ); give the options it "
                                 "was started with, or drop --resume to start a new run",
                                 *latest));
  return *latest;
}

std::string causes_json(const storage::RunSummary& run) {
  std::string out = "{";
  for (const auto& [cause, count] : run.counts_by_cause) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}:{}", util::json_string(diagnosis::to_string(cause)), count);
  }
  return out + "}";
}

} // namespace

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

// Stores what the sweep learnt about the credentials (added to what an interrupted run learnt
// before --resume); when they were refused, says so in the log and returns the one sentence the
// summary repeats.
std::string record_credentials(storage::Database& db, std::int64_t run, const ScanOptions& o,
                               const scanner::SweepStats& stats) {
  const scanner::CredentialOutcome& outcome = stats.credentials;
  const bool refused = outcome.verdict == scanner::CredentialVerdict::rejected;
  const std::string sentence = refused ? refusal_sentence(o, outcome) : std::string();
  storage::CredentialsView view = credentials_view(outcome, o.max_failed_logons, sentence);
  if (o.resume)
    if (const auto stored_run = db.run(run))
      if (const auto stored = storage::decode_credentials_view(stored_run->credentials_json))
        view = storage::combine(*stored, view);
  db.set_run_credentials(run, storage::encode_credentials_view(view));
  if (refused)
    log_line("error", "credentials_refused", sentence,
             {{"failed_logons", std::to_string(outcome.failed_logons)},
              {"refused", util::json_string(fmt::format("{}", fmt::join(outcome.refused, ", ")))},
              {"phones_not_asked", std::to_string(stats.withheld)}});
  return sentence;
}

// The run's summary on stdout: one JSON object, one line (--quiet), or the table; with the
// refusal sentence and, without --cucm, the phones left auth_failed for want of its verdict.
void print_run_summary(const ScanOptions& o, std::int64_t run, bool interrupted,
                       const std::optional<storage::RunSummary>& result, double seconds, int failed_logons,
                       const std::string& refusal) {
  const auto count = [&](diagnosis::RootCause cause) -> long long {
    return result && result->counts_by_cause.contains(cause) ? result->counts_by_cause.at(cause) : 0;
  };
  const long long phones = result ? result->recorded : 0;
  const long long ok = count(diagnosis::RootCause::ok);
  const long long auth_failed = count(diagnosis::RootCause::auth_failed);
  const std::string without_cucm = o.cucm.empty() && auth_failed > 0 ? without_cucm_count_line(auth_failed) : "";
  if (log_format() == LogFormat::json) {
    const std::string status(
        storage::code(interrupted ? storage::RunStatus::interrupted : storage::RunStatus::completed));
    std::vector<LogField> fields{{"run", std::to_string(run)}, {"status", util::json_string(status)},
                                 {"phones", std::to_string(phones)}, {"ok", std::to_string(ok)},
                                 {"failing", std::to_string(phones - ok)},
                                 {"seconds", fmt::format("{:.1f}", seconds)},
                                 {"causes", result ? causes_json(*result) : "{}"},
                                 {"failed_logons", std::to_string(failed_logons)}};
    if (!refusal.empty()) fields.emplace_back("credentials_refused", util::json_string(refusal));
    if (!without_cucm.empty()) fields.emplace_back("without_cucm", util::json_string(without_cucm));
    std::cout << json_object("info", "summary", "", fields) << '\n';
  } else if (o.quiet) {
    std::cout << fmt::format("run {}{}: {} phones, {} ok, {} failing, {:.1f} s{}\n", run,
                             interrupted ? " interrupted" : "", phones, ok, phones - ok, seconds,
                             refusal.empty() ? "" : "; " + refusal);
  } else if (result) {
    print_summary_table(std::cout, *result, seconds);
    if (!without_cucm.empty()) std::cout << "  " << without_cucm << '\n';
    if (!refusal.empty()) std::cout << "  " << refusal << '\n';
  }
}

AxlPreflightOptions axl_preflight_options(const ScanOptions& o, const std::string& password) {
  AxlPreflightOptions a;
  a.url = o.axl;
  a.user = o.user;
  a.axl_user = o.axl_user.empty() ? o.user : o.axl_user;
  a.axl_password = o.axl_password_env.empty() ? password : read_password(o.axl_password_env, "");
  a.end_user = o.end_user;
  a.cacert = o.cacert;
  a.insecure = o.insecure;
  a.proxy = o.proxy;
  a.scan_account = a.axl_user == o.user;
  return a;
}

// --cucm-discover: the CUCM's phones (AXL listPhone + RisPort70) as the inventory, asked with the
// AXL account (--axl-user, --axl-password-env) and the AXL TLS options.
std::unique_ptr<inventory::Reader> discover_targets(const ScanOptions& o, const AxlPreflightOptions& axl,
                                                    storage::CucmView& view) {
  DiscoverOptions d;
  d.cucm = o.cucm_discover;
  d.user = axl.axl_user;
  d.cacert = o.cacert;
  d.insecure = o.insecure;
  d.proxy = o.proxy;
  d.name_pattern = o.discover_name;
  d.phone_port = o.phone_port;
  d.risport_rate = o.risport_rate;
  d.quiet = o.quiet;
  DiscoveredInventory found = discover_inventory(d, axl.axl_password);
  view.discovery = std::move(found.view);
  return discovered_reader(std::move(found.csv), "<" + cucm::base_url(o.cucm_discover) + ">");
}

} // namespace

int run_scan(const ScanOptions& o, ScanSummary* summary) {
  set_log_format(parse_log_format(o.log_format));
  const bool json = log_format() == LogFormat::json;
  validate(o);
  check_scan_numbers(o);
  check_descriptors(sweep_settings(o, {}, AuthCaps{}).limits);
  if (const auto resolved = util::resolve_for_writing(o.db); !resolved) throw UsageError("--db " + resolved.error());
  StopSignals signals;
  SecretsGuard secrets; // before the password is in memory
  std::string password = read_password(o.password_env, o.password_file);

  std::unique_ptr<inventory::Reader> reader;
  if (!o.inventory.empty() || !o.targets.empty()) reader = open_targets(o);
  inventory::Shard shard;
  if (!o.shard.empty()) {
    auto parsed = inventory::parse_shard(o.shard);
    if (!parsed) throw UsageError(parsed.error());
    shard = *parsed;
  }
  const AuthCaps caps = auth_caps(o, shard);

  // One scan per database at a time; taken before the database is read, so that what --resume
  // and --only-failed read cannot change under us. A crashed holder's lock is gone with it.
  auto lock = storage::RunLock::acquire(o.db, "scan");
  if (!lock) throw RunError(storage::describe(lock.error()));
  auto db = storage::Database::open(o.db);
  if (!db) throw RunError(db.error());

  // What the CUCM says about the run as a whole: stored with it for --resume and report.
  storage::CucmView cucm_view;
  const AxlPreflightOptions axl_options =
      o.axl.empty() && o.cucm_discover.empty() ? AxlPreflightOptions{} : axl_preflight_options(o, password);

  std::int64_t run = 0;
  std::set<std::string> recorded; // --resume: phones the run already holds, not asked again
  diagnosis::FleetFacts facts;    // what the run's phones showed, for settle_run at the end
  if (o.resume) {
    run = resumable_run(*db, o);
    db->for_each_record(run, [&](const storage::PhoneRecord& r) {
      recorded.insert(r.target.address());
      diagnosis::accumulate(facts, r.evidence);
    });
    // What the CUCM said when the run started stays unless asked again.
    if (const auto stored_run = db->run(run))
      if (auto stored = storage::decode_cucm_view(stored_run->cucm_json)) {
        cucm_view.discovery = std::move(stored->discovery);
        if (o.axl.empty()) cucm_view.axl = std::move(stored->axl);
      }
  }
  // After the --resume checks: a run that cannot be resumed costs the CUCM nothing.
  AccountCheck account; // what the CUCM said about the scan's own account before the sweep
  if (!o.cucm_discover.empty()) {
    reader = discover_targets(o, axl_options, cucm_view);
    if (axl_options.scan_account && axl_options.axl_password == password) account.accepted_by = "AXL (discovery)";
  }
  // --only-failed: the phones not ok in the newest completed run (before the resumed one).
  std::optional<std::set<std::string>> failed;
  std::vector<inventory::Target> stored_targets; // their inventory rows, when none is given
  std::int64_t failed_in = 0;                    // the run --only-failed re-checks
  if (o.only_failed) {
    const auto base = o.resume ? db->previous_completed_run_id(run) : db->latest_completed_run_id();
    if (!base) throw UsageError(fmt::format("--only-failed: {} holds no completed run", o.db));
    failed_in = *base;
    failed.emplace();
    db->for_each_record(*base, [&](const storage::PhoneRecord& r) {
      if (r.outcome.cause == diagnosis::RootCause::ok) return;
      failed->insert(r.target.address());
      if (!reader) stored_targets.push_back(r.target);
    });
  }

  bool inventory_broken = false;
  std::size_t next_stored = 0;
  std::size_t targets_read = 0; // before the scope: tells an empty inventory from one out of scope
  const auto in_scope = [&](const inventory::Target& t) {
    if (!inventory::in_shard(t, shard)) return false;
    const std::string address = t.address();
    if (failed && !failed->contains(address)) return false;
    return !recorded.contains(address);
  };
  const auto next_in_scope = [&]() -> std::optional<inventory::Target> {
    if (!reader) {
      while (next_stored < stored_targets.size()) {
        inventory::Target& t = stored_targets[next_stored++];
        ++targets_read;
        if (in_scope(t)) return std::move(t);
      }
      return std::nullopt;
    }
    while (auto t = reader->next()) {
      ++targets_read;
      if (in_scope(*t)) return t;
    }
    return std::nullopt;
  };

  // --strict checks every row before any phone is asked, so a bad inventory costs nothing; a
  // progress bar needs the total. Otherwise the inventory streams (memory does not grow with it).
  Progress progress(!o.quiet && !json, 0);
  std::vector<inventory::Target> checked;
  std::size_t next_checked = 0;
  const bool preload = o.strict || progress.active() || !o.axl.empty(); // --axl lists phones first
  if (preload) {
    try {
      while (auto t = next_in_scope()) checked.push_back(std::move(*t));
    } catch (const inventory::InventoryError& e) {
      if (o.strict) throw UsageError(e.what());
      log_line("error", "inventory_error", fmt::format("{} (the rest of the inventory is not scanned)", e.what()));
      inventory_broken = true;
    }
    if (o.strict && reader && !reader->issues().empty()) {
      for (const auto& issue : reader->issues()) log_line("error", "inventory_row", issue.to_string());
      throw UsageError(fmt::format("--strict: {} bad inventory rows; nothing was scanned",
                                   reader->issues().size()));
    }
    progress.set_total(checked.size());
  }
  // Streaming, the first phone is read now: a scan with no phone to ask ends before a run begins.
  std::optional<inventory::Target> first;
  if (!preload) {
    try {
      first = next_in_scope();
    } catch (const inventory::InventoryError& e) {
      log_line("error", "inventory_error", e.what());
      inventory_broken = true;
    }
  }
  if (preload ? checked.empty() : !first) {
    // An inventory that yields no phone at all is bad input; phones all out of scope (--shard,
    // --only-failed when none failed) leave nothing to do; a resumed run is finished as it is.
    if (reader && targets_read == 0) {
      log_row_issues(*reader);
      throw UsageError(no_phones_reason(o, reader.get()));
    }
    if (!o.resume) {
      const std::string message =
          failed && failed->empty()
              ? fmt::format("nothing to re-check: no phone failed in run {}; no run recorded", failed_in)
              : fmt::format("nothing to scan: none of the {} phones is in scope (--shard, --only-failed); no "
                            "run recorded",
                            targets_read);
      std::cout << (json ? json_object("info", "nothing_to_scan", message, {}) : message) << std::endl;
      return exit_all_ok;
    }
  }
  // --axl: the CUCM's view of the user before any phone is contacted.
  std::optional<AxlFacts> axl_facts;
  if (!o.axl.empty()) {
    axl_facts = axl_preflight(axl_options, checked);
    note_axl(account, axl_options, *axl_facts, axl_options.axl_password == password);
    if (axl_facts->refused) axl_facts.reset(); // a 401 says nothing about the user's devices
    else cucm_view.axl = stored_axl_view(axl_options, *axl_facts);
  } else if (cucm_view.axl) {
    axl_facts = axl_facts_from(*cucm_view.axl);
  }
  std::vector<std::string> proven_before;
  if (const auto last = db->latest_completed_run_id()) proven_before = db->proven_devices(*last, 3);
  const scanner::GuardSettings guard = guard_settings(o, account, axl_facts, checked, proven_before);
  const auto next_target = [&]() -> std::optional<inventory::Target> {
    if (preload) {
      if (next_checked == checked.size()) return std::nullopt;
      return std::move(checked[next_checked++]);
    }
    if (first) return std::exchange(first, std::nullopt);
    try {
      return next_in_scope();
    } catch (const inventory::InventoryError& e) {
      // The rest of the inventory is unreadable; the phones already admitted are still scanned.
      log_line("error", "inventory_error", fmt::format("{} (the rest of the inventory is not scanned)", e.what()));
      inventory_broken = true;
      return std::nullopt;
    }
  };

  if (o.resume) {
    db->reopen_run(run);
    if (json || !o.quiet)
      log_line("info", "run_resumed",
               fmt::format("resuming run {}: {} phones already recorded are not asked again", run,
                           recorded.size()),
               {{"run", std::to_string(run)}, {"already_recorded", std::to_string(recorded.size())}});
  } else {
    run = db->begin_run({storage::encode_run_options(run_options(o, caps)), PHONESWEEP_VERSION,
                         static_cast<std::int64_t>(preload ? checked.size() : 0)});
    if (json)
      log_line("info", "run_started", "", {{"run", std::to_string(run)}, {"db", util::json_string(o.db)}});
  }
  if (json || !o.quiet) say_how_credentials_go(o, caps);
  if (cucm_view.axl || cucm_view.discovery) db->set_run_cucm(run, storage::encode_cucm_view(cucm_view));
  const diagnosis::CucmFacts cucm_facts = storage::cucm_facts(cucm_view);
  auto writer = storage::ResultWriter::open(o.db, run);
  if (!writer) throw RunError(writer.error());

  scanner::SweepSettings settings = sweep_settings(o, std::move(password), caps);
  settings.guard = guard;
  scanner::SweepStats stats;
  bool database_failing = false;
  std::size_t phones_failed_locally = 0;
  try {
    stats = scanner::sweep(
        settings, next_target,
        [&](scanner::FinishedPhone&& phone) {
          // A request that failed on this machine (descriptors, memory) says nothing about the
          // phone: it is left unrecorded, so the run stays resumable and the phone is asked again.
          if (phone.evidence.transport == diagnosis::TransferStatus::local_error) {
            ++phones_failed_locally;
            return;
          }
          diagnosis::accumulate(facts, phone.evidence);
          storage::PhoneRecord record;
          record.outcome = diagnosis::diagnose(phone.evidence, facts,
                                               cucm_facts.phone(phone.target.device_name, phone.target.extra));
          record.target = std::move(phone.target);
          record.evidence = std::move(phone.evidence);
          record.checked_at = storage::utc_now();
          record.elapsed_ms = static_cast<double>(phone.elapsed.count()) / 1000.0;
          writer->push(std::move(record));
          progress.phone_done();
          // Asking phones whose answers cannot be stored wastes the estate's time and the
          // CUCM's: stop admitting, keep what is queued for the writer's last attempt.
          if (!database_failing && writer->failing()) {
            database_failing = true;
            scanner::request_stop();
          }
        });
  } catch (const std::runtime_error& e) {
    progress.clear();
    (void)writer->close();
    db->finish_run(run, storage::RunStatus::failed);
    throw RunError(e.what());
  }
  wipe(settings.plan.password);
  progress.clear();
  auto written = writer->close();
  if (!written) {
    // The database refuses writes (disk full, file-size limit, read-only, I/O error). Marking
    // the run failed needs a write too and will usually fail as well; the run then reads as
    // unfinished, which is what it is, and --resume continues it either way.
    try {
      db->finish_run(run, storage::RunStatus::failed);
    } catch (const std::exception&) {
    }
    throw RunError(fmt::format("results could not be written to {}: {}. The results committed "
                               "before are kept; fix the cause (disk space, permissions), then run "
                               "the same command with --resume to finish run {}",
                               o.db, written.error(), run));
  }
  if (database_failing) {
    db->finish_run(run, storage::RunStatus::failed);
    throw RunError(fmt::format("writing to {} failed during the run ({}), so the sweep stopped early; "
                               "what was checked is recorded; run the same command with --resume "
                               "to finish run {}",
                               o.db, written->recovered_error, run));
  }
  if (reader) {
    log_row_issues(*reader);
    if (!reader->issues().empty())
      log_warning(fmt::format("{} inventory rows skipped (--strict makes them fatal)",
                              reader->issues().size()));
  }

  const std::string refusal = record_credentials(*db, run, o, stats);
  storage::settle_run(*db, run, facts, cucm_facts);
  const bool interrupted = stats.stopped || phones_failed_locally > 0;
  db->finish_run(run, interrupted ? storage::RunStatus::interrupted : storage::RunStatus::completed);
  const auto result = db->run(run);
  const long long ok = result && result->counts_by_cause.contains(diagnosis::RootCause::ok)
                           ? result->counts_by_cause.at(diagnosis::RootCause::ok)
                           : 0;
  const long long phones = result ? result->recorded : 0;
  const double seconds = static_cast<double>(stats.wall.count()) / 1000.0;
  if (summary) *summary = {run, phones, ok, seconds};

  print_run_summary(o, run, interrupted, result, seconds, stats.credentials.failed_logons, refusal);
  std::cout << std::flush;
  if (phones_failed_locally > 0)
    throw RunError(fmt::format("{} phones could not be asked because requests failed on this machine "
                               "(out of descriptors or memory?); run {} is marked interrupted and "
                               "they are not recorded: raise `ulimit -n` or lower --concurrency, then "
                               "run the same command with --resume",
                               phones_failed_locally, run));
  if (interrupted)
    throw RunError(fmt::format("stopped by {}: run {} is marked interrupted ({} phones recorded, {} "
                               "unfinished phones abandoned); run the same command with --resume "
                               "to finish it",
                               signal_name(StopSignals::received()), run, phones, stats.abandoned));
  if (stats.local_errors > 0)
    throw RunError(fmt::format("{} requests failed on this machine (out of descriptors or memory?); "
                               "raise `ulimit -n` or lower --concurrency",
                               stats.local_errors));
  if (inventory_broken) throw UsageError("the inventory could not be read to the end; the phones read before the problem were scanned and recorded");
  return phones == ok && refusal.empty() ? exit_all_ok : exit_failures_found;
}

} // namespace app
