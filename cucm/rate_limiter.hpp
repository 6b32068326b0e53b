#pragma once
// The RisPort70 request budget: at most N requests in any window (the CUCM's Enterprise
// Parameter "Allowed Device Queries Per Minute", 15 by default), and a growing pause after each
// Server.RateControl fault (someone else on the cluster may be spending the same budget).
// Pure: the caller passes the time, so tests need no clock.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace cucm {

using Clock = std::chrono::steady_clock;

struct RateSpec {
  unsigned requests = 15;
  std::chrono::milliseconds window{60'000};
};

// "15/60": requests per window in seconds (fractions allowed: "2/1.5"); "15": per minute.
// Error: a one-line reason.
tl::expected<RateSpec, std::string> parse_rate(std::string_view text);

class RateLimiter {
public:
  explicit RateLimiter(RateSpec spec);

  // How long to wait from `now` before the next request may be sent; zero when it may go now.
  [[nodiscard]] Clock::duration delay(Clock::time_point now) const;

  // A request the server counted, finished at `now`. Recording the finish rather than the
  // start keeps the client's window behind the server's, which sees the request arrive later.
  void record(Clock::time_point now);

  // A Server.RateControl fault: the pause before retrying. The first is window/requests; each
  // consecutive fault doubles it, up to one window. record() ends the streak.
  Clock::duration after_fault();
  [[nodiscard]] unsigned consecutive_faults() const { return faults_; }

  [[nodiscard]] const RateSpec& spec() const { return spec_; }

private:
  RateSpec spec_;
  std::deque<Clock::time_point> recent_; // finish times inside the last window, oldest first
  unsigned faults_ = 0;
};

} // namespace cucm
