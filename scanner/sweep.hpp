#pragma once
// Runs probe plans for a stream of targets on one engine, with a bounded number of phones
// admitted at once, and hands each finished phone's evidence to a sink.
#include <inventory/target.hpp>
#include <scanner/engine.hpp>
#include <scanner/evidence.hpp>
#include <scanner/probe_plan.hpp>

#include <chrono>
#include <functional>
#include <optional>

namespace scanner {

struct SweepSettings {
  EngineLimits limits;
  PlanSettings plan;    // user/password here are also the engine's Basic credentials
};

struct FinishedPhone {
  inventory::Target target;
  Evidence evidence;
  std::chrono::microseconds elapsed{0};
};

struct SweepStats {
  std::size_t phones = 0;
  std::size_t peak_in_flight = 0;
  std::size_t local_errors = 0; // transfers that failed on our side (e.g. out of descriptors)
  std::chrono::milliseconds wall{0};
};

// Pulls targets until it returns nullopt. Called on the loop thread only.
using TargetSource = std::function<std::optional<inventory::Target>()>;
// Receives every phone exactly once, on the loop thread; must not block on I/O.
using PhoneSink = std::function<void(FinishedPhone&&)>;

// Throws std::runtime_error when the engine cannot be set up or the CUCM host does not resolve.
SweepStats sweep(const SweepSettings& settings, const TargetSource& next_target,
                 const PhoneSink& sink);

// Requests the running sweep (if any) to stop admitting phones and to end soon; safe to call
// from a signal handler.
void request_stop() noexcept;

} // namespace scanner
