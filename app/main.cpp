// phonesweep: why can't our application user take a screenshot of this phone?
// main() only wires the subcommands; each lives in its own file.
#include <app/discover_command.hpp>
#include <app/config.hpp>
#include <app/exit_status.hpp>
#include <app/fix_cli.hpp>
#include <app/log.hpp>
#include <app/prune_command.hpp>
#include <app/merge_command.hpp>
#include <app/report_command.hpp>
#include <app/scan_command.hpp>

#include <CLI/CLI.hpp>
#include <util/net_libraries.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App cli{"phonesweep: sweeps Cisco IP phones and names why remote screenshots fail"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", PHONESWEEP_VERSION);
  cli.set_config("--config", app::default_config_path(),
                 "options file, one [section] per subcommand (default: $XDG_CONFIG_HOME/phonesweep/config, "
                 "else /etc/phonesweep.conf, when present); refused when others may write it")
      ->check(CLI::Validator([](std::string& path) { return app::config_file_problem(path); }, "FILE"));
  // An unknown key is an error, not silently ignored: a misspelt option must not go unnoticed in
  // a nightly job, and there is no password option a config file could hold.
  cli.allow_config_extras(CLI::config_extras_mode::error);

  app::ScanOptions scan;
  auto* scan_cmd = cli.add_subcommand("scan", "sweep the phones of an inventory and record a run");
  scan_cmd->add_option("--inventory", scan.inventory,
                                             "inventory: CSV, JSON array or NDJSON file, - for stdin (repeatable)");
  scan_cmd->add_option("--targets", scan.targets,
                                           "addresses, CIDR blocks and ranges: 10.20.0.0/22,10.30.1.10-99");
  scan_cmd->add_option("--inventory-format", scan.inventory_format, "auto, csv, json or ndjson")->capture_default_str();
  scan_cmd->add_option("--cucm-discover", scan.cucm_discover,
                       "inventory from this CUCM (https://cucm:8443): AXL listPhone + RisPort70, as `discover`; "
                       "asked with --axl-user / --axl-password-env, verified with --cacert");
  scan_cmd->add_option("--discover-name", scan.discover_name, "--cucm-discover: device names LIKE this (% wildcard)")
      ->capture_default_str();
  scan_cmd->add_option("--phone-port", scan.phone_port, "--cucm-discover: the phones' web port (default: none)");
  scan_cmd->add_option("--risport-rate", scan.risport_rate,
                       "--cucm-discover: RisPort70 requests per window, REQUESTS/SECONDS")->capture_default_str();
  scan_cmd->add_option("--shard", scan.shard, "K/N: scan only this stable share of the inventory");
  scan_cmd->add_flag("--strict", scan.strict, "a bad inventory row is fatal (exit 2) instead of skipped");
  scan_cmd->add_option("--max-targets", scan.max_targets, "most addresses --targets may expand to")->capture_default_str();

  scan_cmd->add_option("--db", scan.db, "SQLite database (created if missing)")->capture_default_str();
  scan_cmd->add_option("--user", scan.user, "application or end user for the screenshot service")->required();
  auto* env_opt = scan_cmd->add_option("--password-env", scan.password_env,
                                       "environment variable holding the password")->capture_default_str();
  scan_cmd->add_option("--password-file", scan.password_file,
                       "file holding the password (mode 600)")->excludes(env_opt);
  scan_cmd->add_option("--cucm", scan.cucm,
                       "CUCM base URL or authentication service URL for the cross-check (no scheme: https, port 8443)");
  scan_cmd->add_option("--canary-device", scan.canary_device,
                       "a device the user controls (SEP…): the CUCM is asked about it before any phone gets the "
                       "credentials, so that a device outside its controlled devices is not taken for a wrong password");
  scan_cmd->add_option("--max-failed-logons", scan.max_failed_logons,
                       "refused authentications before the sweep stops all authenticated requests (the CUCM "
                       "locks the account at its 3rd failed logon by default)")->capture_default_str();
  scan_cmd->add_option("--concurrency", scan.concurrency, "requests in flight in total")->capture_default_str();
  auto* auth_concurrency = scan_cmd->add_option("--auth-concurrency", scan.auth_concurrency,
                       "authenticated requests in flight once the credentials are accepted (each costs the CUCM "
                       "an authentication; the default is divided among --shard N scanners)")->capture_default_str();
  auto* auth_rate = scan_cmd->add_option("--auth-rate", scan.auth_rate,
                       "authenticated requests per second, 0 = unlimited (the default is divided among --shard N "
                       "scanners)")->capture_default_str();
  scan_cmd->add_option("--timeout", scan.timeout, "seconds for a whole request")->capture_default_str();
  scan_cmd->add_option("--connect-timeout", scan.connect_timeout, "seconds to connect")->capture_default_str();
  scan_cmd->add_option("--dns-server", scan.dns_server, "DNS server HOST[:PORT] for c-ares");
  scan_cmd->add_flag("--quiet", scan.quiet, "one summary line (for cron)");
  scan_cmd->add_option("--axl", scan.axl, "AXL preflight against this CUCM (https://cucm:8443): user, CTI groups, controlled devices");
  scan_cmd->add_option("--axl-user", scan.axl_user, "account that asks AXL (default: --user)");
  scan_cmd->add_option("--axl-password-env", scan.axl_password_env, "environment variable with the AXL account's password (default: the scan's)");
  scan_cmd->add_flag("--end-user", scan.end_user, "--user is an end user (AXL getUser), not an application user");
  scan_cmd->add_option("--cacert", scan.cacert,
                       "PEM CA certificate(s) to verify the CUCM with (AXL, --cucm-discover and --cucm)");
  scan_cmd->add_flag("--insecure", scan.insecure,
                     "do not verify the CUCM's certificate (AXL, --cucm-discover and --cucm)");
  scan_cmd->add_option("--proxy", scan.proxy, "proxy for the AXL and --cucm-discover requests (proxy variables "
                                              "in the environment are ignored)");
  scan_cmd->add_option("--log-format", scan.log_format, "text or json (one object per line)")->capture_default_str();
  scan_cmd->add_flag("--resume", scan.resume, "continue the newest run if it did not complete");
  scan_cmd->add_flag("--only-failed", scan.only_failed, "only the phones not ok in the newest completed run");

  app::ReportOptions report;
  auto* report_cmd = cli.add_subcommand("report", "write HTML and CSV reports of a run");
  report_cmd->add_option("--db", report.db, "SQLite database")->capture_default_str();
  report_cmd->add_option("--run", report.run, "run id (default: the latest)");
  report_cmd->add_option("--html", report.html, "HTML report to write");
  report_cmd->add_option("--csv", report.csv, "CSV report to write");
  report_cmd->add_option("--site-csv", report.site_csv, "per-site summary CSV to write");
  report_cmd->add_option("--against", report.against, "run to compare with (default: the previous one)");

  app::RunsOptions runs;
  auto* runs_cmd = cli.add_subcommand("runs", "list runs with counts per root cause");
  runs_cmd->add_option("--db", runs.db, "SQLite database")->capture_default_str();

  app::MergeOptions merge;
  auto* merge_cmd = cli.add_subcommand("merge", "combine the shard databases of one sweep into one run");
  merge_cmd->add_option("sources", merge.sources, "shard databases (scan --shard K/N), newest run of each")
      ->required()->check(CLI::ExistingFile);
  merge_cmd->add_option("-o,--output", merge.output, "database receiving the merged run (created if missing)")
      ->required();
  merge_cmd->add_flag("--quiet", merge.quiet, "one summary line (for cron)");

  app::PruneOptions prune;
  auto* prune_cmd = cli.add_subcommand("prune", "delete all but the newest runs");
  prune_cmd->add_option("--db", prune.db, "SQLite database")->capture_default_str();
  prune_cmd->add_option("--keep", prune.keep, "runs to keep (the newest)")->required();

  app::DiscoverOptions discover;
  auto* discover_cmd = cli.add_subcommand("discover", "inventory CSV from the CUCM (AXL listPhone + RisPort70)");
  discover_cmd->add_option("--cucm", discover.cucm, "CUCM base URL, e.g. https://cucm.example.net:8443")->required();
  discover_cmd->add_option("--user", discover.user, "AXL-enabled user")->required();
  auto* discover_env = discover_cmd->add_option("--password-env", discover.password_env,
                                                "environment variable holding the password")->capture_default_str();
  discover_cmd->add_option("--password-file", discover.password_file, "file holding the password (mode 600)")
      ->excludes(discover_env);
  discover_cmd->add_option("-o,--output", discover.output, "inventory CSV to write, - for stdout")->capture_default_str();
  discover_cmd->add_option("--cacert", discover.cacert, "PEM CA certificate(s) to verify the CUCM with");
  discover_cmd->add_flag("--insecure", discover.insecure, "do not verify the CUCM's certificate");
  discover_cmd->add_option("--proxy", discover.proxy, "proxy for the requests to the CUCM (proxy variables in the "
                                                      "environment are ignored)");
  discover_cmd->add_option("--name", discover.name_pattern, "device names LIKE this (% wildcard), e.g. SEP%")->capture_default_str();
  discover_cmd->add_option("--phone-port", discover.phone_port, "phones' web port written into every address (default: none)");
  discover_cmd->add_option("--risport-rate", discover.risport_rate,
                           "RisPort70 requests per window, REQUESTS/SECONDS (the CUCM allows 15/60)")->capture_default_str();
  discover_cmd->add_option("--risport-batch", discover.risport_batch, "device names per RisPort70 request (1-1000)")->capture_default_str();
  discover_cmd->add_option("--axl-page", discover.axl_page, "listPhone rows per AXL request")->capture_default_str();
  discover_cmd->add_option("--axl-version", discover.axl_version, "AXL schema version")->capture_default_str();
  discover_cmd->add_flag("--quiet", discover.quiet, "no progress lines");

  const auto fix = app::add_fix_command(cli);


  try {
    // Before anything else and before any thread starts; cleaned up when main returns.
    const util::NetLibraries libraries;
    cli.parse(argc, argv);
    scan.auth_concurrency_given = auth_concurrency->count() > 0;
    scan.auth_rate_given = auth_rate->count() > 0;
    if (*scan_cmd) return app::run_scan(scan);
    if (*report_cmd) return app::run_report(report);
    if (*runs_cmd) return app::run_runs(runs);
    if (*discover_cmd) return app::run_discover(discover);
    if (*prune_cmd) return app::run_prune(prune);
    if (*merge_cmd) return app::run_merge(merge);
    if (*fix->command) return app::run_fix(fix->options);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : app::exit_usage;
  } catch (const app::UsageError& e) {
    app::log_error(e.what());
    return app::exit_usage;
  } catch (const app::RunError& e) {
    app::log_error(e.what());
    return app::exit_incomplete;
  } catch (const std::exception& e) {
    app::log_error(e.what());
    return app::exit_incomplete;
  }
  return app::exit_usage;
}
