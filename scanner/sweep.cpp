#include <scanner/sweep.hpp>

#include <inventory/target.hpp>
#include <scanner/pages/network_setup_reader.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace scanner {
namespace {

using Clock = std::chrono::steady_clock;
std::atomic<bool> stop_requested{false};

// Tokens: phone slots count up from 0; DNS lookups carry the high bit.
constexpr std::uint64_t dns_bit = std::uint64_t{1} << 63;

class Sweeper {
public:
  Sweeper(const SweepSettings& settings, const TargetSource& source, const PhoneSink& sink)
      : settings_(settings), plan_settings_(settings.plan), source_(source), sink_(sink),
        max_working_(static_cast<std::size_t>(std::max(1, settings.limits.concurrency))),
        max_parked_(max_working_), slots_(max_working_ + max_parked_),
        engine_(settings.limits, Credentials{settings.plan.user, settings.plan.password},
                [this](std::uint64_t token, Response& r) { on_response(token, r); },
                [this](std::uint64_t token, Resolution&& r) { on_resolved(token, std::move(r)); },
                [this] { admit(); }) {
    plan_settings_.redactor = util::Redactor(plan_settings_.user, plan_settings_.password);
    for (std::size_t i = slots_.size(); i > 0; --i) free_slots_.push_back(i - 1);
    const std::string cucm_host = pages::url_host(plan_settings_.cucm_url);
    if (!plan_settings_.cucm_url.empty() && !inventory::is_ip_literal(cucm_host)) {
      cucm_pending_ = true;
      lookup(cucm_host, cucm_token);
    }
  }

  SweepStats run() {
    const auto started = Clock::now();
    engine_.run();
    if (!cucm_error_.empty()) throw std::runtime_error(cucm_error_);
    stats_.peak_in_flight = engine_.peak_in_flight();
    stats_.abandoned = slots_.size() - free_slots_.size();
    stats_.wall = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return stats_;
  }

private:
  enum class Wait { none, working, parked, dns };
  struct Slot {
    std::optional<inventory::Target> target;
    std::optional<ProbePlan> plan;
    Clock::time_point admitted;
    Wait wait = Wait::none;
    bool asking_cucm = false;      // its CUCM request is with the engine
    std::optional<Request> held;   // its CUCM request, waiting here for a CUCM slot
  };
  struct DnsEntry {
    bool done = false;
    Resolution result;
    std::vector<std::uint64_t> waiters; // slot indices, or cucm_token
  };
  static constexpr std::uint64_t cucm_token = ~std::uint64_t{0} >> 1;

  void set_wait(Slot& slot, Wait wait) {
    if (slot.wait == Wait::working || slot.wait == Wait::dns) --working_;
    if (slot.wait == Wait::parked) --parked_;
    slot.wait = wait;
    if (wait == Wait::working || wait == Wait::dns) ++working_;
    if (wait == Wait::parked) ++parked_;
  }

  // Once a stop is requested nothing new is admitted; admitted phones get one request timeout
  // to finish, checked at every callback (the loop wakes at least when a transfer times out).
  void check_stop() {
    if (!stop_requested.load(std::memory_order_relaxed)) return;
    const auto now = Clock::now();
    if (!stop_deadline_) {
      stop_deadline_ = now + settings_.limits.total_timeout;
      stats_.stopped = true;
      exhausted_ = true;
    }
    if (now >= *stop_deadline_) engine_.stop();
  }

  void admit() {
    check_stop();
    if (cucm_pending_ || !cucm_error_.empty()) return;
    while (!exhausted_ && !free_slots_.empty() && working_ < max_working_ && parked_ < max_parked_) {
      std::optional<inventory::Target> target = source_();
      if (!target) {
        exhausted_ = true;
        break;
      }
      const std::uint64_t index = free_slots_.back();
      free_slots_.pop_back();
      Slot& slot = slots_[index];
      slot.target = std::move(target);
      slot.plan.emplace(*slot.target, plan_settings_);
      slot.admitted = Clock::now();
      drive(index);
    }
  }

  // Asks the plan for its next step until it waits on the network or is done.
  void drive(std::uint64_t index) {
    Slot& slot = slots_[index];
    for (;;) {
      Step step = slot.plan->next();
      switch (step.kind) {
      case Step::Kind::fetch:
        set_wait(slot, step.request.lane == Lane::anonymous ? Wait::working : Wait::parked);
        if (step.request.lane == Lane::cucm) {
          if (!cucm_down_.empty()) {
            Response failure;
            failure.status = TransferStatus::connect_failed;
            failure.error = cucm_down_;
            slot.plan->on_response(failure);
            continue;
          }
          slot.held = std::move(step.request);
          cucm_waiting_.push_back(index);
          release_cucm_requests();
          return;
        }
        engine_.fetch(index, std::move(step.request));
        return;
      case Step::Kind::resolve: {
        set_wait(slot, Wait::dns);
        auto found = dns_.find(step.host);
        if (found != dns_.end() && found->second.done) {
          slot.plan->on_resolved(found->second.result);
          continue;
        }
        lookup(step.host, index);
        return;
      }
      case Step::Kind::done: finish(index); return;
      }
    }
  }

  // Looks a name up once however many phones ask; later askers wait on the same answer.
  void lookup(const std::string& host, std::uint64_t waiter) {
    auto [entry, inserted] = dns_.try_emplace(host);
    entry->second.waiters.push_back(waiter);
    if (inserted) {
      const std::uint64_t token = dns_bit | dns_names_.size();
      dns_names_.push_back(host);
      engine_.resolve(token, host);
    }
  }

  void finish(std::uint64_t index) {
    Slot& slot = slots_[index];
    set_wait(slot, Wait::none);
    redact(slot.plan->evidence(), plan_settings_.redactor);
    FinishedPhone done{std::move(*slot.target), std::move(slot.plan->evidence()),
                       std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - slot.admitted)};
    slot.plan.reset();
    slot.target.reset();
    free_slots_.push_back(index);
    ++stats_.phones;
    sink_(std::move(done));
  }

  void on_response(std::uint64_t index, Response& response) {
    check_stop();
    if (response.status == TransferStatus::local_error) ++stats_.local_errors;
    Slot& slot = slots_[index];
    const bool from_cucm = std::exchange(slot.asking_cucm, false);
    if (from_cucm) note_cucm_answer(response);
    slot.plan->on_response(response);
    drive(index);
    if (from_cucm) release_cucm_requests();
  }

  // CUCM requests wait here rather than in the engine's lane, so that when the CUCM turns out
  // to be down or mute the ones not yet sent can be answered at once: a CUCM that never answers
  // would otherwise cost (phones needing it / cucm_concurrency) × the timeout.
  void release_cucm_requests() {
    const auto cap = static_cast<std::size_t>(std::max(1, settings_.limits.cucm_concurrency));
    while (!cucm_waiting_.empty() && (cucm_in_flight_ < cap || !cucm_down_.empty())) {
      const std::uint64_t index = cucm_waiting_.front();
      cucm_waiting_.pop_front();
      Slot& slot = slots_[index];
      Request request = std::move(*slot.held);
      slot.held.reset();
      if (!cucm_down_.empty()) {
        Response failure;
        failure.status = TransferStatus::connect_failed;
        failure.error = cucm_down_;
        slot.plan->on_response(failure);
        drive(index);
        continue;
      }
      ++cucm_in_flight_;
      slot.asking_cucm = true;
      engine_.fetch(index, std::move(request));
    }
  }

  // After this many CUCM requests in a row fail without an answer, the CUCM counts as down for
  // the rest of the sweep: phones are still classified from their own evidence (cucm_auth error).
  void note_cucm_answer(const Response& response) {
    --cucm_in_flight_;
    if (response.status == TransferStatus::completed) {
      cucm_failures_ = 0;
      return;
    }
    const int threshold = std::max(8, 2 * settings_.limits.cucm_concurrency);
    if (++cucm_failures_ >= threshold && cucm_down_.empty())
      cucm_down_ = "not asked: the CUCM failed " + std::to_string(cucm_failures_) +
                   " requests in a row (last: " + response.error + ")";
  }

  void on_resolved(std::uint64_t token, Resolution&& result) {
    const std::string& host = dns_names_[token & ~dns_bit];
    DnsEntry& entry = dns_[host];
    entry.done = true;
    entry.result = std::move(result);
    std::vector<std::uint64_t> waiters;
    waiters.swap(entry.waiters);
    for (std::uint64_t waiter : waiters) {
      if (waiter == cucm_token) {
        cucm_pending_ = false;
        if (!entry.result.ok) {
          cucm_error_ = "--cucm host " + host + " does not resolve: " + entry.result.error;
          engine_.stop();
        } else {
          plan_settings_.cucm_connect_ip = entry.result.addresses.front();
        }
        continue;
      }
      slots_[waiter].plan->on_resolved(entry.result);
      drive(waiter);
    }
  }

  const SweepSettings& settings_;
  PlanSettings plan_settings_;
  const TargetSource& source_;
  const PhoneSink& sink_;
  std::size_t max_working_;
  std::size_t max_parked_;
  std::vector<Slot> slots_; // sized once: plans hold references into their slot's target
  std::vector<std::uint64_t> free_slots_;
  std::size_t working_ = 0;
  std::size_t parked_ = 0;
  bool exhausted_ = false;
  bool cucm_pending_ = false;
  std::optional<Clock::time_point> stop_deadline_;
  std::deque<std::uint64_t> cucm_waiting_;
  std::size_t cucm_in_flight_ = 0;
  int cucm_failures_ = 0;  // CUCM requests failed in a row
  std::string cucm_down_;  // why the CUCM is no longer asked; empty while it is

  std::string cucm_error_;
  std::unordered_map<std::string, DnsEntry> dns_;
  std::vector<std::string> dns_names_;
  SweepStats stats_;
  Engine engine_; // last: its callbacks use the members above
};

} // namespace

SweepStats sweep(const SweepSettings& settings, const TargetSource& next_target,
                 const PhoneSink& sink) {
  // Cleared on the way out, not on the way in: a stop requested before the sweep started
  // (a signal during start-up) must still stop it.
  struct ClearStop {
    ~ClearStop() { stop_requested.store(false); }
  } clear_stop;
  check_descriptor_budget(settings.limits); // before the slots for the window are allocated
  Sweeper sweeper(settings, next_target, sink);
  return sweeper.run();
}

void request_stop() noexcept { stop_requested.store(true, std::memory_order_relaxed); }

} // namespace scanner
