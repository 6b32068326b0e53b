#include <cucm/rate_limiter.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cucm {

tl::expected<RateSpec, std::string> parse_rate(std::string_view text) {
  const auto bad = [&] {
    return tl::make_unexpected("rate must be REQUESTS/SECONDS, e.g. 15/60: " + std::string(text));
  };
  const auto slash = text.find('/');
  const std::string_view count = text.substr(0, slash);
  RateSpec spec;
  const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), spec.requests);
  if (error != std::errc{} || end != count.data() + count.size() || spec.requests == 0) return bad();
  if (slash == std::string_view::npos) return spec;
  const std::string seconds_text(text.substr(slash + 1));
  double seconds = 0;
  std::size_t used = 0;
  try {
    seconds = std::stod(seconds_text, &used);
  } catch (const std::exception&) {
    return bad();
  }
  if (used != seconds_text.size() || !(seconds > 0) || seconds > 86400) return bad();
  spec.window = std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
  if (spec.window.count() == 0) return bad();
  return spec;
}

RateLimiter::RateLimiter(RateSpec spec) : spec_(spec) {
  if (spec_.requests == 0) spec_.requests = 1;
}

Clock::duration RateLimiter::delay(Clock::time_point now) const {
  // Only the newest `requests` entries matter: the oldest of them must have left the window.
  if (recent_.size() < spec_.requests) return Clock::duration::zero();
  const Clock::time_point oldest = recent_[recent_.size() - spec_.requests];
  const Clock::time_point free_at = oldest + spec_.window;
  return free_at > now ? free_at - now : Clock::duration::zero();
}

void RateLimiter::record(Clock::time_point now) {
  recent_.push_back(now);
  while (recent_.size() > spec_.requests) recent_.pop_front();
  faults_ = 0;
}

Clock::duration RateLimiter::after_fault() {
  const Clock::duration window = spec_.window;
  Clock::duration pause = window / spec_.requests;
  for (unsigned i = 0; i < faults_ && pause < window; ++i) pause *= 2;
  ++faults_;
  return std::min(pause, window);
}

} // namespace cucm
