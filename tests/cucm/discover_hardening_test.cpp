// `phonesweep discover` and `scan --cucm-discover` as a root cron job runs them: the inventory
// file is written safely, the AXL password never reaches a core file, proxy variables in the
// environment are ignored (only --proxy sends the CUCM's APIs through a proxy), and SIGTERM ends
// a discovery that waits on the CUCM's rate limit at once.
#include <tests/cucm/soap_fleet.hpp>
#include <tests/support/loopback_server.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <thread>

using namespace soap_test;
using test_support::core_limit;

namespace {

harness::Launch discover_launch(const SoapFleet& fleet, const std::string& out, std::vector<std::string> extra) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"),
                 "discover",
                 "--cucm",
                 fleet.soap_url,
                 "--user",
                 "phonesweep-app",
                 "-o",
                 out,
                 "--phone-port",
                 std::to_string(fleet.port)};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  return launch;
}

} // namespace

TEST_CASE("discover -o: a link planted at the old temporary name is never followed, the inventory is private",
          "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-files");
  const Tls tls = make_certificate(dir);
  auto fleet = start(30, tls, dir);
  const std::string out = dir + "/inventory.csv", victim = dir + "/victim";
  std::ofstream(victim) << "root only\n";
  REQUIRE(chmod(victim.c_str(), 0600) == 0);
  REQUIRE(symlink(victim.c_str(), (out + ".partial").c_str()) == 0);
  const mode_t old_umask = umask(022);
  const auto r = harness::run(discover_launch(fleet, out, {"--cacert", tls.cert}), 2min);
  umask(old_umask);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(slurp(victim) == "root only\n");
  struct stat st {};
  REQUIRE(lstat(out.c_str(), &st) == 0);
  CHECK(S_ISREG(st.st_mode));
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(read_csv(out).size() == 30);
}

TEST_CASE("discover holds the AXL password in a process that makes no core file", "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-core");
  const Tls tls = make_certificate(dir);
  auto fleet = start(6, tls, dir);
  // One device per RisPort request, one request per 2 s: the discovery runs for several seconds.
  harness::Launch launch = discover_launch(fleet, dir + "/inventory.csv",
                                           {"--cacert", tls.cert, "--risport-batch", "1", "--risport-rate", "1/2"});
  launch.argv.insert(launch.argv.begin(), {"/usr/bin/prlimit", "--core=unlimited", "--"});
  harness::ChildProcess discover(launch);
  std::this_thread::sleep_for(1500ms);
  CHECK(core_limit(discover.pid()) == "0");
  discover.terminate(SIGKILL);
  discover.wait(10s);
}

TEST_CASE("discover ignores proxy variables in the environment, --proxy sends its requests through the given proxy",
          "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-proxy");
  const Tls tls = make_certificate(dir);
  auto fleet = start(10, tls, dir);
  // A "proxy" that refuses every request and counts who came.
  test_support::LoopbackServer proxy([](const std::string&) { return test_support::http_response(502, "no"); });

  harness::Launch from_environment = discover_launch(fleet, dir + "/a.csv", {"--cacert", tls.cert});
  from_environment.env.merge(test_support::proxy_environment(proxy.url()));
  const auto direct = harness::run(from_environment, 2min);
  INFO(direct.err);
  CHECK(direct.status == 0);
  CHECK(proxy.connections() == 0);

  const auto through =
      harness::run(discover_launch(fleet, dir + "/b.csv", {"--cacert", tls.cert, "--proxy", proxy.url()}), 2min);
  INFO(through.err);
  CHECK(through.status == 3);
  CHECK(proxy.connections() > 0);
  CHECK(proxy.received().find("CONNECT 127.0.0.1:") != std::string::npos);
}

TEST_CASE("scan --cucm-discover: SIGTERM while RisPort is backed off exits 3 within the timeout, naming the signal",
          "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-sigterm");
  const Tls tls = make_certificate(dir);
  auto fleet = start(5, tls, dir, {"--risport-limit", "1/60"});
  // Spends the CUCM's one RisPort request of the minute: the scan's request is refused, and it
  // backs off.
  REQUIRE(harness::run(discover_launch(fleet, dir + "/spent.csv", {"--cacert", tls.cert}), 2min).status == 0);

  harness::Launch scan;
  scan.argv = {harness::built_program("phonesweep"),
               "scan",
               "--cucm-discover",
               fleet.soap_url,
               "--cacert",
               tls.cert,
               "--phone-port",
               std::to_string(fleet.port),
               "--db",
               dir + "/s.db",
               "--user",
               "phonesweep-app",
               "--timeout",
               "2",
               "--connect-timeout",
               "1"};
  scan.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  scan.env["PHONESWEEP_CONFIG"] = "";
  scan.capture_stderr = true;
  harness::ChildProcess child(scan);
  std::this_thread::sleep_for(2s); // AXL is answered at once; RisPort refuses, the scan waits 4 s
  const auto signalled = std::chrono::steady_clock::now();
  child.terminate(SIGTERM);
  const int status = child.wait(20s);
  const auto took = std::chrono::steady_clock::now() - signalled;
  const std::string err = child.read_all_stderr();
  INFO(err);
  CHECK(status == 3);
  CHECK(took < 5s);
  CHECK(err.find("stopped by SIGTERM during discovery") != std::string::npos);
  CHECK(err.find("HTTP 500") == std::string::npos);
}
