#pragma once
// Which queued request starts next. Requests wait in three lanes (scanner/transfer.hpp: Lane),
// each with a cap on its transfers in flight and, for the authenticated and CUCM lanes, an
// optional start rate, all under one cap for every lane together (--concurrency). Room that frees
// up goes to the CUCM lane first, then the authenticated one, so that the big anonymous lane
// cannot starve them; within a lane, requests start in the order they were queued. A rate of R
// per second spaces starts 1/R s apart; after a quiet spell the lane's schedule catches up with
// the clock on its first start, so two requests may start at once, then one per interval.
// No I/O and no clock of its own: the engine passes the time and starts the transfers.
#include <scanner/engine.hpp>
#include <scanner/transfer.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace scanner {

class LaneScheduler {
public:
  using Clock = std::chrono::steady_clock;

  // Caps and rates from `limits`: concurrency in all (and for the anonymous lane),
  // auth_concurrency / auth_rate, cucm_concurrency / cucm_rate (caps of at least 1).
  explicit LaneScheduler(const EngineLimits& limits);

  void push(std::uint64_t token, Request&& request) { lane(request.lane).queue.push_back({token, std::move(request)}); }

  // Starts what may start at `now`, by calling `start(token, Request&&)`, which returns whether
  // the transfer started; one that did not takes no room (the caller has answered it). `start`
  // may push more requests. Returns when a lane held back by its rate may start its next
  // request (nullopt: none is held back).
  template <class Start>
  std::optional<Clock::time_point> pump(Clock::time_point now, Start&& start);

  // A transfer of `lane` that pump() started has ended.
  void finished(Lane lane) {
    --this->lane(lane).in_flight;
    --in_flight_;
  }

  [[nodiscard]] bool idle() const {
    return in_flight_ == 0 &&
           std::all_of(lanes_.begin(), lanes_.end(), [](const LaneState& l) { return l.queue.empty(); });
  }
  [[nodiscard]] std::size_t in_flight() const { return in_flight_; }
  [[nodiscard]] std::size_t in_flight(Lane lane) const { return this->lane(lane).in_flight; }
  [[nodiscard]] std::size_t queued(Lane lane) const { return this->lane(lane).queue.size(); }
  [[nodiscard]] std::size_t peak_in_flight() const { return peak_; }

private:
  struct Pending {
    std::uint64_t token;
    Request request;
  };
  struct LaneState {
    std::deque<Pending> queue;
    std::size_t in_flight = 0;
    std::size_t cap = 0;
    std::chrono::nanoseconds interval{0}; // 0: no rate limit
    Clock::time_point next_start{};
  };

  LaneState& lane(Lane lane) { return lanes_[static_cast<std::size_t>(lane)]; }
  [[nodiscard]] const LaneState& lane(Lane lane) const { return lanes_[static_cast<std::size_t>(lane)]; }
  // Whether `l`'s rate lets it start a request at `now`; if so, the start is counted against it.
  static bool take_rate(LaneState& l, Clock::time_point now, std::optional<Clock::time_point>& wake);

  std::array<LaneState, 3> lanes_;
  std::size_t total_cap_;
  std::size_t in_flight_ = 0;
  std::size_t peak_ = 0;
};

template <class Start>
std::optional<LaneScheduler::Clock::time_point> LaneScheduler::pump(Clock::time_point now, Start&& start) {
  std::optional<Clock::time_point> wake;
  for (Lane which : {Lane::cucm, Lane::authenticated, Lane::anonymous}) {
    LaneState& l = lane(which);
    while (!l.queue.empty() && in_flight_ < total_cap_ && l.in_flight < l.cap && take_rate(l, now, wake)) {
      Pending p = std::move(l.queue.front());
      l.queue.pop_front();
      if (!start(p.token, std::move(p.request))) continue;
      ++l.in_flight;
      ++in_flight_;
      peak_ = std::max(peak_, in_flight_);
    }
  }
  return wake;
}

} // namespace scanner
