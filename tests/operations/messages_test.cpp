// Messages a newcomer can act on (issue 16): a mistyped command names the nearest one, a config
// file's unknown key names the file, the line and the nearest key, a file that cannot be written
// says why in the operating system's words.
#include "ops_support.hpp"

#include <tests/cucm/soap_fleet.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono_literals;

TEST_CASE("messages: a mistyped command suggests the nearest one and exits 2") {
  const auto r = ops::run(ops::phonesweep({"scna", "--db", "x.db"}), 1min);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown command 'scna'; did you mean 'scan'?") != std::string::npos);
  const auto json = ops::run(ops::phonesweep({"reprot", "--log-format", "json"}), 1min);
  CHECK(json.status == 2);
  CHECK(json.err.find("did you mean 'report'?") != std::string::npos);
}

TEST_CASE("messages: an unknown config key names the file and line and the nearest key") {
  const std::string dir = harness::make_temp_dir("config-keys");
  const std::string config = dir + "/config";
  ops::write_file(config, "# nightly\n[scan]\nuser = \"app\"\ntimout = 2\n");
  const auto r = ops::run(ops::phonesweep({"--config", config, "runs", "--db", dir + "/none.db"}), 1min);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find(config + " line 4: [scan] has no option 'timout'; did you mean 'timeout'?") != std::string::npos);

  ops::write_file(config, "[sacn]\ntimeout = 2\n");
  const auto section = ops::run(ops::phonesweep({"--config", config, "runs", "--db", dir + "/none.db"}), 1min);
  CHECK(section.status == 2);
  CHECK(section.err.find("line 1: there is no command [sacn]; did you mean 'scan'?") != std::string::npos);
}

TEST_CASE("messages: a report that cannot be written carries the operating system's reason") {
  ops::Estate estate(ops::slow_estate(10));
  REQUIRE(ops::run(estate.scan({"--quiet"})).status <= 1);
  const auto r = ops::run(
      ops::phonesweep({"report", "--db", estate.db, "--ndjson", estate.fleet.dir + "/no/such/dir/x.ndjson"}), 1min);
  INFO(r.err);
  CHECK(r.status != 0);
  CHECK(r.err.find("No such file or directory") != std::string::npos);
}

TEST_CASE("messages: a CUCM certificate that is not trusted suggests --cacert") {
  const std::string dir = harness::make_temp_dir("tls-hint");
  const soap_test::Tls tls = soap_test::make_certificate(dir);
  const auto fleet = soap_test::start(20, tls, dir);
  harness::Launch scan = ops::phonesweep({"scan", "--inventory", dir + "/estate/inventory.csv", "--db", dir + "/s.db",
                                          "--user", "phonesweep-app", "--axl", fleet.soap_url, "--quiet"});
  scan.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  const auto r = ops::run(scan, 1min);
  INFO(r.err);
  CHECK(r.status == 3);
  CHECK(r.err.find("with --cacert FILE") != std::string::npos);
}
