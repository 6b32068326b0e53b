#pragma once
// A scanner::Loop for the sweep's unit tests: every request and lookup is answered by the test's
// script after a simulated delay, on a simulated clock (nothing sleeps, no socket is opened), so
// a 10 s timeout costs microseconds. A run ends as the engine's does: when nothing is pending and
// the idle handler adds nothing, or when stop() was called (what is pending is then abandoned).
// Everything the sweep asked, and when, is kept in a LoopRecord the test owns.
#include <scanner/loop.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace test_support {

using Clock = scanner::Loop::Clock;
using namespace std::chrono_literals;

struct Reply {
  scanner::Response response;
  Clock::duration after = 10ms; // from the request to its answer
};
struct LookupReply {
  scanner::Resolution resolution;
  Clock::duration after = 10ms;
};

struct Script {
  std::function<Reply(const scanner::Request&)> answer;       // every request
  std::function<LookupReply(const std::string& host)> lookup; // every lookup
  std::multimap<Clock::duration, std::function<void()>> at;   // run at these times of the run
};

struct Sent {
  std::uint64_t token = 0;
  scanner::Request request;
  Clock::duration at{};        // since the run started
  std::size_t outstanding = 0; // of its lane when it was sent, itself included
};

struct LoopRecord {
  std::vector<Sent> sent; // requests started (one asked after stop() is never started, as in the engine)
  std::vector<std::string> lookups;
  std::array<std::size_t, 3> peak_outstanding{}; // per scanner::Lane, requests asked and not answered
  Clock::duration ended{};                       // when run() returned, since the run started
  bool stopped = false;                          // stop() was called
  std::size_t abandoned = 0;                     // answers never delivered (stop() came first)

  [[nodiscard]] std::size_t peak(scanner::Lane lane) const { return peak_outstanding[static_cast<std::size_t>(lane)]; }
  // The requests whose URL contains `part`, in the order sent.
  [[nodiscard]] std::vector<Sent> sent_to(const std::string& part) const;
};

// The moment a scripted run starts, on the loop's clock.
inline const Clock::time_point run_start{std::chrono::hours(24)};

// A factory for sweep_on(): each loop it makes answers from `script` and writes into `record`;
// both must outlive the sweep.
scanner::LoopFactory scripted_loop(const Script& script, LoopRecord& record);

} // namespace test_support
