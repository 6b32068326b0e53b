#include <scanner/lane_scheduler.hpp>

namespace scanner {
namespace {

std::chrono::nanoseconds interval_of(double per_second) {
  if (per_second <= 0) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / per_second));
}

} // namespace

LaneScheduler::LaneScheduler(const EngineLimits& limits)
    : total_cap_(static_cast<std::size_t>(std::max(0, limits.concurrency))) {
  lane(Lane::anonymous).cap = total_cap_;
  lane(Lane::authenticated).cap = static_cast<std::size_t>(std::max(1, limits.auth_concurrency));
  lane(Lane::cucm).cap = static_cast<std::size_t>(std::max(1, limits.cucm_concurrency));
  lane(Lane::authenticated).interval = interval_of(limits.auth_rate);
  lane(Lane::cucm).interval = interval_of(limits.cucm_rate);
}

bool LaneScheduler::take_rate(LaneState& l, Clock::time_point now, std::optional<Clock::time_point>& wake) {
  if (l.interval.count() == 0) return true;
  if (now < l.next_start) {
    wake = wake ? std::min(*wake, l.next_start) : l.next_start;
    return false;
  }
  l.next_start = std::max(l.next_start + l.interval, now);
  return true;
}

} // namespace scanner
