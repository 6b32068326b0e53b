#include <app/progress.hpp>

#include <app/log.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace app {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

} // namespace

std::string eta_text(std::size_t done, std::size_t total, double rate) {
  if (done >= total) return "0:00";
  return rate > 0 ? clock_text(static_cast<double>(total - done) / rate) : std::string("--:--");
}

Progress::Progress(bool wanted, std::size_t total, double log_every)
    : active_(wanted && isatty(STDERR_FILENO) == 1), total_(total), started_(std::chrono::steady_clock::now()) {
  if (log_every > 0 && isatty(STDERR_FILENO) != 1) log_every_ = std::chrono::duration<double>(log_every);
  last_log_ = started_;
}

Progress::~Progress() { clear(); }

std::string Progress::render(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed,
                             std::size_t width) {
  const double seconds = elapsed.count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  if (total == 0) return fmt::format("{} phones  {:.0f}/s  {}", done, rate, clock_text(seconds));
  const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  const auto filled = static_cast<std::size_t>(share * static_cast<double>(width));
  return fmt::format("[{}{}] {}/{} {:3.0f}%  {:.0f}/s  ETA {}", std::string(filled, '#'),
                     std::string(width - filled, '.'), done, total, share * 100.0, rate, eta_text(done, total, rate));
}

std::string Progress::log_text(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed) {
  const double seconds = elapsed.count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  if (total == 0) return fmt::format("progress: {} phones, {:.0f}/s, {} elapsed", done, rate, clock_text(seconds));
  const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  return fmt::format("progress: {}/{} phones ({:.0f}%), {:.0f}/s, ETA {}", done, total, share * 100.0, rate,
                     eta_text(done, total, rate));
}

void Progress::log_now(std::chrono::steady_clock::time_point now) {
  last_log_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  log_line("info", "progress", log_text(done_, total_, now - started_),
           {{"done", std::to_string(done_)},
            {"total", std::to_string(total_)},
            {"seconds", fmt::format("{:.1f}", seconds)}});
}

void Progress::phone_done() {
  ++done_;
  const auto now = std::chrono::steady_clock::now();
  if (log_every_.count() > 0 && now - last_log_ >= log_every_) log_now(now);
  if (!active_) return;
  if (now - last_draw_ < std::chrono::milliseconds(250) && done_ != total_) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  const std::string line = render(done_, total_, std::chrono::steady_clock::now() - started_);
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

} // namespace app
