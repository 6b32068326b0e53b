#include <app/demo_command.hpp>

#include <app/exit_status.hpp>
#include <app/report_command.hpp>
#include <app/scan_command.hpp>
#include <bench/harness/servers.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <optional>

namespace app {

int run_demo(const DemoOptions& o) {
  harness::FleetOptions fleet_options;
  fleet_options.phones = o.phones;
  fleet_options.latency = "50-800"; // real phone web servers are slow
  std::cout << fmt::format("demo: starting fleetsim with {} simulated phones…\n", o.phones);
  harness::Fleet fleet = harness::start_fleet(fleet_options);

  std::optional<harness::Dns> dns;
  try {
    dns.emplace(harness::start_dns(fleet.hosts()));
  } catch (const std::exception& e) {
    std::cerr << "demo: " << e.what() << "; phones listed by name will not resolve\n";
  }

  // The simulated CUCM's password reaches the scan the way a real one does: the environment.
  setenv("PHONESWEEP_DEMO_PASSWORD", fleet_options.password.c_str(), 1);
  ScanOptions scan;
  scan.inventory = {fleet.inventory()};
  scan.db = o.out_prefix + ".db";
  scan.user = fleet_options.user;
  scan.password_env = "PHONESWEEP_DEMO_PASSWORD";
  scan.cucm = fleet.cucm_url;
  scan.concurrency = 1000;
  // fleetsim's CUCM is not a production publisher: let the authenticated lane run wide.
  scan.auth_concurrency = 250;
  scan.auth_rate = 0;
  scan.cucm_concurrency = 4;
  scan.cucm_rate = 0;
  scan.timeout = 3;
  scan.connect_timeout = 2;
  if (dns) scan.dns_server = dns->server();

  ScanSummary summary;
  const int status = run_scan(scan, &summary);

  ReportOptions report;
  report.db = scan.db;
  report.run = summary.run_id;
  report.csv = o.out_prefix + ".csv";
  report.html = o.out_prefix + ".html";
  run_report(report);
  std::cout << fmt::format("demo: {} phones in {:.1f} s ({:.0f} phones/s); wrote {}, {}, {}\n",
                           summary.phones, summary.seconds,
                           summary.seconds > 0 ? static_cast<double>(summary.phones) / summary.seconds : 0.0,
                           scan.db, report.csv, report.html);
  return status == exit_failures_found ? exit_all_ok : status; // failures are the demo's point
}

} // namespace app
