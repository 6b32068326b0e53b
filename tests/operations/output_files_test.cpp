// The files phonesweep writes, as a root cron job writes them into directories others may write
// to: reports and the database never follow a planted link, never replace a device or a FIFO,
// are private (0600) unless the file they replace says otherwise, and a read-only database can
// still be read.
#include "ops_support.hpp"

#include <storage/run_lock.hpp>
#include <tests/storage/test_support.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using ops::Estate;
using ops::phonesweep;
using ops::write_file;

namespace {

// A database holding one completed run of three phones, written through the storage API.
std::string database_with_a_run(const std::string& path) {
  auto db = storage::Database::open(path);
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"u"})", "0.1.0", 3});
  std::vector<storage::PhoneRecord> records;
  for (int i = 1; i <= 3; ++i) records.push_back(test_support::sample_record(i));
  db->insert_batch(run, records);
  db->finish_run(run, storage::RunStatus::completed);
  return path;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return 0;
  return st.st_mode;
}

std::string octal(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

std::set<std::string> names_in(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

// Everything written into the FIFO at `path` until the writer closes it (or 30 s pass).
std::string read_fifo(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "<cannot open>";
  std::string text;
  bool writer_seen = false;
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < until) {
    char buffer[65536];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
      writer_seen = true;
    } else if (n == 0 && writer_seen) {
      break; // the writer closed it
    } else {
      std::this_thread::sleep_for(10ms);
    }
  }
  close(fd);
  return text;
}

} // namespace

TEST_CASE("report: a link planted at a temporary file name is never followed, the file it points to is untouched") {
  test_support::TempDir dir;
  const auto db = database_with_a_run(dir.file("sweeps.db"));
  const std::string victim = dir.file("victim");
  write_file(victim, "root only\n", 0600);
  // The names the report used to write through: FILE.tmp for every report file.
  for (const char* name : {"r.csv", "r.html", "sites.csv"})
    REQUIRE(symlink(victim.c_str(), dir.file(std::string(name) + ".tmp").c_str()) == 0);
  const auto r = ops::run(phonesweep({"report", "--db", db, "--csv", dir.file("r.csv"), "--html", dir.file("r.html"),
                                      "--site-csv", dir.file("sites.csv")}),
                          1min);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(ops::slurp(victim) == "root only\n");
  CHECK(S_ISREG(mode_of(dir.file("r.csv"))));
  CHECK(ops::slurp(dir.file("r.csv")).rfind("device_name,", 0) == 0);
  CHECK(ops::slurp(dir.file("r.html")).find("<html") != std::string::npos);
  // No temporary file is left behind (a read-only reader leaves the database's -wal and -shm).
  auto names = names_in(dir.file(""));
  names.erase("sweeps.db-wal");
  names.erase("sweeps.db-shm");
  CHECK(names == std::set<std::string>{"sweeps.db", "victim", "r.csv", "r.html", "sites.csv", "r.csv.tmp", "r.html.tmp",
                                       "sites.csv.tmp"});
}

TEST_CASE("report: - is standard output, a device or a FIFO is written in place and stays what it was") {
  test_support::TempDir dir;
  const auto db = database_with_a_run(dir.file("sweeps.db"));

  const auto to_stdout = ops::run(phonesweep({"report", "--db", db, "--csv", "-"}), 1min);
  INFO(to_stdout.err);
  CHECK(to_stdout.status == 0);
  CHECK(to_stdout.out.rfind("device_name,", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(dir.file("-")));

  // What /dev/stdout resolves to, spelled so that no system file is at risk.
  const auto through_proc = ops::run(phonesweep({"report", "--db", db, "--site-csv", "/proc/self/fd/1"}), 1min);
  INFO(through_proc.err);
  CHECK(through_proc.status == 0);
  CHECK(through_proc.out.rfind("site,phones,ok", 0) == 0);

  // A null device of our own (as /dev/null is), not the system's.
  const std::string null_device = dir.file("null");
  REQUIRE(mknod(null_device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  const auto to_null = ops::run(phonesweep({"report", "--db", db, "--csv", null_device}), 1min);
  INFO(to_null.err);
  CHECK(to_null.status == 0);
  CHECK(S_ISCHR(mode_of(null_device)));

  const std::string fifo = dir.file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_fifo(fifo); });
  const auto to_fifo = ops::run(phonesweep({"report", "--db", db, "--html", fifo}), 1min);
  reader.join();
  INFO(to_fifo.err);
  CHECK(to_fifo.status == 0);
  CHECK(received.find("</html>") != std::string::npos);
  CHECK(S_ISFIFO(mode_of(fifo)));
}

TEST_CASE("report: one file for two outputs is refused before anything is written (exit 2)") {
  test_support::TempDir dir;
  const auto db = database_with_a_run(dir.file("sweeps.db"));
  const std::string out = dir.file("r.out");
  std::filesystem::create_directory(dir.file("sub"));
  for (const auto& args : std::vector<std::vector<std::string>>{{"--csv", out, "--html", out},
                                                                {"--csv", out, "--site-csv", dir.file("sub/../r.out")},
                                                                {"--csv", "-", "--html", "-"}}) {
    CAPTURE(args);
    std::vector<std::string> argv = {"report", "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = ops::run(phonesweep(argv), 1min);
    CHECK(r.status == 2);
    CHECK(r.err.find("same") != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

TEST_CASE("report and runs read a database in a read-only directory as a user who may not write it") {
  test_support::TempDir dir;
  REQUIRE(chmod(dir.file("").c_str(), 0755) == 0);
  const std::string ro = dir.file("ro"), out = dir.file("out");
  std::filesystem::create_directory(ro);
  std::filesystem::create_directory(out);
  const auto db = database_with_a_run(ro + "/sweeps.db");
  REQUIRE(chmod(db.c_str(), 0444) == 0);
  REQUIRE(chmod(ro.c_str(), 0555) == 0);
  REQUIRE(chmod(out.c_str(), 0777) == 0);
  const std::vector<std::string> nobody = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};

  harness::Launch runs = phonesweep({"runs", "--db", db});
  runs.argv.insert(runs.argv.begin(), nobody.begin(), nobody.end());
  const auto listed = ops::run(runs, 1min);
  INFO(listed.err);
  CHECK(listed.status == 0);
  CHECK(listed.out.find("run 1") != std::string::npos);

  harness::Launch report = phonesweep({"report", "--db", db, "--csv", out + "/r.csv"});
  report.argv.insert(report.argv.begin(), nobody.begin(), nobody.end());
  const auto reported = ops::run(report, 1min);
  INFO(reported.err);
  CHECK(reported.status == 0);
  CHECK(ops::slurp(out + "/r.csv").rfind("device_name,", 0) == 0);
  CHECK(names_in(ro) == std::set<std::string>{"sweeps.db"});
  REQUIRE(chmod(ro.c_str(), 0755) == 0); // so that the directory can be removed
}

TEST_CASE("database path: a dangling symbolic link is refused and its target never created") {
  test_support::TempDir dir;
  const std::string inventory = dir.file("phones.csv");
  write_file(inventory, "address\n127.0.0.1:9\n", 0600);
  const std::string target = dir.file("elsewhere.db"), link = dir.file("link.db");
  REQUIRE(symlink(target.c_str(), link.c_str()) == 0);
  harness::Launch scan = phonesweep(
      {"scan", "--inventory", inventory, "--db", link, "--user", "u", "--timeout", "1", "--connect-timeout", "1"});
  scan.env["PHONESWEEP_PASSWORD"] = "secret";
  const auto r = ops::run(scan, 1min);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find(link) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK_FALSE(std::filesystem::exists(target + ".lock"));
}

TEST_CASE("database path: two spellings of one database through a symbolic link share one lock") {
  Estate estate(ops::slow_estate());
  const std::string link = estate.fleet.dir + "/link.db";
  REQUIRE(symlink(estate.db.c_str(), link.c_str()) == 0);
  harness::ChildProcess first(estate.scan({}, ops::slow_scan()));
  REQUIRE(ops::wait_for_results(estate.db, 1, 60s));
  const auto second = ops::run(estate.scan({}, {{"--db", link}}), 1min);
  INFO(second.err);
  CHECK(second.status == 3);
  CHECK(second.err.find("another phonesweep") != std::string::npos);
  const auto pruned = ops::run(phonesweep({"prune", "--db", link, "--keep", "1"}), 1min);
  CHECK(pruned.status == 3);
  first.terminate(SIGINT);
  CHECK(first.wait(60s) == 3);
}

TEST_CASE("modes: the database, its WAL and shared memory, the lock and the reports are created 0600, a report keeps "
          "its mode") {
  const mode_t old_umask = umask(022);
  Estate estate(ops::slow_estate(100));
  harness::ChildProcess scan(estate.scan({}, ops::slow_scan()));
  REQUIRE(ops::wait_for_results(estate.db, 1, 60s));
  for (const std::string& path :
       {estate.db, estate.db + "-wal", estate.db + "-shm", storage::RunLock::lock_path(estate.db)}) {
    CAPTURE(path);
    REQUIRE(S_ISREG(mode_of(path)));
    CHECK(octal(mode_of(path)) == "0600");
  }
  scan.terminate(SIGINT);
  CHECK(scan.wait(60s) == 3);

  const std::string fresh = estate.fleet.dir + "/fresh.csv", kept = estate.fleet.dir + "/kept.html";
  write_file(kept, "old report", 0640);
  const auto r = ops::run(phonesweep({"report", "--db", estate.db, "--csv", fresh, "--html", kept}), 1min);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(octal(mode_of(fresh)) == "0600");
  CHECK(octal(mode_of(kept)) == "0640");
  CHECK(ops::slurp(kept).find("<html") != std::string::npos);
  umask(old_umask);
}
