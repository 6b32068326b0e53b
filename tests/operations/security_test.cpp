// The password: only from the environment or a private file, never from argv, and no core file
// of ours while it is in memory.
#include "ops_support.hpp"

#include <sys/stat.h>

#include <csignal>
#include <filesystem>

using namespace std::chrono_literals;
using ops::Estate;
using test_support::core_limit;

namespace {

harness::FleetOptions small_healthy_estate() {
  harness::FleetOptions options;
  options.phones = 10;
  options.mix = "healthy";
  return options;
}

} // namespace

TEST_CASE("password file: readable by group or others is refused with exit 2 and a clear message") {
  Estate estate(small_healthy_estate());
  const std::string file = estate.fleet.dir + "/password";
  {
    std::ofstream out(file);
    out << estate.options.password << '\n';
  }
  for (const mode_t mode : {0640, 0604, 0660, 0644}) {
    CAPTURE(mode);
    REQUIRE(chmod(file.c_str(), mode) == 0);
    harness::Launch launch = estate.scan({"--password-file", file});
    launch.env.erase("PHONESWEEP_PASSWORD");
    const auto s = ops::run(launch, 1min);
    CHECK(s.status == 2);
    CHECK(s.err.find(file) != std::string::npos);
    CHECK(s.err.find("chmod 600") != std::string::npos);
    CHECK(!std::filesystem::exists(estate.db)); // refused before anything was written
  }
  REQUIRE(chmod(file.c_str(), 0600) == 0);
  harness::Launch launch = estate.scan({"--password-file", file});
  launch.env["PHONESWEEP_PASSWORD"] = "wrong-on-purpose"; // the file wins
  const auto s = ops::run(launch, 2min);
  INFO(s.err);
  CHECK(s.status == 0);
  CHECK(ops::slurp(estate.db).find(estate.options.password) == std::string::npos);
  CHECK(ops::slurp(estate.db + "-wal").find(estate.options.password) == std::string::npos);
}

TEST_CASE("password: there is no command-line option for it") {
  Estate estate(small_healthy_estate());
  for (const char* option : {"--password", "-p", "--pass"}) {
    const auto s = ops::run(estate.scan({option, estate.options.password}), 1min);
    CHECK(s.status == 2);
  }
}

TEST_CASE("core dumps: a scan holding the password has a core file limit of 0") {
  Estate estate(ops::slow_estate(100));
  // Started with cores allowed, as a shell with `ulimit -c unlimited` would.
  harness::Launch launch = estate.scan({}, ops::slow_scan());
  launch.argv.insert(launch.argv.begin(), {"/usr/bin/prlimit", "--core=unlimited", "--"});
  harness::ChildProcess scan(launch);
  REQUIRE(ops::wait_for_results(estate.db, 1, 60s));
  CHECK(core_limit(scan.pid()) == "0");
  scan.terminate(SIGINT);
  CHECK(scan.wait(30s) == 3);
}
