// Faults that must not lose data or hang the run: the database stops accepting writes, the
// CUCM is down or never answers, the DNS server is down.
#include "ops_support.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

using namespace std::chrono_literals;
using ops::Estate;

namespace {

// A TCP socket on loopback: listening (connections complete in the kernel's backlog and are
// never answered) or merely bound (connections are refused).
class LoopbackPort {
public:
  explicit LoopbackPort(bool listening) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    if (listening) REQUIRE(listen(fd_, 1024) == 0);
  }
  ~LoopbackPort() { close(fd_); }
  LoopbackPort(const LoopbackPort&) = delete;
  LoopbackPort& operator=(const LoopbackPort&) = delete;
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] int port() const { return port_; }

private:
  int fd_ = -1;
  int port_ = 0;
};

// A UDP socket that receives DNS queries and never answers.
class SilentUdp {
public:
  SilentUdp() {
    fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentUdp() { close(fd_); }
  SilentUdp(const SilentUdp&) = delete;
  SilentUdp& operator=(const SilentUdp&) = delete;
  [[nodiscard]] int port() const { return port_; }

private:
  int fd_ = -1;
  int port_ = 0;
};

// Causes the CUCM's verdict decides; without it they are auth_failed from the phone's own answer.
bool needs_cucm(const std::string& cause) {
  return cause == "not_associated" || cause == "itl_trust" || cause == "auth_url_dns" || cause == "auth_failed" ||
         cause == "bad_credentials";
}

void check_classified_without_cucm(const Estate& estate) {
  const auto truth = ops::read_truth(estate.fleet.truth());
  auto db = storage::Database::open(estate.db, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  std::size_t phones = 0, cucm_errors = 0, wrong = 0;
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    ++phones;
    const auto& e = truth.at(r.target.address());
    const std::string cause(diagnosis::to_string(r.outcome.cause));
    const std::string cucm(diagnosis::to_string(r.evidence.cucm));
    if (e.cucm_auth == "not_checked") {
      if (cause != e.root_cause || cucm != "not_checked")
        if (++wrong <= 10)
          FAIL_CHECK(r.target.address() << " (" << e.scenario << "): " << cause << "/" << cucm << " — "
                                        << r.outcome.detail);
      return;
    }
    // The CUCM was needed: its verdict is `error`, and the phone's own answer (error 4) still
    // classifies it, with the CUCM failure named in the detail.
    ++cucm_errors;
    if (!needs_cucm(e.root_cause) || cucm != "error" || cause != "auth_failed" ||
        r.outcome.detail.find("CUCM") == std::string::npos) {
      if (++wrong <= 10)
        FAIL_CHECK(r.target.address() << " (" << e.scenario << "): " << cause << "/" << cucm << " — "
                                      << r.outcome.detail);
    }
  });
  CHECK(phones == truth.size());
  CHECK(cucm_errors > 0);
  CHECK(wrong == 0);
}

} // namespace

TEST_CASE("disk full: when the database stops growing mid-run the scan exits 3 with a clear error and the committed "
          "results stay readable") {
  Estate estate(ops::slow_estate(300));
  // A real file-size limit (what `ulimit -f` sets): writes beyond it fail with EFBIG, exactly as
  // on a full disk, while the schema and the first batches fit.
  harness::Launch launch = estate.scan({}, ops::slow_scan());
  launch.argv.insert(launch.argv.begin(), {"/usr/bin/prlimit", "--fsize=180000", "--"});
  const auto started = std::chrono::steady_clock::now();
  const auto limited = ops::run(launch, 3min);
  INFO(limited.out << limited.err);
  CHECK(limited.status == 3);
  CHECK(std::chrono::steady_clock::now() - started < 60s);
  CHECK(limited.err.find(estate.db) != std::string::npos);
  CHECK(limited.err.find("--resume") != std::string::npos);

  // What was committed reads back, through the library and through `phonesweep report`.
  const auto run = ops::newest_run(estate.db);
  REQUIRE(run);
  CHECK(run->recorded > 0);
  CHECK(run->recorded < 300);
  CHECK(run->status != storage::RunStatus::completed);
  harness::Launch report;
  report.argv = {harness::built_program("phonesweep"), "report", "--db", estate.db, "--csv",
                 estate.fleet.dir + "/partial.csv"};
  report.capture_stderr = true;
  const auto r = ops::run(report, 1min);
  INFO(r.err);
  CHECK(r.status == 0);

  // With room again, --resume completes the run: nothing lost, nothing twice.
  const auto resumed = ops::run(estate.scan({"--resume"}), 3min);
  INFO(resumed.err);
  CHECK(resumed.status == 1);
  ops::require_matches_truth(estate.fleet, estate.db, run->id);
}

TEST_CASE("cucm down: with the CUCM port closed phones are classified from their own evidence and cucm_auth is error") {
  harness::FleetOptions options;
  options.phones = 200;
  options.latency = "0-20";
  Estate estate(options);
  LoopbackPort closed(false);
  const auto started = std::chrono::steady_clock::now();
  const auto s = ops::run(estate.scan({}, {{"--cucm", closed.url()}}), 3min);
  INFO(s.err);
  CHECK(s.status == 1);
  CHECK(std::chrono::steady_clock::now() - started < 30s);
  check_classified_without_cucm(estate);
}

TEST_CASE("cucm slow: a CUCM that accepts and never answers costs bounded time and cucm_auth is error") {
  harness::FleetOptions options;
  options.phones = 400;
  options.latency = "0-20";
  Estate estate(options);
  LoopbackPort silent(true);
  const auto started = std::chrono::steady_clock::now();
  const auto s = ops::run(estate.scan({}, {{"--cucm", silent.url()}}), 3min);
  const auto took = std::chrono::steady_clock::now() - started;
  INFO(s.err);
  CHECK(s.status == 1);
  // Every CUCM request would wait the full --timeout 2, four at a time: bounded means the run
  // does not take (phones needing the CUCM / 4) × 2 s.
  CHECK(took < 20s);
  check_classified_without_cucm(estate);
}

TEST_CASE("dns down: with no DNS server answering names fail as dns_unresolved with the reason and nothing hangs") {
  harness::FleetOptions options;
  options.phones = 200;
  options.latency = "0-20";
  Estate estate(options);
  const auto truth = ops::read_truth(estate.fleet.truth());
  std::size_t by_name = 0;
  for (const auto& [address, e] : truth)
    if (e.host.find("sim.test") != std::string::npos) ++by_name;
  REQUIRE(by_name > 0);

  SilentUdp silent;
  LoopbackPort nothing(false); // a port number with no UDP listener: queries are refused
  for (const int port : {silent.port(), nothing.port()}) {
    CAPTURE(port);
    const auto started = std::chrono::steady_clock::now();
    const auto s = ops::run(estate.scan({}, {{"--dns-server", "127.0.0.1:" + std::to_string(port)}}), 3min);
    INFO(s.err);
    CHECK(s.status == 1);
    CHECK(std::chrono::steady_clock::now() - started < 30s);
    auto db = storage::Database::open(estate.db, storage::Database::Mode::existing);
    REQUIRE(db);
    const auto run = db->latest_run_id();
    REQUIRE(run);
    std::size_t phones = 0, unresolved = 0, wrong = 0;
    db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
      ++phones;
      const auto& e = truth.at(r.target.address());
      const std::string cause(diagnosis::to_string(r.outcome.cause));
      if (e.host.find("sim.test") != std::string::npos) {
        ++unresolved;
        // The reason is c-ares' own ("Timeout …", "Could not contact DNS servers").
        if (cause != "dns_unresolved" || r.outcome.detail.size() < 8 ||
            r.outcome.detail == "host name does not resolve")
          if (++wrong <= 10) FAIL_CHECK(r.target.address() << ": " << cause << " — " << r.outcome.detail);
        return;
      }
      // Phones given by address are untouched, except that an authentication URL by name no
      // longer resolves either.
      if (cause != e.root_cause && !(e.root_cause == "auth_failed" && cause == "auth_url_dns"))
        if (++wrong <= 10)
          FAIL_CHECK(r.target.address() << " (" << e.scenario << "): " << cause << " — " << r.outcome.detail);
    });
    CHECK(phones == truth.size());
    CHECK(unresolved == by_name);
    CHECK(wrong == 0);
  }
}

TEST_CASE("descriptors: too few open files for --concurrency is the run's problem (exit 3 naming the limit), no phone "
          "is called unreachable") {
  harness::FleetOptions small;
  small.phones = 20;
  Estate estate(small);
  // A hard limit the scan cannot raise, below what --concurrency 300 needs.
  harness::Launch launch = estate.scan();
  launch.argv.insert(launch.argv.begin(), {"/usr/bin/prlimit", "--nofile=256:256", "--"});
  const auto limited = ops::run(launch, 1min);
  INFO(limited.out << limited.err);
  CHECK(limited.status == 3);
  CHECK(limited.err.find("open files") != std::string::npos);
  CHECK(limited.err.find("--concurrency") != std::string::npos);
  const auto run = ops::newest_run(estate.db);
  if (run) CHECK(run->recorded == 0); // refused before any phone was asked

  // Within the limit, the same estate sweeps normally.
  const auto fits = ops::run(estate.scan({}, {{"--concurrency", "64"}}), 2min);
  INFO(fits.err);
  CHECK(fits.status == 1);
}
