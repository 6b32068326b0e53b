// phonesweep: why can't our application user take a screenshot of this phone?
// main() only wires the subcommands; each lives in its own file.
#include <app/demo_command.hpp>
#include <app/exit_status.hpp>
#include <app/report_command.hpp>
#include <app/scan_command.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App cli{"phonesweep: sweeps Cisco IP phones and names why remote screenshots fail"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", PHONESWEEP_VERSION);

  app::ScanOptions scan;
  auto* scan_cmd = cli.add_subcommand("scan", "sweep the phones of an inventory and record a run");
  scan_cmd->add_option("--inventory", scan.inventory,
                                             "inventory: CSV, JSON array or NDJSON file, - for stdin (repeatable)");
  scan_cmd->add_option("--targets", scan.targets,
                                           "addresses, CIDR blocks and ranges: 10.20.0.0/22,10.30.1.10-99");
  scan_cmd->add_option("--inventory-format", scan.inventory_format, "auto, csv, json or ndjson")->capture_default_str();
  scan_cmd->add_option("--shard", scan.shard, "K/N: scan only this stable share of the inventory");
  scan_cmd->add_flag("--strict", scan.strict, "a bad inventory row is fatal (exit 2) instead of skipped");

  scan_cmd->add_option("--db", scan.db, "SQLite database (created if missing)")->capture_default_str();
  scan_cmd->add_option("--user", scan.user, "application or end user for the screenshot service")->required();
  auto* env_opt = scan_cmd->add_option("--password-env", scan.password_env,
                                       "environment variable holding the password")->capture_default_str();
  scan_cmd->add_option("--password-file", scan.password_file,
                       "file holding the password (mode 600)")->excludes(env_opt);
  scan_cmd->add_option("--cucm", scan.cucm, "CUCM base URL or authentication service URL for the cross-check");
  scan_cmd->add_option("--concurrency", scan.concurrency, "requests in flight in total")->capture_default_str();
  scan_cmd->add_option("--auth-concurrency", scan.auth_concurrency,
                       "authenticated requests in flight (each costs the CUCM an authentication)")->capture_default_str();
  scan_cmd->add_option("--auth-rate", scan.auth_rate, "authenticated requests per second, 0 = unlimited")->capture_default_str();
  scan_cmd->add_option("--timeout", scan.timeout, "seconds for a whole request")->capture_default_str();
  scan_cmd->add_option("--connect-timeout", scan.connect_timeout, "seconds to connect")->capture_default_str();
  scan_cmd->add_option("--dns-server", scan.dns_server, "DNS server HOST[:PORT] for c-ares");
  scan_cmd->add_flag("--quiet", scan.quiet, "one summary line (for cron)");

  app::ReportOptions report;
  auto* report_cmd = cli.add_subcommand("report", "write HTML and CSV reports of a run");
  report_cmd->add_option("--db", report.db, "SQLite database")->capture_default_str();
  report_cmd->add_option("--run", report.run, "run id (default: the latest)");
  report_cmd->add_option("--html", report.html, "HTML report to write");
  report_cmd->add_option("--csv", report.csv, "CSV report to write");
  report_cmd->add_option("--against", report.against, "run to compare with (default: the previous one)");

  app::RunsOptions runs;
  auto* runs_cmd = cli.add_subcommand("runs", "list runs with counts per root cause");
  runs_cmd->add_option("--db", runs.db, "SQLite database")->capture_default_str();

  app::DemoOptions demo;
  auto* demo_cmd = cli.add_subcommand("demo", "start fleetsim, scan it, write the reports");
  demo_cmd->add_option("--phones", demo.phones, "simulated phones")->capture_default_str();
  demo_cmd->add_option("--out", demo.out_prefix, "prefix of the files written")->capture_default_str();

  try {
    cli.parse(argc, argv);
    if (*scan_cmd) return app::run_scan(scan);
    if (*report_cmd) return app::run_report(report);
    if (*runs_cmd) return app::run_runs(runs);
    if (*demo_cmd) return app::run_demo(demo);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : app::exit_usage;
  } catch (const app::UsageError& e) {
    std::cerr << "phonesweep: " << e.what() << '\n';
    return app::exit_usage;
  } catch (const app::RunError& e) {
    std::cerr << "phonesweep: " << e.what() << '\n';
    return app::exit_incomplete;
  } catch (const std::exception& e) {
    std::cerr << "phonesweep: " << e.what() << '\n';
    return app::exit_incomplete;
  }
  return app::exit_usage;
}
