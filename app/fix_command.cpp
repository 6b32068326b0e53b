#include <app/fix_command.hpp>

#include <app/exit_status.hpp>
#include <app/fix_axl.hpp>
#include <app/fix_change.hpp>
#include <app/fix_diagnosis.hpp>
#include <app/fix_report.hpp>
#include <app/fix_verify.hpp>
#include <app/log.hpp>
#include <app/password.hpp>
#include <app/service_urls.hpp>
#include <app/signals.hpp>
#include <cucm/transport.hpp>
#include <storage/changes.hpp>
#include <storage/timestamp.hpp>
#include <util/atomic_file.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>

namespace app {
namespace {

// "24h", "90m", "2d", "3600s", or hours alone; > 0.
double parse_hours(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, value);
  const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  const double per_hour = unit == "s"                   ? 3600
                          : unit == "m"                 ? 60
                          : unit == "h" || unit.empty() ? 1
                          : unit == "d"                 ? 1.0 / 24
                                                        : 0;
  if (error != std::errc{} || rest == text.data() || per_hour == 0 || value <= 0)
    throw UsageError("--max-age " + text + ": give a duration such as 24h, 90m or 2d");
  return value / per_hour;
}

void check_options(const FixOptions& o) {
  if (o.axl.empty())
    throw UsageError("--axl is required: the CUCM whose AXL reads (and with --apply changes) the user");
  if (o.axl_user.empty()) throw UsageError("--axl-user is required");
  check_service_url("--axl", o.axl);
  if (!o.cucm.empty()) check_service_url("--cucm", o.cucm);
  if (o.batch < 1) throw UsageError("--batch must be at least 1");
  parse_hours(o.max_age);
  if (!o.cacert.empty() && !std::filesystem::exists(o.cacert))
    throw UsageError("--cacert " + o.cacert + ": no such file");
  for (const auto& [option, path] : {std::pair{"--bat", &o.bat}, std::pair{"--manual-csv", &o.manual_csv}})
    if (*path == "-") throw UsageError(std::string(option) + " -: the plan is printed on standard output; give a file");
  if (!o.bat.empty() && !o.manual_csv.empty() && util::same_output(o.bat, o.manual_csv))
    throw UsageError("--bat and --manual-csv are the same file: give each its own");
  if (o.verify && !o.apply) throw UsageError("--verify re-scans the phones a change touched: give it with --apply");
  if (o.undo != 0 && (o.verify || !o.bat.empty() || !o.manual_csv.empty() || o.run != 0))
    throw UsageError("--undo takes back a recorded change: --run, --bat, --manual-csv and --verify do not go with it");
  if (o.insecure)
    log_warning("--insecure: the CUCM's certificate is not verified, so the AXL password goes to whoever answers");
}

FixAxl connect(const FixOptions& o, std::string userid, bool end_user) {
  FixAxlSettings s;
  s.url = o.axl;
  s.axl_user = o.axl_user;
  try {
    s.password = read_password(o.axl_password_env, o.axl_password_file);
  } catch (const UsageError& e) { // its words are scan's options: say which password is meant
    throw UsageError(
        fmt::format("the AXL account's password (--axl-password-env / --axl-password-file): {}", e.what()));
  }
  s.cacert = o.cacert;
  s.insecure = o.insecure;
  s.proxy = o.proxy;
  s.version = o.axl_version;
  s.end_user = end_user;
  s.userid = std::move(userid);
  return FixAxl(std::move(s));
}

double hours_since(const std::string& timestamp) {
  const auto when = storage::parse_utc_timestamp(timestamp);
  if (!when) return 0;
  const auto age = std::chrono::system_clock::now() - *when;
  return std::chrono::duration<double, std::ratio<3600>>(age).count();
}

// The run is this CUCM's and this user's, and new enough for --apply.
void check_run(const FixOptions& o, const FixDiagnosis& d, double age) {
  if (d.axl && cucm::base_url(d.axl->url) != cucm::base_url(o.axl))
    throw UsageError(fmt::format("run {} asked AXL at {}, not at {}: fix a run with the CUCM that diagnosed it",
                                 d.run.id, d.axl->url, cucm::base_url(o.axl)));
  if (o.end_user && d.axl && !d.end_user)
    throw UsageError(fmt::format("run {} found '{}' as an application user (getAppUser): drop --end-user", d.run.id,
                                 util::printable(d.user)));
  const double max_age = parse_hours(o.max_age);
  if (o.apply && age > max_age)
    throw UsageError(fmt::format("run {} finished {:.1f} h ago, more than --max-age {}: the estate may have changed; "
                                 "scan again, or raise --max-age",
                                 d.run.id, age, o.max_age));
}

std::string undo_hint(const FixOptions& o, std::int64_t change) {
  return fmt::format("phonesweep fix --db {} --axl {} --axl-user {} --undo {} --apply", o.db, cucm::base_url(o.axl),
                     o.axl_user, change);
}

std::string counted(std::size_t devices, std::size_t groups) {
  std::string out;
  if (devices > 0) out += fmt::format("{} device{}", devices, devices == 1 ? "" : "s");
  if (groups > 0) out += fmt::format("{}{} group{}", out.empty() ? "" : " and ", groups, groups == 1 ? "" : "s");
  return out;
}

// "added 24 devices and 1 group", "removed 24 devices; added back 1 group".
std::string describe(const cucm::ListChange& made, bool undo) {
  std::string out;
  const std::string added = counted(made.add_devices.size(), made.add_groups.size());
  const std::string removed = counted(made.remove_devices.size(), made.remove_groups.size());
  if (!removed.empty()) out += "removed " + removed;
  if (!added.empty()) out += (out.empty() ? "" : "; ") + std::string(undo ? "added back " : "added ") + added;
  return out.empty() ? "changed nothing" : out;
}

// Says what a write_change did; throws RunError when it did not complete.
void report_outcome(const FixOptions& o, const WriteOutcome& out, const std::string& userid, bool undo) {
  std::cout << fmt::format("fix: change {} {}: {} ('{}', {} AXL write{}; recorded in {})\n", out.change,
                           storage::code(out.status), describe(out.made, undo), util::printable(userid), out.writes,
                           out.writes == 1 ? "" : "s", o.db);
  if (out.status != storage::ChangeStatus::failed)
    std::cout << "fix: take it back with: " << undo_hint(o, out.change) << '\n';
  std::cout << std::flush;
  if (out.status != storage::ChangeStatus::applied)
    throw RunError(fmt::format("change {} {}: {}", out.change, storage::code(out.status), out.detail));
}

storage::Change change_record(const FixOptions& o, const FixAxl& axl, const std::string& userid) {
  storage::Change record;
  record.requested_by = requested_by();
  record.axl_url = axl.url();
  record.axl_user = o.axl_user;
  record.operation = std::string(cucm::update_operation(axl.end_user()));
  record.userid = userid;
  return record;
}

int verify(const FixOptions& o, const FixDiagnosis& d, const UserPlan& plan, storage::Database& db) {
  const VerifyResult v = verify_phones(o, d, plan.phones, db);
  std::cout << fmt::format("verify: {} of {} changed phones are now ok{}\n", v.ok, v.phones,
                           v.run != 0 ? fmt::format(" (run {})", v.run) : std::string());
  if (v.not_checked > 0)
    std::cout << fmt::format("verify: {} changed phones from a --targets range were not re-checked: scan their range\n",
                             v.not_checked);
  return v.ok == v.phones ? exit_all_ok : exit_failures_found;
}

int fix_run(const FixOptions& o, storage::Database& db) {
  const std::int64_t run = o.run != 0 ? o.run : newest_completed_run(db);
  const FixDiagnosis d = read_diagnosis(db, run);
  const double age = hours_since(d.run.finished_at);
  check_run(o, d, age);
  const bool end_user = d.end_user || o.end_user;
  FixAxl axl = connect(o, d.user, end_user);
  const UserPlan plan = plan_user(d, axl.read());
  print_plan(std::cout, {d, plan, axl.url(), end_user, o.batch, age, o.quiet});
  print_manual_steps(std::cout, d, o.quiet);
  if (!o.bat.empty()) write_bat(o.bat, plan, d.user, end_user);
  if (!o.manual_csv.empty()) write_manual_csv(o.manual_csv, d);
  if (!o.apply) {
    std::cout << fmt::format("fix: dry run: nothing was changed (AXL was only read); --apply makes the change\n");
    return exit_all_ok;
  }
  if (!plan.lost.empty())
    throw RunError(fmt::format("the user lost {} since run {} saw it, which this plan did not expect: someone is "
                               "changing it; scan again (with --axl) and plan anew",
                               counted(plan.lost.devices.size(), plan.lost.groups.size()), run));
  if (plan.change.empty()) {
    std::cout << "fix: nothing to change: the user has every device and group this run asks for\n";
    return exit_all_ok;
  }
  storage::ChangeLog log(db);
  storage::Change record = change_record(o, axl, d.user);
  record.run = run;
  const WriteOutcome out = write_change(axl, log, std::move(record), plan.user, plan.change, o.batch);
  report_outcome(o, out, d.user, false);
  return o.verify ? verify(o, d, plan, db) : exit_all_ok;
}

int fix_undo(const FixOptions& o, storage::Database& db) {
  storage::ChangeLog log(db);
  const auto change = log.find(o.undo);
  if (!change) throw UsageError(fmt::format("{} holds no change {}", o.db, o.undo));
  if (cucm::base_url(change->axl_url) != cucm::base_url(o.axl))
    throw UsageError(
        fmt::format("change {} was made at {}, not at {}", o.undo, change->axl_url, cucm::base_url(o.axl)));
  if (change->added.empty() && change->removed.empty()) {
    std::cout << fmt::format("fix: change {} made no accepted write: nothing to undo\n", o.undo);
    return exit_all_ok;
  }
  if (const auto by = log.undone_by(o.undo))
    std::cout << fmt::format("fix: change {} was undone by change {}\n", o.undo, *by);
  FixAxl axl = connect(o, change->userid, change->operation == "updateUser");
  const cucm::AxlUser now = axl.read();
  const cucm::ListChange needed = plan_undo(*change, now);
  print_undo_plan(std::cout, *change, needed, now, o.quiet);
  if (needed.empty()) {
    std::cout << fmt::format("fix: nothing to undo: the user has none of what change {} added and all it removed\n",
                             o.undo);
    return exit_all_ok;
  }
  if (!o.apply) {
    std::cout << "fix: dry run: nothing was changed (AXL was only read); --apply takes the change back\n";
    return exit_all_ok;
  }
  storage::Change record = change_record(o, axl, change->userid);
  record.undoes = o.undo;
  report_outcome(o, write_change(axl, log, std::move(record), now, needed, o.batch), change->userid, true);
  return exit_all_ok;
}

} // namespace

int run_fix(const FixOptions& o) {
  check_options(o);
  auto db = storage::Database::open(o.db, storage::Database::Mode::existing);
  if (!db) throw UsageError(db.error());
  StopSignals signals;
  SecretsGuard secrets; // before a password is in memory
  return o.undo != 0 ? fix_undo(o, *db) : fix_run(o, *db);
}

} // namespace app
