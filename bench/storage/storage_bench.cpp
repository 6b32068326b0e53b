// storage_bench --phones N --dir DIR [--paced-rate R]: writes N synthetic phone records into
// fresh databases three ways and prints key=value lines for bench/run:
//   direct_*  Database::insert_batch in batches of 500 on this thread (SQLite's own rate);
//   flat_*    ResultWriter::push() from this thread as fast as it can, the writer thread
//             committing behind it: *_push_* are the times each push() held the caller;
//   paced_*   the same at R pushes/s (default 20,000, several times a sweep's phone rate),
//             i.e. what the event loop sees in a scan.
#include <storage/database.hpp>
#include <storage/result_writer.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

storage::PhoneRecord record(std::size_t i) {
  storage::PhoneRecord r;
  r.target.host = fmt::format("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255);
  r.target.device_name = fmt::format("SEP{:012X}", 0xF87B20000000ULL + i);
  r.target.model = "CP-8841";
  r.target.site = fmt::format("SITE-{}", i % 40);
  r.target.description = fmt::format("Desk {} ext {}", i % 97, 20000 + i);
  r.evidence.any_answer = true;
  r.evidence.device_info_read = true;
  r.evidence.device = {"CP-8841", "sip88xx.14-2-1-0101-40", fmt::format("FCH{:08d}", i), r.target.device_name,
                       fmt::format("F87B2{:07X}", i)};
  r.evidence.screenshot = diagnosis::ScreenshotAnswer::image;
  r.evidence.screenshot_http_status = 200;
  r.evidence.image_format = "png";
  r.evidence.itl = diagnosis::ItlState::ok;
  r.evidence.itl_detail = "Trust List Update Successful";
  r.evidence.auth_url = "http://cucm.example.net:8080/ccmcip/authenticate.jsp";
  r.outcome = {diagnosis::RootCause::ok, "screenshot returned a PNG image"};
  r.checked_at = storage::utc_now();
  r.elapsed_ms = 12.5;
  return r;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

int fail(const std::string& why) {
  std::fprintf(stderr, "storage_bench: %s\n", why.c_str());
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  std::size_t phones = 100000;
  double paced_rate = 20000;
  std::string dir = ".";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--phones") phones = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag == "--dir") dir = argv[i + 1];
    else if (flag == "--paced-rate") paced_rate = std::strtod(argv[i + 1], nullptr);
    else return fail("usage: storage_bench --phones N --dir DIR [--paced-rate PER_S]");
  }
  std::vector<storage::PhoneRecord> records;
  records.reserve(phones);
  for (std::size_t i = 0; i < phones; ++i) records.push_back(record(i));

  const std::string direct_path = dir + "/storage-direct.db";
  const std::string writer_path = dir + "/storage-writer.db";
  const std::string paced_path = dir + "/storage-paced.db";
  for (const auto& p : {direct_path, writer_path, paced_path})
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);

  {
    auto db = storage::Database::open(direct_path);
    if (!db) return fail(db.error());
    const auto run = db->begin_run({"{}", "bench", static_cast<std::int64_t>(phones)});
    const auto start = Clock::now();
    for (std::size_t at = 0; at < phones; at += 500) {
      const std::size_t n = std::min<std::size_t>(500, phones - at);
      db->insert_batch(run, std::span<const storage::PhoneRecord>(records.data() + at, n));
    }
    const double s = seconds_since(start);
    std::printf("direct_s=%.3f\ndirect_per_s=%.0f\n", s, static_cast<double>(phones) / s);
  }
  // Pushes through a ResultWriter, `rate` records per second (0: flat out), as a scan's loop
  // would; prints the per-push times the loop spends and the commit rate behind them.
  const auto through_writer = [&](const std::string& path, double rate, const char* prefix) -> bool {
    auto db = storage::Database::open(path);
    if (!db) return fail(db.error()) == 0;
    const auto run = db->begin_run({"{}", "bench", static_cast<std::int64_t>(phones)});
    auto writer = storage::ResultWriter::open(path, run);
    if (!writer) return fail(writer.error()) == 0;
    std::vector<double> push_us;
    push_us.reserve(phones);
    const auto start = Clock::now();
    for (std::size_t i = 0; i < phones; ++i) {
      if (rate > 0 && i % 50 == 0)
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(static_cast<double>(i) / rate)));
      storage::PhoneRecord r = records[i];
      const auto before = Clock::now();
      writer->push(std::move(r));
      push_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
    }
    const double pushed_s = seconds_since(start);
    auto report = writer->close();
    if (!report) return fail(report.error()) == 0;
    const double s = seconds_since(start);
    std::sort(push_us.begin(), push_us.end());
    const auto at = [&](double q) {
      return push_us[static_cast<std::size_t>(q * static_cast<double>(push_us.size() - 1))];
    };
    std::printf("%s_s=%.3f\n%s_per_s=%.0f\n%s_push_s=%.3f\n%s_push_p50_us=%.2f\n"
                "%s_push_p99_us=%.2f\n%s_push_max_us=%.1f\n",
                prefix, s, prefix, static_cast<double>(report->written) / s, prefix, pushed_s, prefix, at(0.5), prefix,
                at(0.99), prefix, push_us.back());
    return true;
  };
  if (!through_writer(writer_path, 0, "flat")) return 1;
  if (!through_writer(paced_path, paced_rate, "paced")) return 1;
  return 0;
}
