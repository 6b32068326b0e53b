#pragma once
// A one-line progress bar with ETA on stderr, for a person watching a terminal. Drawn only when
// stderr is a terminal (never into cron mail, journald or a pipe), at most a few times a second.
// When stderr is not a terminal, a long run instead logs a progress line (app/log.hpp, text or
// JSON) every `log_every` seconds, so that a journal shows the sweep is alive.
#include <chrono>
#include <cstddef>
#include <string>

namespace app {

class Progress {
public:
  // `wanted`: the caller's choice (off for --quiet and JSON logs); the bar is drawn only when
  // that holds and stderr is a terminal. `total` 0: unknown (no bar, a count). `log_every`:
  // seconds between progress lines when stderr is not a terminal, 0 for none.
  Progress(bool wanted, std::size_t total, double log_every = 0);
  ~Progress(); // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  [[nodiscard]] bool active() const noexcept { return active_; }
  void set_total(std::size_t total) noexcept { total_ = total; }
  void phone_done();
  void clear();

  // The line drawn for `done` of `total` after `elapsed` (ETA from the rate so far); for tests.
  static std::string render(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed,
                            std::size_t width = 30);
  // The log line's text for the same ("progress: 120/2000 phones (6%), 40/s, ETA 0:47").
  static std::string log_text(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed);

private:
  void draw();
  void log_now(std::chrono::steady_clock::time_point now);
  bool active_ = false;
  std::chrono::duration<double> log_every_{0}; // zero: no progress lines
  std::chrono::steady_clock::time_point last_log_{};
  bool drawn_ = false;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
};

} // namespace app
