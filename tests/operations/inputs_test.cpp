// What a nightly job is handed, refused or reported before it costs anything: broken inventory
// files, nothing to scan, numbers that are not numbers, limits that would exhaust the machine,
// password files that are not private files, and inventory text that tries to forge log lines.
#include "ops_support.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace std::chrono_literals;
using ops::Estate;
using ops::phonesweep;
using ops::write_file;

namespace {

harness::FleetOptions small_healthy_estate(int phones = 20) {
  harness::FleetOptions options;
  options.phones = phones;
  options.mix = "healthy";
  return options;
}

// A scan with no estate behind it: nothing listens on 127.0.0.1:9 (the discard port), so a
// phone there fails at once. `inventory` is written into `dir` as phones.csv unless empty.
harness::Launch bare_scan(const std::string& dir, const std::string& inventory, std::vector<std::string> extra = {}) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"),
                 "scan",
                 "--db",
                 dir + "/scan.db",
                 "--user",
                 "u",
                 "--timeout",
                 "1",
                 "--connect-timeout",
                 "1"};
  if (!inventory.empty()) {
    write_file(dir + "/phones.csv", inventory);
    launch.argv.insert(launch.argv.end(), {"--inventory", dir + "/phones.csv"});
  }
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = "secret";
  launch.env["PHONESWEEP_CONFIG"] = "";
  launch.capture_stderr = true;
  return launch;
}

std::size_t runs_in(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return 0;
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  return db->runs().size();
}

std::size_t completed_runs_in(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return 0;
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  std::size_t completed = 0;
  for (const auto& run : db->runs()) completed += run.status == storage::RunStatus::completed;
  return completed;
}

} // namespace

TEST_CASE(
    "inventory: a stray quote is a bad row named by its line, the phones after it are scanned, --strict refuses") {
  Estate estate(small_healthy_estate());
  std::vector<std::string> lines;
  {
    std::istringstream in(ops::slurp(estate.fleet.inventory()));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  REQUIRE(lines.size() == 21);
  lines[3] = lines[3].substr(0, lines[3].rfind(',') + 1) + "\"Lobby, stray quote"; // the third phone, line 4
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  const std::string stray = estate.fleet.dir + "/stray.csv";
  write_file(stray, text);

  const auto strict = ops::run(estate.scan({"--strict"}, {{"--inventory", stray}}), 2min);
  INFO(strict.err);
  CHECK(strict.status == 2);
  CHECK(strict.err.find(stray + ":4") != std::string::npos);
  CHECK(runs_in(estate.db) == 0);

  const auto lenient = ops::run(estate.scan({"--quiet"}, {{"--inventory", stray}}), 2min);
  INFO(lenient.err);
  CHECK(lenient.status == 0);
  CHECK(lenient.err.find(stray + ":4") != std::string::npos);
  CHECK(lenient.err.find("quote") != std::string::npos);
  CHECK(ops::newest_run(estate.db)->recorded == 19);
}

TEST_CASE("inventory: --strict names the first 20 bad rows and counts the rest, not a line per row") {
  Estate estate(small_healthy_estate());
  std::string text = ops::slurp(estate.fleet.inventory());
  for (int i = 0; i < 100; ++i) text += "not an address " + std::to_string(i) + ",SEP000000000000\n";
  const std::string bad = estate.fleet.dir + "/many-bad.csv";
  write_file(bad, text);
  const auto strict = ops::run(estate.scan({"--strict"}, {{"--inventory", bad}}), 2min);
  INFO(strict.err);
  CHECK(strict.status == 2);
  std::size_t named = 0;
  for (std::size_t at = strict.err.find(bad + ":"); at != std::string::npos; at = strict.err.find(bad + ":", at + 1))
    ++named;
  CHECK(named == 20);
  CHECK(strict.err.find("… and 80 more bad inventory rows") != std::string::npos);
  CHECK(strict.err.find("--strict: 100 bad inventory rows") != std::string::npos);
  CHECK(runs_in(estate.db) == 0);
}

TEST_CASE("zero phones: a header-only file, a file of bad rows or a JSON array of non-objects exits 2 saying so, and "
          "records no run") {
  const std::string dir = harness::make_temp_dir("zero-phones");
  for (const std::string& inventory :
       {std::string("address,name\n"), std::string("address\nnot an address\n999.1.1.1\n")}) {
    CAPTURE(inventory);
    const auto r = ops::run(bare_scan(dir, inventory), 1min);
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("no phones") != std::string::npos);
    CHECK(completed_runs_in(dir + "/scan.db") == 0);
  }
  write_file(dir + "/phones.json", "[1, 2, \"three\"]\n");
  const auto json = ops::run(bare_scan(dir, "", {"--inventory", dir + "/phones.json"}), 1min);
  INFO(json.out << json.err);
  CHECK(json.status == 2);
  CHECK(json.err.find("no phones") != std::string::npos);
  CHECK(completed_runs_in(dir + "/scan.db") == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("only-failed: when no phone failed there is nothing to re-check: exit 0 saying so, and no run recorded") {
  Estate estate(small_healthy_estate(10));
  REQUIRE(ops::run(estate.scan({"--quiet"})).status == 0);
  const auto again = ops::run(estate.scan({"--only-failed"}), 2min);
  INFO(again.out << again.err);
  CHECK(again.status == 0);
  CHECK((again.out + again.err).find("no phone failed") != std::string::npos);
  CHECK(runs_in(estate.db) == 1);
}

TEST_CASE("numbers: NaN, infinity, and timeouts under 1 ms are refused (exit 2) before anything is written") {
  const std::string dir = harness::make_temp_dir("numbers");
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"--timeout", "nan"},         {"--timeout", "inf"},         {"--timeout", "0.0005"},       {"--timeout", "1e300"},
      {"--connect-timeout", "nan"}, {"--connect-timeout", "inf"}, {"--connect-timeout", "1e-9"}, {"--auth-rate", "nan"},
      {"--auth-rate", "inf"},       {"--auth-rate", "1e-300"}};
  for (const auto& [option, value] : bad) {
    CAPTURE(option, value);
    const auto r = ops::run(bare_scan(dir, "address\n127.0.0.1:9\n", {option, value}), 1min);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(option) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/scan.db"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "concurrency: a --concurrency the descriptors cannot serve is refused before anything is allocated or recorded") {
  const std::string dir = harness::make_temp_dir("concurrency");
  harness::Launch launch = bare_scan(dir, "address\n127.0.0.1:9\n", {"--concurrency", "1000000"});
  launch.argv.insert(launch.argv.begin(), {"/usr/bin/prlimit", "--nofile=4096:4096", "--"});
  const auto r = ops::run(launch, 1min);
  INFO(r.err);
  CHECK(r.status == 3);
  CHECK(r.err.find("open files") != std::string::npos);
  CHECK(r.err.find("--concurrency") != std::string::npos);
  CHECK(runs_in(dir + "/scan.db") == 0);
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  CHECK(usage.ru_maxrss < 300 * 1024); // KiB: the slots for a million phones were never allocated
  std::filesystem::remove_all(dir);
}

TEST_CASE("targets: more than 1,048,576 addresses in total are refused naming --max-targets, which raises the cap") {
  const std::string dir = harness::make_temp_dir("max-targets");
  // Four blocks of a million loopback addresses each: every block is allowed, together they are not.
  const std::string four_million = "127.0.0.0/12,127.16.0.0/12,127.32.0.0/12,127.48.0.0/12";
  const auto refused = ops::run(bare_scan(dir, "", {"--targets", four_million, "--quiet"}), 20s);
  INFO(refused.err);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("--max-targets") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/scan.db"));

  const auto over = ops::run(bare_scan(dir, "", {"--targets", "127.0.0.1-3", "--max-targets", "2"}), 1min);
  CHECK(over.status == 2);
  CHECK(over.err.find("--max-targets") != std::string::npos);
  const auto within =
      ops::run(bare_scan(dir, "", {"--targets", "127.0.0.1:9,127.0.0.2:9", "--max-targets", "2"}), 1min);
  INFO(within.err);
  CHECK(within.status == 1); // both scanned, neither answers
  std::filesystem::remove_all(dir);
}

TEST_CASE("password file: a FIFO, another user's file, more than 1 KiB or a NUL byte is refused (exit 2) at once") {
  const std::string dir = harness::make_temp_dir("password-file");
  const std::string fifo = dir + "/fifo", theirs = dir + "/theirs", long_one = dir + "/long", nul = dir + "/nul";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  write_file(theirs, "secret\n");
  REQUIRE(chown(theirs.c_str(), 65534, 65534) == 0);
  write_file(long_one, std::string(2048, 'x') + "\n");
  write_file(nul, std::string("secret\0tail\n", 12));
  for (const std::string& file : {fifo, theirs, long_one, nul}) {
    CAPTURE(file);
    harness::Launch launch = bare_scan(dir, "address\n127.0.0.1:9\n", {"--password-file", file});
    launch.env.erase("PHONESWEEP_PASSWORD");
    const auto r = ops::run(launch, 15s);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(file) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/scan.db"));
  }
  const std::string mine = dir + "/mine";
  write_file(mine, "secret\n");
  harness::Launch launch = bare_scan(dir, "address\n127.0.0.1:9\n", {"--password-file", mine});
  CHECK(ops::run(launch, 1min).status == 1); // read, used; the phone does not answer
  std::filesystem::remove_all(dir);
}

TEST_CASE("inventory: a directory is a usage error (exit 2) naming it") {
  const std::string dir = harness::make_temp_dir("inventory-dir");
  const auto r = ops::run(bare_scan(dir, "", {"--inventory", dir}), 1min);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("directory") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("text logs: control characters from the inventory are escaped, so no row can forge a log line") {
  const std::string dir = harness::make_temp_dir("log-escape");
  const auto r = ops::run(
      bare_scan(dir, "address,scheme\n127.0.0.1:9,\n127.0.0.2:9,\"http\nphonesweep: error: forged \x1b[2J\"\n"), 1min);
  INFO(r.err);
  CHECK(r.status == 1);
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) CHECK(line.rfind("phonesweep: error: forged", 0) != 0);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("\\nphonesweep: error: forged \\x1b[2j") != std::string::npos);
  std::filesystem::remove_all(dir);
}
