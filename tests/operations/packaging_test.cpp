// Packaging (issue 16): what `cmake --install` and the Debian package put on a machine beside the
// binary: the nightly job's systemd units, an example config, shell completions that know every
// option; and --version naming the commit and the libraries.
#include "ops_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

using namespace std::chrono_literals;

namespace {

// Every long option `phonesweep COMMAND --help` lists.
std::vector<std::string> options_of(const std::string& command) {
  const auto help = ops::run(ops::phonesweep({command, "--help"}), 1min);
  std::vector<std::string> options;
  const std::regex option(R"(\n\s+(?:-\w,)?(--[a-z][a-z0-9-]+))");
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end; it != end; ++it)
    options.push_back((*it)[1]);
  return options;
}

} // namespace

TEST_CASE(
    "install: cmake --install adds the systemd units, the example config and completions that know every option") {
  const std::string prefix = harness::make_temp_dir("phonesweep-install-extras");
  harness::Launch install;
  install.argv = {PHONESWEEP_CMAKE, "--install", PHONESWEEP_BINARY_DIR, "--prefix", prefix};
  install.capture_stderr = true;
  const auto r = harness::run(install, 2min);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  const std::string service = ops::slurp(prefix + "/lib/systemd/system/phonesweep.service");
  CHECK(service.find("ExecStart=phonesweep scan --password-file ${CREDENTIALS_DIRECTORY}/password") !=
        std::string::npos);
  CHECK(service.find("SuccessExitStatus=1") != std::string::npos);
  CHECK(ops::slurp(prefix + "/lib/systemd/system/phonesweep.timer").find("OnCalendar=") != std::string::npos);
  CHECK(ops::slurp(prefix + "/share/doc/phonesweep/phonesweep.conf.example").find("[scan]") != std::string::npos);
  const std::string bash = ops::slurp(prefix + "/share/bash-completion/completions/phonesweep");
  const std::string zsh = ops::slurp(prefix + "/share/zsh/vendor-completions/_phonesweep");
  REQUIRE_FALSE(bash.empty());
  REQUIRE_FALSE(zsh.empty());
  for (const std::string command : {"scan", "report", "runs", "merge", "prune", "discover", "fix", "history"}) {
    const auto options = options_of(command);
    CHECK(options.size() >= 3);
    for (const auto& option : options) {
      INFO(command << " " << option);
      CHECK(bash.find(" " + option) != std::string::npos);
      CHECK(zsh.find("'" + option + "[") != std::string::npos);
    }
  }
  std::filesystem::remove_all(prefix);
}

TEST_CASE(
    "package: cpack -G DEB builds a .deb whose contents dpkg-deb lists: binary, man page, units, config, completions") {
  const std::string dir = harness::make_temp_dir("phonesweep-deb");
  harness::Launch cpack;
  cpack.argv = {
      "/usr/bin/cpack", "-G", "DEB", "--config", std::string(PHONESWEEP_BINARY_DIR) + "/CPackConfig.cmake", "-B", dir};
  cpack.capture_stderr = true;
  const auto built = harness::run(cpack, 5min);
  INFO(built.out << built.err);
  REQUIRE(built.status == 0);
  std::string deb;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".deb") deb = entry.path();
  REQUIRE_FALSE(deb.empty());
  harness::Launch list;
  list.argv = {"/usr/bin/dpkg-deb", "-c", deb};
  const auto listed = harness::run(list, 1min);
  INFO(listed.out);
  REQUIRE(listed.status == 0);
  for (const std::string path :
       {"./usr/bin/phonesweep", "./usr/share/man/man1/phonesweep.1", "./usr/lib/systemd/system/phonesweep.service",
        "./usr/lib/systemd/system/phonesweep.timer", "./usr/share/doc/phonesweep/phonesweep.conf.example",
        "./usr/share/bash-completion/completions/phonesweep", "./usr/share/zsh/vendor-completions/_phonesweep"})
    CHECK(listed.out.find(path + "\n") != std::string::npos);
  CHECK(listed.out.find("fleetsim") == std::string::npos); // the simulator is never shipped
  std::filesystem::remove_all(dir);
}

TEST_CASE("version: --version names the version, the commit and the linked libraries") {
  const auto r = ops::run(ops::phonesweep({"--version"}), 1min);
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(^phonesweep \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}|unknown)\))")));
  for (const std::string library : {"libcurl ", "c-ares ", "SQLite ", "simdjson ", "pugixml "})
    CHECK(r.out.find(library) != std::string::npos);
}
