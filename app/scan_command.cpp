#include <app/scan_command.hpp>

#include <app/dry_run.hpp>
#include <app/exit_status.hpp>
#include <app/password.hpp>
#include <app/progress.hpp>
#include <app/scan_outputs.hpp>
#include <app/scan_plan.hpp>
#include <app/scan_preflight.hpp>
#include <app/scan_run.hpp>
#include <app/scan_scope.hpp>
#include <app/scan_summary.hpp>
#include <app/signals.hpp>

#include <memory>
#include <utility>

namespace app {
namespace {

void add_inventory_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--inventory", scan.inventory, "inventory: CSV, JSON array or NDJSON file, - for stdin (repeatable)");
  cmd.add_option("--targets", scan.targets, "addresses, CIDR blocks and ranges: 10.20.0.0/22,10.30.1.10-99");
  cmd.add_option("--inventory-format", scan.inventory_format, "auto, csv, json or ndjson")->capture_default_str();
  cmd.add_option("--cucm-discover", scan.cucm_discover,
                 "inventory from this CUCM (https://cucm:8443): AXL listPhone + RisPort70, as `discover`; "
                 "asked with --axl-user / --axl-password-env, verified with --cacert");
  cmd.add_option("--discover-name", scan.discover_name, "--cucm-discover: device names LIKE this (% wildcard)")
      ->capture_default_str();
  cmd.add_option("--phone-port", scan.phone_port, "--cucm-discover: the phones' web port (default: none)");
  cmd.add_option("--risport-rate", scan.risport_rate,
                 "--cucm-discover and --axl: RisPort70 requests per window, REQUESTS/SECONDS")
      ->capture_default_str();
  cmd.add_option("--shard", scan.shard, "K/N: scan only this stable share of the inventory");
  cmd.add_flag("--strict", scan.strict, "a bad inventory row is fatal (exit 2) instead of skipped");
  cmd.add_option("--max-targets", scan.max_targets, "most addresses --targets may expand to")->capture_default_str();
}

void add_account_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--db", scan.db, "SQLite database (created if missing)")->capture_default_str();
  cmd.add_option("--user", scan.user, "application or end user for the screenshot service")->required();
  auto* env = cmd.add_option("--password-env", scan.password_env, "environment variable holding the password")
                  ->capture_default_str();
  cmd.add_option("--password-file", scan.password_file, "file holding the password (mode 600)")->excludes(env);
  cmd.add_option("--cucm", scan.cucm,
                 "CUCM base URL or authentication service URL for the cross-check (no scheme: https, port 8443)");
  cmd.add_option("--canary-device", scan.canary_device,
                 "a device the user controls (SEP…): the CUCM is asked about it before any phone gets the "
                 "credentials, so that a device outside its controlled devices is not taken for a wrong password");
  cmd.add_option("--max-failed-logons", scan.max_failed_logons,
                 "refused authentications before the sweep stops all authenticated requests (the CUCM "
                 "locks the account at its 3rd failed logon by default)")
      ->capture_default_str();
}

// Returns the --auth-concurrency and --auth-rate options, whose count tells whether they were given.
std::pair<CLI::Option*, CLI::Option*> add_pace_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--concurrency", scan.concurrency, "requests in flight in total")->capture_default_str();
  auto* auth_concurrency = cmd.add_option("--auth-concurrency", scan.auth_concurrency,
                                          "authenticated requests in flight once the credentials are accepted (each "
                                          "costs the CUCM an authentication; the default is divided among --shard N "
                                          "scanners)")
                               ->capture_default_str();
  auto* auth_rate = cmd.add_option("--auth-rate", scan.auth_rate,
                                   "authenticated requests per second, 0 = unlimited (the default is divided among "
                                   "--shard N scanners)")
                        ->capture_default_str();
  cmd.add_option("--timeout", scan.timeout, "seconds for a whole request")->capture_default_str();
  cmd.add_option("--connect-timeout", scan.connect_timeout, "seconds to connect")->capture_default_str();
  cmd.add_option("--dns-server", scan.dns_server, "DNS server HOST[:PORT] for c-ares");
  cmd.add_flag("--quiet", scan.quiet, "one summary line and one per real problem (for cron)");
  cmd.add_option("--progress-every", scan.progress_every,
                 "seconds between progress lines in the log when stderr is not a terminal (0: none)")
      ->capture_default_str();
  return {auth_concurrency, auth_rate};
}

void add_cucm_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--axl", scan.axl,
                 "AXL preflight against this CUCM (https://cucm:8443): user, CTI groups, controlled devices");
  cmd.add_option("--axl-user", scan.axl_user, "account that asks AXL (default: --user)");
  cmd.add_option("--axl-password-env", scan.axl_password_env,
                 "environment variable with the AXL account's password (default: the scan's)");
  cmd.add_flag("--end-user", scan.end_user, "--user is an end user (AXL getUser), not an application user");
  cmd.add_option("--cacert", scan.cacert,
                 "PEM CA certificate(s) to verify the CUCM with (AXL, --cucm-discover and --cucm)");
  cmd.add_flag("--insecure", scan.insecure, "do not verify the CUCM's certificate (AXL, --cucm-discover and --cucm)");
  cmd.add_option("--proxy", scan.proxy,
                 "proxy for the AXL and --cucm-discover requests (proxy variables in the environment are ignored)");
}

void add_output_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--metrics-file", scan.metrics_file,
                 "Prometheus text-format metrics of the run, replaced atomically (node_exporter's textfile "
                 "collector: a *.prom file in its directory)");
  cmd.add_option("--notify-url", scan.notify_url,
                 "POST one JSON document here after a completed run in which phones newly failed or were fixed");
  cmd.add_option("--notify-report", scan.notify_report,
                 "where the run's report is published, named in the notification");
  cmd.add_option("--notify-retries", scan.notify_retries, "--notify-url: retries after the first attempt")
      ->capture_default_str();
  cmd.add_option("--notify-backoff", scan.notify_backoff,
                 "--notify-url: seconds before the first retry, doubled for each next one")
      ->capture_default_str();
  cmd.add_option("--notify-timeout", scan.notify_timeout, "--notify-url: seconds per attempt")->capture_default_str();
  cmd.add_flag("--dry-run", scan.dry_run,
               "contact nothing: print the phones in scope, the most requests and CUCM authentications the sweep "
               "may cost, and the time --auth-rate implies");
}

void add_run_options(CLI::App& cmd, ScanOptions& scan) {
  cmd.add_option("--log-format", scan.log_format, "text or json (one object per line)")->capture_default_str();
  cmd.add_option("--ndjson", scan.ndjson,
                 "each phone's final record as one JSON object per line, written after the whole run is "
                 "diagnosed (- for stdout; the summary then goes to stderr)");
  cmd.add_flag("--resume", scan.resume, "continue the newest run if it did not complete");
  cmd.add_flag("--only-failed", scan.only_failed, "only the phones not ok in the newest completed run");
}

} // namespace

Command register_scan(CLI::App& cli) {
  auto scan = std::make_shared<ScanOptions>();
  CLI::App* cmd = cli.add_subcommand("scan", "sweep the phones of an inventory and record a run");
  add_inventory_options(*cmd, *scan);
  add_account_options(*cmd, *scan);
  const auto [auth_concurrency, auth_rate] = add_pace_options(*cmd, *scan);
  add_cucm_options(*cmd, *scan);
  add_run_options(*cmd, *scan);
  add_output_options(*cmd, *scan);
  return {cmd, [scan, auth_concurrency, auth_rate] {
            scan->auth_concurrency_given = auth_concurrency->count() > 0;
            scan->auth_rate_given = auth_rate->count() > 0;
            return run_scan(*scan);
          }};
}

int run_scan(const ScanOptions& o, ScanSummary* summary) {
  const ScanPlan plan = plan_scan(o);     // plan: the options alone
  if (o.dry_run) return dry_run(o, plan); // what it would cost; contacts nothing
  StopSignals signals;
  SecretsGuard secrets; // before the password is in memory
  std::string password = read_password(o.password_env, o.password_file);
  std::unique_ptr<inventory::Reader> inventory = open_inventory(o); // scope: the inventory named
  OpenRun open = open_database(o);                                  // open: the lock, the database
  Preflight preflight = prepare_preflight(o, password);             // preflight: who asks the CUCM
  ScanScope scope;
  scope.shard = plan.shard;
  if (o.resume) { // scope: what the run holds
    ResumedRun resumed = resumable_run(open.db, o);
    scope.recorded = std::move(resumed.recorded);
    resume(open, std::move(resumed));
  }
  // After the --resume checks: a run that cannot be resumed costs the CUCM nothing.
  if (!o.cucm_discover.empty()) inventory = discover_phones(o, preflight, password, open.cucm_view);
  if (o.only_failed) select_failed(open.db, o, open.run, inventory != nullptr, scope); // scope: --only-failed

  Progress progress(!o.quiet && !plan.json, 0, o.quiet ? 0 : o.progress_every);
  TargetQueue targets(std::move(inventory), std::move(scope));
  const bool preload = o.strict || progress.active() || !o.axl.empty(); // --axl lists the phones first
  if (!targets.start(preload, o.strict) && nothing_to_scan(o, targets, plan.json)) return exit_all_ok;
  progress.set_total(targets.preloaded().size());
  scanner::GuardSettings guard = preflight_guard(o, preflight, password, targets.preloaded(), open.db,
                                                 open.cucm_view); // preflight: AXL, the credential guard
  look_up_registrations(o, preflight, targets.preloaded_for_update(), open.cucm_view); // preflight: RisPort70
  begin_run(open, o, plan, targets);                                                   // open: the run
  const Swept swept =
      sweep_phones(o, open, targets, sweep_settings(o, std::move(password), plan.caps, std::move(guard)),
                   progress);                                              // sweep
  const ScanResult result = settle_scan(o, open, swept, targets.broken()); // settle
  if (summary) *summary = {result.run, result.phones, result.ok, result.seconds};
  print_summary(o, result);          // summary
  hand_over_run(o, open.db, result); // NDJSON, metrics, notification: the settled run only
  return exit_status(result);        // exit status
}

} // namespace app
