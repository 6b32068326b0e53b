// What a nightly job sets and reads: prune, a config file, --quiet, JSON logs, the progress bar,
// and the installation.
#include "ops_support.hpp"

#include <app/progress.hpp>

#include <sys/stat.h>

#include <filesystem>

using namespace std::chrono_literals;
using ops::Estate;
using ops::phonesweep;

namespace {

harness::FleetOptions small_healthy_estate() {
  harness::FleetOptions options;
  options.phones = 20;
  options.mix = "healthy";
  return options;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

} // namespace

TEST_CASE("prune: --keep N keeps the newest N runs and deletes the older ones with their results") {
  Estate estate(small_healthy_estate());
  for (int i = 0; i < 3; ++i) REQUIRE(ops::run(estate.scan({"--quiet"})).status == 0);
  const auto pruned = ops::run(phonesweep({"prune", "--db", estate.db, "--keep", "2"}), 1min);
  INFO(pruned.err);
  CHECK(pruned.status == 0);
  CHECK(pruned.out.find("deleted 1 runs, kept 2") != std::string::npos);
  auto db = storage::Database::open(estate.db, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto runs = db->runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == 2);
  CHECK(runs[1].id == 3);
  CHECK(db->recorded_addresses(1).empty());
  CHECK(db->recorded_addresses(3).size() == 20);

  CHECK(ops::run(phonesweep({"prune", "--db", estate.db, "--keep", "0"}), 1min).status == 2);
  CHECK(ops::run(phonesweep({"prune", "--db", estate.fleet.dir + "/missing.db", "--keep", "1"}), 1min).status == 2);
}

TEST_CASE("config: a config file in the default location or given by --config supplies what a nightly job sets") {
  Estate estate(small_healthy_estate());
  const std::string xdg = estate.fleet.dir + "/xdg";
  std::filesystem::create_directories(xdg + "/phonesweep");
  const std::string config = xdg + "/phonesweep/config";
  write_file(config, "[scan]\ninventory = \"" + estate.fleet.inventory() + "\"\ndb = \"" + estate.db + "\"\nuser = \"" +
                         estate.options.user + "\"\ncucm = \"" + estate.fleet.cucm_url + "\"\ndns-server = \"" +
                         estate.dns.server() + "\"\ntimeout = 2\nauth-rate = 0\nquiet = true\n\n[prune]\ndb = \"" +
                         estate.db + "\"\nkeep = 1\n");

  harness::Launch by_default = phonesweep({"scan"});
  by_default.env.erase("PHONESWEEP_CONFIG");
  by_default.env["XDG_CONFIG_HOME"] = xdg;
  by_default.env["PHONESWEEP_PASSWORD"] = estate.options.password;
  const auto first = ops::run(by_default, 2min);
  INFO(first.out << first.err);
  CHECK(first.status == 0);
  CHECK(lines(first.out).size() == 1); // quiet = true came from the file
  CHECK(ops::newest_run(estate.db)->recorded == 20);

  harness::Launch given = phonesweep({"--config", config, "scan", "--quiet"});
  given.env["PHONESWEEP_PASSWORD"] = estate.options.password;
  CHECK(ops::run(given, 2min).status == 0);
  CHECK(ops::newest_run(estate.db)->id == 2);

  // The [prune] section serves `prune` alike.
  CHECK(ops::run(phonesweep({"--config", config, "prune"}), 1min).status == 0);
  CHECK(storage::Database::open(estate.db, storage::Database::Mode::existing)->runs().size() == 1);

  SECTION("an unknown key, such as a password, is refused (exit 2)") {
    write_file(config, ops::slurp(config) + "[scan]\npassword = \"hunter2\"\n");
    harness::Launch refused = phonesweep({"--config", config, "scan"});
    refused.env["PHONESWEEP_PASSWORD"] = estate.options.password;
    const auto r = ops::run(refused, 1min);
    CHECK(r.status == 2);
  }
  SECTION("a --config file that does not exist is an error (exit 2)") {
    CHECK(ops::run(phonesweep({"--config", xdg + "/nope", "runs"}), 1min).status == 2);
  }
}

TEST_CASE("quiet: a scan prints one summary line on stdout and nothing on stderr") {
  Estate estate(small_healthy_estate());
  // Without --cucm: fleetsim's authentication service is plain HTTP, which earns a warning.
  const auto s = ops::run(estate.scan({"--quiet"}, {{"--cucm", "<none>"}}));
  INFO(s.out << s.err);
  CHECK(s.status == 0);
  REQUIRE(lines(s.out).size() == 1);
  CHECK(lines(s.out)[0].find("20 phones, 20 ok") != std::string::npos);
  CHECK(s.err.empty());
}

TEST_CASE("log-format json: every line on stderr and the summary on stdout are JSON objects without the password") {
  Estate estate(ops::slow_estate(40));
  const auto s = ops::run(estate.scan({"--log-format", "json"}));
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  const auto out = lines(s.out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rfind("{\"ts\":\"", 0) == 0);
  CHECK(out[0].find("\"event\":\"summary\"") != std::string::npos);
  CHECK(out[0].find("\"phones\":40") != std::string::npos);
  CHECK(out[0].find("\"status\":\"completed\"") != std::string::npos);
  CHECK(out[0].back() == '}');
  for (const auto& line : lines(s.err)) {
    CHECK(line.rfind("{\"ts\":\"", 0) == 0);
    CHECK(line.back() == '}');
  }
  CHECK(s.out.find(estate.options.password) == std::string::npos);
  CHECK(s.err.find(estate.options.password) == std::string::npos);

  // A fatal error is a JSON line too.
  const auto again = ops::run(estate.scan({"--log-format", "json", "--resume"}));
  CHECK(again.status == 2);
  const auto err = lines(again.err);
  REQUIRE_FALSE(err.empty());
  for (const auto& line : err) CHECK(line.rfind("{\"ts\":\"", 0) == 0); // also the plain-HTTP warning
  CHECK(err.back().find("\"level\":\"error\"") != std::string::npos);
  CHECK(err.back().find("nothing to resume") != std::string::npos);
}

TEST_CASE("progress: a bar with ETA is drawn when stderr is a terminal and never into a pipe") {
  Estate estate(ops::slow_estate(40));
  const auto piped = ops::run(estate.scan());
  INFO(piped.err);
  CHECK(piped.status == 1);
  CHECK(piped.err.find("ETA") == std::string::npos);
  CHECK(piped.err.find('\r') == std::string::npos);

  // script(1) runs the scan on a pseudo-terminal.
  harness::Launch launch = estate.scan();
  std::string command;
  for (const auto& arg : launch.argv) command += "'" + arg + "' ";
  harness::Launch on_tty;
  on_tty.argv = {"/usr/bin/script", "-qefc", command, "/dev/null"};
  on_tty.env = launch.env;
  const auto tty = ops::run(on_tty);
  INFO(tty.out);
  CHECK(tty.status == 1);
  CHECK(tty.out.find("ETA") != std::string::npos);
  CHECK(tty.out.find("/40") != std::string::npos);
}

TEST_CASE("progress: the line shows done and total and percent and an ETA from the rate so far") {
  CHECK(app::Progress::render(25, 100, std::chrono::seconds(10), 20) ==
        "[#####...............] 25/100  25%  2/s  ETA 0:30");
  CHECK(app::Progress::render(100, 100, std::chrono::seconds(10), 4) == "[####] 100/100 100%  10/s  ETA 0:00");
  CHECK(app::Progress::render(7, 0, std::chrono::seconds(2), 4) == "7 phones  4/s  0:02");
}

TEST_CASE("install: cmake --install puts the binary and the man page under the prefix") {
  const std::string prefix = harness::make_temp_dir("phonesweep-install");
  harness::Launch install;
  install.argv = {PHONESWEEP_CMAKE, "--install", PHONESWEEP_BINARY_DIR, "--prefix", prefix};
  install.capture_stderr = true;
  const auto r = harness::run(install, 2min);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  struct stat st {};
  REQUIRE(stat((prefix + "/bin/phonesweep").c_str(), &st) == 0);
  CHECK((st.st_mode & S_IXUSR) != 0);
  const std::string man = ops::slurp(prefix + "/share/man/man1/phonesweep.1");
  CHECK(man.find(".TH PHONESWEEP 1") != std::string::npos);
  CHECK(man.find("--resume") == std::string::npos); // roff spells options with \-
  CHECK(man.find("\\-\\-resume") != std::string::npos);
  std::filesystem::remove_all(prefix);
}
