// `phonesweep discover` as a root cron job runs it: the inventory file is written safely.
#include <tests/cucm/soap_fleet.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace soap_test;

namespace {

harness::Launch discover_launch(const SoapFleet& fleet, const std::string& out, std::vector<std::string> extra) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "discover", "--cucm", fleet.soap_url, "--user",
                 "phonesweep-app", "-o", out, "--phone-port", std::to_string(fleet.port)};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  return launch;
}

} // namespace

TEST_CASE("discover -o: a link planted at the old temporary name is never followed, the inventory is private", "[cucm][discover]") {
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
