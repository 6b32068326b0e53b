// report_bench: how long `phonesweep report --html --csv` takes on a large run, against what
// merely reading the run's rows out of SQLite costs on the same machine, and whether a browser
// opens the page it writes.
//
//   report_bench [--phones N] [--repeat R] [--dir DIR] [--keep] [--no-browser]
//
// Builds DIR/bench.db with two runs of N phones (the second a night later, a few percent of
// phones changed) through storage::ResultWriter, then times the real phonesweep binary on the
// second run. Prints one line per figure; exit 1 when generation misses the target (3 s) or the
// browser could not load the page.
#include <bench/report/synthetic_run.hpp>
#include <sim/harness/child_process.hpp>
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <storage/result_writer.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  int phones = 100'000;
  int repeat = 3;
  std::string dir;
  bool keep = false;
  bool browser = true;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "report_bench: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--phones") a.phones = std::stoi(value());
    else if (arg == "--repeat") a.repeat = std::max(1, std::stoi(value()));
    else if (arg == "--dir") a.dir = value();
    else if (arg == "--keep") a.keep = true;
    else if (arg == "--no-browser") a.browser = false;
    else {
      std::cerr << "usage: report_bench [--phones N] [--repeat R] [--dir DIR] [--keep] [--no-browser]\n";
      std::exit(2);
    }
  }
  return a;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::int64_t record_run(const std::string& path, storage::Database& db, const bench::SyntheticOptions& o) {
  auto records = bench::synthetic_run(o);
  const auto run =
      db.begin_run({R"({"user":"remote-app","concurrency":256,"auth_concurrency":8,"auth_rate":20,"timeout":5})",
                    "bench", static_cast<std::int64_t>(records.size())});
  auto writer = storage::ResultWriter::open(path, run, {5000, 200ms});
  if (!writer) throw std::runtime_error(writer.error());
  for (auto& r : records) writer->push(std::move(r));
  auto report = writer->close();
  if (!report) throw std::runtime_error(report.error());
  db.finish_run(run, storage::RunStatus::completed);
  return run;
}

// Wall time of a shell command, in seconds; throws when it fails.
double timed_shell(const std::string& command, std::chrono::milliseconds timeout) {
  harness::Launch launch;
  launch.argv = {"/bin/sh", "-c", command};
  launch.capture_stdout = false;
  const auto start = Clock::now();
  const auto result = harness::run(launch, timeout);
  const double elapsed = seconds_since(start);
  if (result.status != 0) throw std::runtime_error(command + " exited " + std::to_string(result.status));
  return elapsed;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

struct BrowserLoad {
  bool loaded = false;
  double seconds = 0;
  std::string note;
};

// Loads `html` in headless Chromium and waits for the DOM after the page's script ran.
BrowserLoad browser_load(const std::string& chromium, const std::string& html, const std::string& profile,
                         const std::string& expect) {
  harness::Launch launch;
  launch.argv = {
      chromium,         "--headless",           "--no-sandbox",    "--disable-gpu", "--user-data-dir=" + profile,
      "--no-first-run", "--disable-extensions", "--timeout=60000", "--dump-dom",    "file://" + html};
  BrowserLoad load;
  const auto start = Clock::now();
  const auto result = harness::run(launch, 90s);
  load.seconds = seconds_since(start);
  load.loaded = result.status == 0 && result.out.find(expect) != std::string::npos;
  if (!load.loaded)
    load.note = "exit " + std::to_string(result.status) + ", " + std::to_string(result.out.size()) + " bytes of DOM";
  return load;
}

} // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  const std::string dir = args.dir.empty() ? harness::make_temp_dir("report-bench") : args.dir;
  std::filesystem::create_directories(dir);
  const std::string db_path = dir + "/bench.db";
  std::filesystem::remove(db_path);
  std::filesystem::remove(db_path + "-wal");
  std::filesystem::remove(db_path + "-shm");
  int status = 0;
  try {
    auto start = Clock::now();
    auto db = storage::Database::open(db_path);
    if (!db) throw std::runtime_error(db.error());
    record_run(db_path, *db, {args.phones, 1, 0.0});
    const auto run = record_run(db_path, *db, {args.phones, 2, 0.03});
    std::printf("database      %s: 2 runs of %d phones written in %.2f s\n", db_path.c_str(), args.phones,
                seconds_since(start));

    const std::string phonesweep = harness::built_program("phonesweep");
    const std::string html = dir + "/report.html", csv = dir + "/report.csv";
    const std::string report_cmd =
        quoted(phonesweep) + " report --db " + quoted(db_path) + " --html " + quoted(html) + " --csv " + quoted(csv);
    const std::string baseline_cmd = "sqlite3 " + quoted(db_path) +
                                     " 'select * from results where run_id = " + std::to_string(run) + "' > /dev/null";
    std::vector<double> report_times, baseline_times;
    for (int i = 0; i < args.repeat; ++i) {
      report_times.push_back(timed_shell(report_cmd, 2min));
      baseline_times.push_back(timed_shell(baseline_cmd, 2min));
    }
    const double report_median = median(report_times), baseline_median = median(baseline_times);
    std::printf("report        phonesweep report --html --csv: median %.3f s of %d (", report_median, args.repeat);
    for (std::size_t i = 0; i < report_times.size(); ++i) std::printf("%s%.3f", i ? ", " : "", report_times[i]);
    std::printf(")\n");
    std::printf("baseline      sqlite3 'select * from results' > /dev/null: median %.3f s\n", baseline_median);
    std::printf("ratio         report / baseline: %.1f\n", report_median / baseline_median);
    std::printf("sizes         HTML %.1f MB, CSV %.1f MB\n",
                static_cast<double>(std::filesystem::file_size(html)) / 1e6,
                static_cast<double>(std::filesystem::file_size(csv)) / 1e6);
    if (report_median >= 3.0) {
      std::printf("TARGET MISSED report generation %.3f s >= 3 s\n", report_median);
      status = 1;
    }

    const char* chromium = "/usr/bin/chromium";
    if (!args.browser) {
      std::printf("browser       skipped (--no-browser)\n");
    } else if (!std::filesystem::exists(chromium)) {
      std::printf("browser       WARN: %s not installed; load not measured\n", chromium);
    } else {
      const std::string empty = dir + "/empty.html";
      std::ofstream(empty) << "<!DOCTYPE html><title>empty</title><p id=\"x\">empty</p>\n";
      const auto idle = browser_load(chromium, empty, dir + "/profile-empty", "id=\"x\"");
      // The phone table marks itself once its data is parsed and the first page is drawn.
      const auto page = browser_load(chromium, html, dir + "/profile-report", "data-rendered=\"yes\"");
      std::printf("browser       headless Chromium --dump-dom: report %.2f s, empty page %.2f s (load ≈ %.2f s) %s\n",
                  page.seconds, idle.seconds, page.seconds - idle.seconds,
                  page.loaded ? "rendered" : ("NOT RENDERED: " + page.note).c_str());
      if (!page.loaded) status = 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "report_bench: %s\n", e.what());
    status = 2;
  }
  if (!args.keep && args.dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  } else {
    std::printf("kept          %s\n", dir.c_str());
  }
  return status;
}
