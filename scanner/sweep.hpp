#pragma once
// Runs probe plans for a stream of targets on one engine, with a bounded number of phones
// admitted at once, and hands each finished phone's evidence to a sink.
#include <inventory/target.hpp>
#include <scanner/credential_guard.hpp>
#include <scanner/engine.hpp>
#include <scanner/evidence.hpp>
#include <scanner/probe_plan.hpp>

#include <chrono>
#include <functional>
#include <optional>

namespace scanner {

struct SweepSettings {
  EngineLimits limits;
  PlanSettings plan;   // user/password here are also the engine's Basic credentials
  GuardSettings guard; // guard.cucm is set from plan.cucm_url
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
  bool stopped = false;          // request_stop() ended the sweep before the source ran dry
  std::size_t abandoned = 0;     // phones admitted but not finished (never given to the sink)
  CredentialOutcome credentials; // what the credential guard learnt
  std::size_t withheld = 0;      // phones not asked for a screenshot because it refused them
};

// Authenticated requests (screenshots, CUCM cross-checks) wait for the credential guard
// (scanner/credential_guard.hpp): one at a time until the credentials are accepted, none once they
// are rejected (those phones are finished with their anonymous evidence and a withheld screenshot).
// Then they run within limits.auth_concurrency / auth_rate and the CUCM lane's caps.

// Pulls targets until it returns nullopt. Called on the loop thread only.
using TargetSource = std::function<std::optional<inventory::Target>()>;
// Receives every phone exactly once, on the loop thread; must not block on I/O.
using PhoneSink = std::function<void(FinishedPhone&&)>;

// Throws std::runtime_error when the engine cannot be set up or the CUCM host does not resolve.
SweepStats sweep(const SweepSettings& settings, const TargetSource& next_target, const PhoneSink& sink);

// Requests the running sweep (or the next one, when none runs) to stop admitting phones. Phones
// already admitted go on until the request timeout has passed since the stop was first seen;
// then the engine is stopped and those not finished are abandoned (not given to the sink).
// Only sets an atomic flag, so it is safe to call from a signal handler or another thread; the
// request is cleared when sweep() returns.
void request_stop() noexcept;

} // namespace scanner
