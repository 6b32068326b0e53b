// The lanes the engine starts requests from: caps per lane and in all, the CUCM and
// authenticated lanes served first, queue order within a lane, and start rates, on a clock the
// test holds.
#include <scanner/lane_scheduler.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

using namespace std::chrono_literals;
using scanner::Lane;
using scanner::LaneScheduler;

namespace {

const LaneScheduler::Clock::time_point t0{std::chrono::hours(1)};

scanner::Request on(Lane lane) {
  scanner::Request r;
  r.lane = lane;
  return r;
}

// Tokens: lane × 100 + position in its queue.
void queue(LaneScheduler& lanes, Lane lane, int count) {
  for (int i = 0; i < count; ++i) lanes.push(static_cast<std::uint64_t>(static_cast<int>(lane) * 100 + i), on(lane));
}

// Pumps at `now`; returns the tokens started, in order.
std::vector<std::uint64_t> pump(LaneScheduler& lanes, LaneScheduler::Clock::time_point now,
                                std::optional<LaneScheduler::Clock::time_point>* wake = nullptr) {
  std::vector<std::uint64_t> started;
  const auto next = lanes.pump(now, [&](std::uint64_t token, scanner::Request&&) {
    started.push_back(token);
    return true;
  });
  if (wake) *wake = next;
  return started;
}

constexpr std::uint64_t anonymous = 0;
constexpr std::uint64_t authenticated = 100;
constexpr std::uint64_t cucm = 200;

} // namespace

TEST_CASE("lanes: never more in flight than --concurrency in all, nor more than a lane's own cap", "[lanes]") {
  scanner::EngineLimits limits;
  limits.concurrency = 6;
  limits.auth_concurrency = 2;
  limits.cucm_concurrency = 1;
  LaneScheduler lanes(limits);
  queue(lanes, Lane::anonymous, 10);
  queue(lanes, Lane::authenticated, 10);
  queue(lanes, Lane::cucm, 10);

  CHECK(pump(lanes, t0).size() == 6);
  CHECK(lanes.in_flight() == 6);
  CHECK(lanes.in_flight(Lane::cucm) == 1);
  CHECK(lanes.in_flight(Lane::authenticated) == 2);
  CHECK(lanes.in_flight(Lane::anonymous) == 3);
  CHECK(pump(lanes, t0).empty()); // full: nothing more starts until something ends

  // An authenticated transfer ends: its lane may start one more, which the total cap allows.
  lanes.finished(Lane::authenticated);
  CHECK(pump(lanes, t0) == std::vector<std::uint64_t>{authenticated + 2});
  CHECK(lanes.peak_in_flight() == 6);
  CHECK(lanes.queued(Lane::anonymous) == 7);
  CHECK_FALSE(lanes.idle());
}

TEST_CASE("lanes: freed room goes to the CUCM lane, then the authenticated one, then the anonymous one, each "
          "in the order queued",
          "[lanes]") {
  scanner::EngineLimits limits;
  limits.concurrency = 3;
  limits.auth_concurrency = 8;
  limits.cucm_concurrency = 8;
  LaneScheduler lanes(limits);
  queue(lanes, Lane::anonymous, 3); // queued first, but the lowest priority
  queue(lanes, Lane::authenticated, 2);
  queue(lanes, Lane::cucm, 2);

  CHECK(pump(lanes, t0) == std::vector<std::uint64_t>{cucm + 0, cucm + 1, authenticated + 0});
  lanes.finished(Lane::cucm);
  lanes.finished(Lane::cucm);
  CHECK(pump(lanes, t0) == std::vector<std::uint64_t>{authenticated + 1, anonymous + 0});
  lanes.finished(Lane::authenticated);
  lanes.finished(Lane::authenticated);
  lanes.finished(Lane::anonymous);
  CHECK(pump(lanes, t0) == std::vector<std::uint64_t>{anonymous + 1, anonymous + 2});
  for (int i = 0; i < 2; ++i) lanes.finished(Lane::anonymous);
  CHECK(lanes.idle());
}

TEST_CASE("lanes: a lane with a rate starts one request per interval after the first two, and says when to wake",
          "[lanes]") {
  scanner::EngineLimits limits;
  limits.concurrency = 1000;
  limits.auth_concurrency = 1000; // nothing here ends: the caps stay out of the way
  limits.auth_rate = 10;          // one start per 100 ms
  LaneScheduler lanes(limits);
  queue(lanes, Lane::authenticated, 8);
  queue(lanes, Lane::anonymous, 2);

  std::optional<LaneScheduler::Clock::time_point> wake;
  // The lane's schedule catches up with the clock on its first start, so a second starts with
  // it; the rate holds back its own lane only: the anonymous requests start at once.
  CHECK(pump(lanes, t0, &wake) ==
        std::vector<std::uint64_t>{authenticated + 0, authenticated + 1, anonymous + 0, anonymous + 1});
  REQUIRE(wake);
  CHECK(*wake == t0 + 100ms);
  CHECK(pump(lanes, t0 + 60ms, &wake).empty());
  CHECK(*wake == t0 + 100ms);
  CHECK(pump(lanes, t0 + 100ms, &wake) == std::vector<std::uint64_t>{authenticated + 2});
  CHECK(*wake == t0 + 200ms);
  // Late: one start, and the next is due an interval after the one missed, not after now.
  CHECK(pump(lanes, t0 + 250ms, &wake) == std::vector<std::uint64_t>{authenticated + 3});
  CHECK(*wake == t0 + 300ms);

  // After a quiet spell, two again, then one per interval.
  CHECK(pump(lanes, t0 + 10s, &wake) == std::vector<std::uint64_t>{authenticated + 4, authenticated + 5});
  CHECK(*wake == t0 + 10s + 100ms);
  CHECK(pump(lanes, t0 + 10s + 100ms, &wake) == std::vector<std::uint64_t>{authenticated + 6});

  // Over ten seconds of steady demand the rate holds: about R × 10 starts, not more.
  queue(lanes, Lane::authenticated, 200);
  std::size_t started = 0;
  for (auto t = t0 + 20s; t < t0 + 30s; t += 10ms) started += pump(lanes, t).size();
  CHECK(started >= 100);
  CHECK(started <= 102);

  for (auto t = t0 + 30s; t < t0 + 60s && lanes.queued(Lane::authenticated) > 0; t += 100ms) pump(lanes, t);
  REQUIRE(lanes.queued(Lane::authenticated) == 0);
  CHECK_FALSE(pump(lanes, t0 + 60s, &wake).size());
  CHECK_FALSE(wake); // nothing waits on the rate: nothing to wake for
}

TEST_CASE("lanes: a request that could not start takes no room, and the next one is tried", "[lanes]") {
  scanner::EngineLimits limits;
  limits.concurrency = 2;
  LaneScheduler lanes(limits);
  queue(lanes, Lane::anonymous, 4);
  std::vector<std::uint64_t> refused;
  std::vector<std::uint64_t> started;
  lanes.pump(t0, [&](std::uint64_t token, scanner::Request&&) {
    if (token == anonymous + 0) {
      refused.push_back(token);
      // The caller answers a request that could not start; the answer may queue another.
      lanes.push(anonymous + 50, on(Lane::anonymous));
      return false;
    }
    started.push_back(token);
    return true;
  });
  CHECK(refused == std::vector<std::uint64_t>{anonymous + 0});
  CHECK(started == std::vector<std::uint64_t>{anonymous + 1, anonymous + 2});
  CHECK(lanes.in_flight() == 2);
  CHECK(lanes.queued(Lane::anonymous) == 2); // the fourth and the one queued meanwhile
}
