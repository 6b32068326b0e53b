// The run's life under an operator and a crash: one scan per database, SIGINT/SIGTERM,
// kill -9 and --resume, --only-failed. Real fleetsim, dnsmasq and phonesweep binary.
#include "ops_support.hpp"

#include <storage/run_lock.hpp>

#include <curl/curl.h>
#include <unistd.h>

#include <csignal>

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <set>

using namespace std::chrono_literals;
using ops::Estate;

namespace {

std::string hostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

// Waits until a scan holds the lock of `db` (its holder line is written).
bool wait_for_lock(const std::string& db, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (ops::slurp(storage::RunLock::lock_path(db)).find("pid=") != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

long screenshot_requests(const harness::Fleet& fleet) {
  CURL* c = curl_easy_init();
  std::string body;
  const std::string url = fleet.cucm_url + "/stats";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
        static_cast<std::string*>(u)->append(d, s * n);
        return s * n;
      });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_perform(c);
  curl_easy_cleanup(c);
  const auto at = body.find("\"screenshot_requests\"");
  if (at == std::string::npos) return -1;
  return std::stol(body.substr(body.find(':', at) + 1));
}

} // namespace

TEST_CASE("lock: a second scan of a database in use exits 3 naming the running scan's pid and host and start time") {
  Estate estate(ops::slow_estate());
  harness::ChildProcess first(estate.scan({}, ops::slow_scan()));
  REQUIRE(wait_for_lock(estate.db, 30s));
  REQUIRE(ops::wait_for_results(estate.db, 1, 30s));

  const auto second = ops::run(estate.scan(), 1min);
  INFO(second.err);
  CHECK(second.status == 3);
  CHECK(second.err.find("pid " + std::to_string(first.pid())) != std::string::npos);
  CHECK(second.err.find(hostname()) != std::string::npos);
  CHECK(second.err.find("started 20") != std::string::npos);

  SECTION("prune is refused as well while the scan runs") {
    harness::Launch prune;
    prune.argv = {harness::built_program("phonesweep"), "prune", "--db", estate.db, "--keep", "1"};
    prune.capture_stderr = true;
    const auto p = ops::run(prune, 1min);
    CHECK(p.status == 3);
    CHECK(p.err.find("pid " + std::to_string(first.pid())) != std::string::npos);
  }
  first.terminate(SIGINT);
  CHECK(first.wait(30s) == 3);
}

TEST_CASE("signals: SIGTERM stops admitting phones and commits what is known and marks the run interrupted and exits 3 "
          "within the timeout") {
  Estate estate(ops::slow_estate(400));
  harness::ChildProcess scan(estate.scan({}, ops::slow_scan()));
  REQUIRE(ops::wait_for_results(estate.db, 20, 60s));
  const auto signalled = std::chrono::steady_clock::now();
  scan.terminate(SIGTERM);
  const int status = scan.wait(30s);
  const auto took = std::chrono::steady_clock::now() - signalled;
  const std::string err = scan.read_all_stderr();
  INFO(err);
  CHECK(status == 3);
  // --timeout 2: in-flight requests get at most that; the rest is the final commit and the
  // margin a loaded test machine needs.
  CHECK(took < 6s);
  CHECK(err.find("SIGTERM") != std::string::npos);
  CHECK(err.find("--resume") != std::string::npos);

  const auto run = ops::newest_run(estate.db);
  REQUIRE(run);
  CHECK(run->status == storage::RunStatus::interrupted);
  CHECK(!run->finished_at.empty());
  CHECK(run->recorded >= 20);
  CHECK(run->recorded < 400);

  SECTION("--resume then finishes the same run: every phone once, causes as the truth") {
    const auto resumed = ops::run(estate.scan({"--resume"}), 3min);
    INFO(resumed.out << resumed.err);
    CHECK(resumed.status == 1);
    const auto after = ops::newest_run(estate.db);
    REQUIRE(after);
    CHECK(after->id == run->id);
    CHECK(after->status == storage::RunStatus::completed);
    ops::require_matches_truth(estate.fleet, estate.db, run->id);
  }
}

TEST_CASE("resume: after kill -9 at a random moment the resumed run gives every phone exactly one result matching the "
          "truth") {
  std::random_device device;
  const unsigned seed = device();
  std::mt19937 random(seed);
  INFO("seed " << seed);
  const int phones = 300;
  Estate estate(ops::slow_estate(phones));
  const auto truth = ops::read_truth(estate.fleet.truth());

  harness::ChildProcess scan(estate.scan({}, ops::slow_scan()));
  const int kill_after = std::uniform_int_distribution<int>(1, phones * 3 / 4)(random);
  INFO("killed after " << kill_after << " committed phones");
  REQUIRE(ops::wait_for_results(estate.db, kill_after, 90s));
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 300)(random)));
  scan.terminate(SIGKILL);
  CHECK(scan.wait(10s) == 128 + SIGKILL);

  const auto crashed = ops::newest_run(estate.db);
  REQUIRE(crashed);
  CHECK(crashed->status == storage::RunStatus::running); // nobody could mark it
  CHECK(crashed->recorded >= kill_after);

  // The dead scan's lock went with it: no stale lock to clear by hand.
  const auto resumed = ops::run(estate.scan({"--resume"}), 3min);
  INFO(resumed.out << resumed.err);
  CHECK(resumed.status == 1);
  const auto after = ops::newest_run(estate.db);
  REQUIRE(after);
  CHECK(after->id == crashed->id);
  CHECK(after->status == storage::RunStatus::completed);
  CHECK(after->recorded == static_cast<std::int64_t>(truth.size()));
  ops::require_matches_truth(estate.fleet, estate.db, crashed->id);

  // Phones recorded before the crash were not asked again. fleetsim counts screenshot requests:
  // each phone is asked once, except those in flight when the first scan died (at most
  // --concurrency 12 of them).
  CHECK(resumed.err.find(fmt::format("{} phones already recorded", crashed->recorded)) != std::string::npos);
  const long asked = screenshot_requests(estate.fleet);
  CHECK(asked > 0);
  CHECK(asked <= static_cast<long>(truth.size()) + 12);

  // A completed run is not resumed again.
  const auto again = ops::run(estate.scan({"--resume"}), 1min);
  CHECK(again.status == 2);
  CHECK(again.err.find("nothing to resume") != std::string::npos);
}

TEST_CASE("resume: a run started for another inventory is refused and not mixed") {
  Estate estate(ops::slow_estate(40));
  harness::ChildProcess scan(estate.scan({}, ops::slow_scan()));
  REQUIRE(ops::wait_for_results(estate.db, 1, 60s));
  scan.terminate(SIGKILL);
  scan.wait(10s);
  const auto other = ops::run(estate.scan({"--resume"}, {{"--targets", "127.0.0.1"}}), 1min);
  CHECK(other.status == 2);
  CHECK(other.err.find("other phones") != std::string::npos);
}

TEST_CASE("only-failed: re-checks exactly the phones that failed in the newest completed run") {
  harness::FleetOptions options;
  options.phones = 120;
  options.latency = "0-20";
  Estate estate(options);
  const auto first = ops::run(estate.scan(), 3min);
  INFO(first.err);
  REQUIRE(first.status == 1);
  const auto full = ops::newest_run(estate.db);
  REQUIRE(full);
  const auto truth = ops::read_truth(estate.fleet.truth());
  std::set<std::string> failing;
  for (const auto& [address, e] : truth)
    if (e.root_cause != "ok") failing.insert(address);
  REQUIRE(!failing.empty());
  REQUIRE(failing.size() < truth.size());

  for (const bool with_inventory : {true, false}) {
    CAPTURE(with_inventory);
    // Without an inventory the phones come from the database (their stored inventory rows).
    harness::Launch launch =
        with_inventory ? estate.scan({"--only-failed"}) : estate.scan({"--only-failed"}, {{"--inventory", "<none>"}});
    const auto again = ops::run(launch, 3min);
    INFO(again.out << again.err);
    CHECK(again.status == 1);
    const auto rerun = ops::newest_run(estate.db);
    REQUIRE(rerun);
    CHECK(rerun->status == storage::RunStatus::completed);
    auto db = storage::Database::open(estate.db, storage::Database::Mode::existing);
    REQUIRE(db);
    std::set<std::string> rechecked;
    std::size_t wrong = 0;
    db->for_each_record(rerun->id, [&](const storage::PhoneRecord& r) {
      rechecked.insert(r.target.address());
      // Fleet-level facts differ in a run of failing phones only (no healthy phone proves the
      // credentials), so only the cause codes that do not depend on them are compared.
      const auto& e = truth.at(r.target.address());
      if (e.root_cause != "not_associated" && e.root_cause != diagnosis::to_string(r.outcome.cause)) ++wrong;
    });
    CHECK(rechecked == failing);
    CHECK(wrong == 0);
  }
}
