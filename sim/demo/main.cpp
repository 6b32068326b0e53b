// phonesweep-demo: starts fleetsim (the simulated estate) and dnsmasq, then runs the real
// phonesweep binary against them exactly as a user would (`scan`, then `report`). It lives with
// the simulator so that the product links no simulator or test code.
#include <sim/harness/servers.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>

namespace {

struct DemoOptions {
  int phones = 2000;
  std::string out_prefix = "phonesweep-demo"; // .db, .csv, .html
};

int run_demo(const DemoOptions& o) {
  harness::FleetOptions fleet_options;
  fleet_options.phones = o.phones;
  fleet_options.latency = "50-800"; // real phone web servers are slow
  std::cout << fmt::format("demo: starting fleetsim with {} simulated phones…\n", o.phones) << std::flush;
  harness::Fleet fleet = harness::start_fleet(fleet_options);

  std::optional<harness::Dns> dns;
  try {
    dns.emplace(harness::start_dns(fleet.hosts()));
  } catch (const std::exception& e) {
    std::cerr << "demo: " << e.what() << "; phones listed by name will not resolve\n";
  }

  const std::string phonesweep = harness::built_program("phonesweep");
  const std::string db = o.out_prefix + ".db";
  const std::string csv = o.out_prefix + ".csv";
  const std::string html = o.out_prefix + ".html";

  // The simulated CUCM's password reaches the scan the way a real one does: the environment.
  harness::Launch scan;
  scan.argv = {phonesweep, "scan", "--inventory", fleet.inventory(), "--db", db, "--user", fleet_options.user,
               "--password-env", "PHONESWEEP_DEMO_PASSWORD", "--cucm", fleet.cucm_url, "--concurrency", "1000",
               // fleetsim's CUCM is not a production publisher: let the authenticated lane run wide.
               "--auth-concurrency", "250", "--auth-rate", "0", "--timeout", "3", "--connect-timeout", "2",
               // A device the user controls: the CUCM is asked about it before any phone, as the
               // README recommends for every sweep.
               "--canary-device", fleet.canary_device()};
  if (dns) scan.argv.insert(scan.argv.end(), {"--dns-server", dns->server()});
  scan.env["PHONESWEEP_DEMO_PASSWORD"] = fleet_options.password;
  scan.capture_stdout = false;
  const auto started = std::chrono::steady_clock::now();
  const int scan_status = harness::ChildProcess(scan).wait();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // 1 means "completed with failing phones": the demo's point. Anything else is a real problem.
  if (scan_status != 0 && scan_status != 1) {
    std::cerr << fmt::format("demo: phonesweep scan exited with status {}\n", scan_status);
    return scan_status;
  }

  harness::Launch report;
  report.argv = {phonesweep, "report", "--db", db, "--csv", csv, "--html", html};
  report.capture_stdout = false;
  const int report_status = harness::ChildProcess(report).wait();
  if (report_status != 0) {
    std::cerr << fmt::format("demo: phonesweep report exited with status {}\n", report_status);
    return report_status;
  }
  std::cout << fmt::format("demo: {} phones scanned in {:.1f} s; wrote {}, {}, {}\n", o.phones, seconds, db, csv, html);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App cli{"phonesweep-demo: scans a simulated estate (fleetsim) with phonesweep and writes the reports"};
  DemoOptions options;
  cli.add_option("--phones", options.phones, "simulated phones")->capture_default_str();
  cli.add_option("--out", options.out_prefix, "prefix of the files written")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  try {
    return run_demo(options);
  } catch (const std::exception& e) {
    std::cerr << "phonesweep-demo: " << e.what() << '\n';
    return 3;
  }
}
