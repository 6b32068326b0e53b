#include <scanner/sweep.hpp>

#include <scanner/engine.hpp>
#include <scanner/sweeper.hpp>

#include <atomic>
#include <memory>

namespace scanner {
namespace {

std::atomic<bool> stop_requested{false};

} // namespace

SweepStats sweep(const SweepSettings& settings, const TargetSource& next_target, const PhoneSink& sink) {
  // Cleared on the way out, not on the way in: a stop requested before the sweep started
  // (a signal during start-up) must still stop it.
  struct ClearStop {
    ~ClearStop() { stop_requested.store(false); }
  } clear_stop;
  check_descriptor_budget(settings.limits); // before the slots for the window are allocated
  const LoopFactory engine = [&settings](LoopHandlers handlers) -> std::unique_ptr<Loop> {
    return std::make_unique<Engine>(settings.limits, Credentials{settings.plan.user, settings.plan.password},
                                    std::move(handlers.on_response), std::move(handlers.on_resolved),
                                    std::move(handlers.on_idle));
  };
  return sweep_on(engine, settings, next_target, sink, stop_requested);
}

void request_stop() noexcept { stop_requested.store(true, std::memory_order_relaxed); }

} // namespace scanner
