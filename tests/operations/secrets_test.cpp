// Where the password could leak besides argv: an answer that echoes it back, a config file
// someone else can change, proxy variables in the environment; and a CUCM request that hangs
// while the operator asks the scan to stop.
#include "ops_support.hpp"

#include <tests/storage/test_support.hpp>
#include <tests/support/loopback_server.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

using namespace std::chrono_literals;
using ops::Estate;
using ops::phonesweep;
using ops::write_file;

namespace {} // namespace

TEST_CASE("cucm: an authentication service that echoes the request never puts the password in the database, a report "
          "or a log") {
  harness::FleetOptions options;
  // The right password, so that the credential guard lets the cross-checks go: the phones of the
  // mix that answer Error 4 (not associated, ITL, ...) are asked about at the CUCM.
  options.phones = 60;
  options.mix = "default";
  options.user = "u"; // short, so that the whole password fits the answer's preview
  options.password = "pw Secret/1";
  Estate estate(options);
  // A CUCM that answers every request with the request's own body.
  test_support::LoopbackServer echo(
      [](const std::string& request) { return test_support::http_response(200, test_support::request_body(request)); });
  const auto s = ops::run(estate.scan({"--log-format", "json"}, {{"--cucm", echo.url()}}), 2min);
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  REQUIRE(echo.received().find("Password=pw+Secret%2F1") != std::string::npos); // it was asked, and echoed

  const std::string csv = estate.fleet.dir + "/r.csv", html = estate.fleet.dir + "/r.html";
  const auto r = ops::run(phonesweep({"report", "--db", estate.db, "--csv", csv, "--html", html}), 1min);
  REQUIRE(r.status == 0);
  const std::string stored = ops::slurp(estate.db) + ops::slurp(estate.db + "-wal");
  for (const std::string& spelling : {std::string("pw Secret/1"), std::string("pw+Secret%2F1")}) {
    CAPTURE(spelling);
    CHECK(stored.find(spelling) == std::string::npos);
    CHECK(ops::slurp(csv).find(spelling) == std::string::npos);
    CHECK(ops::slurp(html).find(spelling) == std::string::npos);
    CHECK(s.out.find(spelling) == std::string::npos);
    CHECK(s.err.find(spelling) == std::string::npos);
  }
  CHECK(ops::slurp(csv).find("Password=[redacted]") != std::string::npos); // the answer is kept, redacted
}

TEST_CASE("config: a file others may write, or that another user owns, is refused (exit 2)") {
  test_support::TempDir dir;
  {
    auto db = storage::Database::open(dir.file("sweeps.db"));
    REQUIRE(db);
    const auto run = db->begin_run({"{}", "0.1.0", 1});
    db->insert_batch(run, std::vector<storage::PhoneRecord>{test_support::sample_record(1)});
    db->finish_run(run, storage::RunStatus::completed);
  }
  const std::string config = dir.file("config");
  const std::string text = "[runs]\ndb = \"" + dir.file("sweeps.db") + "\"\n";

  write_file(config, text, 0644);
  const auto fine = ops::run(phonesweep({"--config", config, "runs"}), 1min);
  INFO(fine.err);
  CHECK(fine.status == 0);
  CHECK(fine.out.find("run 1") != std::string::npos);

  for (const mode_t mode : {0666, 0646, 0664}) {
    CAPTURE(mode);
    write_file(config, text, mode);
    const auto r = ops::run(phonesweep({"--config", config, "runs"}), 1min);
    CHECK(r.status == 2);
    CHECK(r.err.find(config) != std::string::npos);
    CHECK(r.out.empty());
  }
  write_file(config, text, 0644);
  REQUIRE(chown(config.c_str(), 65534, 65534) == 0);
  const auto theirs = ops::run(phonesweep({"--config", config, "runs"}), 1min);
  CHECK(theirs.status == 2);
  CHECK(theirs.err.find("owned by") != std::string::npos);

  // The default location is checked alike.
  std::filesystem::create_directories(dir.file("xdg/phonesweep"));
  write_file(dir.file("xdg/phonesweep/config"), text, 0666);
  harness::Launch by_default = phonesweep({"runs"});
  by_default.env.erase("PHONESWEEP_CONFIG");
  by_default.env["XDG_CONFIG_HOME"] = dir.file("xdg");
  CHECK(ops::run(by_default, 1min).status == 2);
}

TEST_CASE("proxy: proxy variables in the environment are ignored, phones and the CUCM are asked directly") {
  harness::FleetOptions options;
  options.phones = 10;
  options.mix = "healthy";
  Estate estate(options);
  test_support::LoopbackServer proxy([](const std::string&) { return test_support::http_response(502, "no"); });
  harness::Launch launch = estate.scan({"--quiet"});
  launch.env.merge(test_support::proxy_environment(proxy.url()));
  const auto s = ops::run(launch, 2min);
  INFO(s.out << s.err);
  CHECK(s.status == 0);
  CHECK(proxy.connections() == 0);
}

TEST_CASE("stop: SIGTERM while the AXL preflight waits for an answer exits 3 within the timeout, naming the signal") {
  harness::FleetOptions options;
  options.phones = 5;
  options.mix = "healthy";
  Estate estate(options);
  test_support::LoopbackServer mute([](const std::string&) { return std::nullopt; }); // accepts, never answers
  harness::ChildProcess scan(estate.scan({}, {{"--axl", mute.url()}}));
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (mute.connections() == 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
  REQUIRE(mute.connections() == 1);
  std::this_thread::sleep_for(300ms);
  const auto signalled = std::chrono::steady_clock::now();
  scan.terminate(SIGTERM);
  const int status = scan.wait(30s);
  const auto took = std::chrono::steady_clock::now() - signalled;
  const std::string err = scan.read_all_stderr();
  INFO(err);
  CHECK(status == 3);
  CHECK(took < 5s); // --timeout is 2 s
  CHECK(err.find("SIGTERM") != std::string::npos);
  const auto run = ops::newest_run(estate.db);
  if (run) CHECK(run->status != storage::RunStatus::completed);
}
