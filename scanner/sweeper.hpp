#pragma once
// The sweep on any loop (scanner/loop.hpp): scanner::sweep() runs it on the engine, the unit
// tests on a scripted loop with simulated time. It admits phones from the source into a bounded
// window (at most limits.concurrency reading their pages or waiting on a lookup, as many parked
// waiting for an authenticated or CUCM answer), drives each phone's probe plan, looks each host
// name up once however many phones use it, holds the CUCM lane's requests itself (cucm_concurrency
// at a time; once 2 × that, at least 8, fail in a row the CUCM counts as down and the rest are
// answered at once, not sent), and lets authenticated requests through only as the credential
// guard allows (scanner/credential_guard.hpp).
#include <scanner/loop.hpp>
#include <scanner/sweep.hpp>

#include <atomic>

namespace scanner {

// `stop_requested` is read at every callback: once it is true, no phone is admitted any more,
// and the phones admitted get one request timeout (limits.total_timeout, on the loop's clock)
// to finish; then the loop is stopped and those not finished are abandoned (counted in
// SweepStats::abandoned, not given to the sink).
// Throws std::runtime_error when the loop cannot be made or the CUCM host does not resolve.
SweepStats sweep_on(const LoopFactory& make_loop, const SweepSettings& settings, const TargetSource& next_target,
                    const PhoneSink& sink, const std::atomic<bool>& stop_requested);

} // namespace scanner
