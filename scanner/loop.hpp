#pragma once
// The seam under the sweep: what the sweep (scanner/sweeper.hpp) asks of the network. The
// product's loop is scanner::Engine (libcurl and c-ares on epoll, scanner/engine.hpp); the unit
// tests' is a scripted fake on simulated time (tests/scanner/scripted_loop.hpp). The sweep makes
// one virtual call per request and per lookup; answers come back through the handlers the loop
// was made with.
#include <scanner/transfer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace scanner {

struct LoopHandlers {
  // Called on the loop thread for every finished request / lookup. `token` is the caller's.
  // The Response is only valid during the call (the engine frees its body afterwards).
  std::function<void(std::uint64_t token, Response& response)> on_response;
  std::function<void(std::uint64_t token, Resolution&& result)> on_resolved;
  // Called once per loop turn, after completions were delivered: the place to admit more work.
  std::function<void()> on_idle;
};

class Loop {
public:
  using Clock = std::chrono::steady_clock;
  using ResponseHandler = decltype(LoopHandlers::on_response);
  using ResolveHandler = decltype(LoopHandlers::on_resolved);
  using IdleHandler = decltype(LoopHandlers::on_idle);

  virtual ~Loop() = default;
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Queue a request / a lookup of a host name. Each gets exactly one answer through the handlers
  // (a transfer that could not even start is answered `local_error`), unless the run is stopped
  // first. Never calls a handler from inside fetch() or resolve().
  virtual void fetch(std::uint64_t token, Request request) = 0;
  virtual void resolve(std::uint64_t token, std::string host) = 0;

  // Runs until no request or lookup is queued or in flight and the idle handler added none,
  // or until stop() was called: then what is still queued or in flight is abandoned, and no
  // response or resolution is delivered for it.
  virtual void run() = 0;
  virtual void stop() = 0;

  // The loop's clock: what the sweep measures phones and its stop deadline with.
  [[nodiscard]] virtual Clock::time_point now() const = 0;
  [[nodiscard]] virtual std::size_t peak_in_flight() const = 0;

protected:
  Loop() = default;
};

// Makes the loop a sweep runs on, wired to the sweep's handlers.
using LoopFactory = std::function<std::unique_ptr<Loop>(LoopHandlers handlers)>;

} // namespace scanner
