#include <scanner/sweeper.hpp>

#include <inventory/target.hpp>
#include <scanner/cucm_answer.hpp>
#include <scanner/pages/network_setup_reader.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace scanner {
namespace {

using Clock = Loop::Clock;

// Tokens: phone slots count up from 0; DNS lookups carry the high bit.
constexpr std::uint64_t dns_bit = std::uint64_t{1} << 63;

class Sweeper {
public:
  Sweeper(const LoopFactory& make_loop, const SweepSettings& settings, const TargetSource& source,
          const PhoneSink& sink, const std::atomic<bool>& stop_requested)
      : settings_(settings), plan_settings_(settings.plan), source_(source), sink_(sink),
        stop_requested_(stop_requested),
        max_working_(static_cast<std::size_t>(std::max(1, settings.limits.concurrency))), max_parked_(max_working_),
        slots_(max_working_ + max_parked_), guard_(guard_settings(settings)),
        loop_(make_loop(LoopHandlers{[this](std::uint64_t token, Response& r) { on_response(token, r); },
                                     [this](std::uint64_t token, Resolution&& r) { on_resolved(token, std::move(r)); },
                                     [this] { admit(); }})) {
    plan_settings_.redactor = util::Redactor(plan_settings_.user, plan_settings_.password);
    for (std::size_t i = slots_.size(); i > 0; --i) free_slots_.push_back(i - 1);
    const std::string cucm_host = pages::url_host(plan_settings_.cucm_url);
    if (!plan_settings_.cucm_url.empty() && !inventory::is_ip_literal(cucm_host)) {
      cucm_pending_ = true;
      lookup(cucm_host, cucm_token);
    }
  }

  SweepStats run() {
    const auto started = loop_->now();
    loop_->run();
    if (!cucm_error_.empty()) throw std::runtime_error(cucm_error_);
    stats_.peak_in_flight = loop_->peak_in_flight();
    stats_.abandoned = slots_.size() - free_slots_.size();
    stats_.credentials = guard_.outcome();
    stats_.wall = std::chrono::duration_cast<std::chrono::milliseconds>(loop_->now() - started);
    return stats_;
  }

private:
  enum class Wait { none, working, parked, dns };
  struct Slot {
    std::optional<inventory::Target> target;
    std::optional<ProbePlan> plan;
    Clock::time_point admitted;
    Wait wait = Wait::none;
    bool asking_cucm = false;    // its CUCM request is with the engine
    std::optional<Request> held; // its request, waiting here for the guard or a CUCM slot
  };
  struct DnsEntry {
    bool done = false;
    Resolution result;
    std::vector<std::uint64_t> waiters; // slot indices, or cucm_token
  };
  static constexpr std::uint64_t cucm_token = ~std::uint64_t{0} >> 1;
  static constexpr std::uint64_t canary_token = cucm_token - 1; // the guard's canary request

  static GuardSettings guard_settings(const SweepSettings& settings) {
    GuardSettings g = settings.guard;
    g.cucm = !settings.plan.cucm_url.empty();
    return g;
  }

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
    if (!stop_requested_.load(std::memory_order_relaxed)) return;
    const auto now = loop_->now();
    if (!stop_deadline_) {
      stop_deadline_ = now + settings_.limits.total_timeout;
      stats_.stopped = true;
      exhausted_ = true;
    }
    if (now >= *stop_deadline_) loop_->stop();
  }

  void admit() {
    check_stop();
    if (cucm_pending_ || !cucm_error_.empty()) return;
    pump_guard(); // a configured canary goes out before any phone waits for it
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
      slot.admitted = loop_->now();
      if (guard_.verdict() == CredentialVerdict::unproven && guard_.is_canary(slot.target->device_name))
        canary_slots_.insert(index);
      drive(index);
    }
    // Again once the source may have run dry: phones waiting for device names that will no
    // longer come must get their probe in this turn, or the loop would end with them waiting.
    pump_guard();
  }

  // Asks the plan for its next step until it waits on the network or is done.
  void drive(std::uint64_t index) {
    Slot& slot = slots_[index];
    for (;;) {
      Step step = slot.plan->next();
      switch (step.kind) {
      case Step::Kind::fetch: {
        const Lane lane = step.request.lane;
        set_wait(slot, lane == Lane::anonymous ? Wait::working : Wait::parked);
        if (lane != Lane::anonymous && guard_.verdict() != CredentialVerdict::accepted) {
          if (guard_.verdict() == CredentialVerdict::rejected) {
            withhold(index, lane);
            continue;
          }
          hold_for_guard(index, std::move(step.request));
          return;
        }
        if (dispatch(index, std::move(step.request))) return;
        continue;
      }
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

  // Sends a request on its way: to the engine, or to the CUCM queue. False when the plan was
  // answered at once (the CUCM counts as down) and can go on.
  bool dispatch(std::uint64_t index, Request&& request) {
    if (request.lane != Lane::cucm) {
      loop_->fetch(index, std::move(request));
      return true;
    }
    if (!cucm_down_.empty()) {
      deliver(index, cucm_down_failure());
      return false;
    }
    slots_[index].held = std::move(request);
    cucm_waiting_.push_back(index);
    release_cucm_requests();
    return true;
  }

  Response cucm_down_failure() const {
    Response failure;
    failure.status = TransferStatus::connect_failed;
    failure.error = cucm_down_;
    return failure;
  }

  // The plan takes the answer; when it was the guard's probe, the guard learns from it.
  void deliver(std::uint64_t index, const Response& response) {
    Slot& slot = slots_[index];
    slot.plan->on_response(response);
    if (probing_ != index) return;
    probing_.reset();
    const Evidence& e = slot.plan->evidence();
    guard_.phone_answered(e, probing_cross_check_,
                          e.device.host_name.empty() ? slot.target->address() : e.device.host_name);
  }

  // --- the credential guard -----------------------------------------------------------------

  // An authenticated request waits here while the credentials are unproven. A phone that waits
  // for its screenshot offers its device name to the guard as a canary candidate.
  void hold_for_guard(std::uint64_t index, Request&& request) {
    Slot& slot = slots_[index];
    if (request.lane == Lane::authenticated) guard_.offer(slot.plan->evidence().device.host_name);
    slot.held = std::move(request);
    guard_waiting_.push_back(index);
    pump_guard();
  }

  // Which waiting phone's request would be the probe: the phone of a configured canary device
  // when one is admitted (waiting for it while it still fetches its pages: the user vouched for
  // it), else the first that waits. nullopt: none now.
  std::optional<std::deque<std::uint64_t>::iterator> probe_candidate() {
    if (!canary_slots_.empty()) {
      const auto found = std::find_if(guard_waiting_.begin(), guard_waiting_.end(),
                                      [&](std::uint64_t index) { return canary_slots_.contains(index); });
      if (found == guard_waiting_.end()) return std::nullopt;
      return found;
    }
    if (guard_waiting_.empty()) return std::nullopt;
    // A phone whose device the CUCM already refused as a canary only repeats that refusal.
    const auto fresh = std::find_if(guard_waiting_.begin(), guard_waiting_.end(), [&](std::uint64_t index) {
      return !guard_.refused_by_service(slots_[index].plan->evidence().device.host_name);
    });
    return fresh != guard_waiting_.end() ? fresh : guard_waiting_.begin();
  }

  // Whether phones still reading their pages (or yet to be admitted) may offer device names to
  // ask the authentication service about. Re-checked every loop turn (admit() pumps the guard).
  [[nodiscard]] bool more_devices_may_come() const {
    const std::size_t admitted = slots_.size() - free_slots_.size();
    const std::size_t at_guard = guard_waiting_.size() + (probing_ ? 1 : 0);
    if (admitted > at_guard) return true;
    return !exhausted_ && parked_ < max_parked_ && !free_slots_.empty();
  }

  // Sends what the guard asks for (a canary, or one waiting phone's request as the probe); once
  // it has a verdict, lets every waiting request go, or withholds them all.
  void pump_guard() {
    while (guard_.verdict() == CredentialVerdict::unproven) {
      const auto candidate = probe_candidate();
      const Probe probe = guard_.next_probe(candidate.has_value(), more_devices_may_come());
      if (probe.kind == Probe::Kind::none) return;
      if (probe.kind == Probe::Kind::canary) {
        loop_->fetch(canary_token, cucm_check_request(plan_settings_, probe.device));
        continue;
      }
      const std::uint64_t index = **candidate;
      guard_waiting_.erase(*candidate);
      probing_ = index;
      probing_cross_check_ = slots_[index].held->lane == Lane::cucm;
      release(index);
    }
    while (!guard_waiting_.empty()) {
      const std::uint64_t index = guard_waiting_.front();
      guard_waiting_.pop_front();
      if (guard_.verdict() == CredentialVerdict::accepted) {
        release(index);
        continue;
      }
      const Lane lane = slots_[index].held->lane;
      slots_[index].held.reset();
      withhold(index, lane);
      drive(index);
    }
  }

  void release(std::uint64_t index) {
    Request request = std::move(*slots_[index].held);
    slots_[index].held.reset();
    if (!dispatch(index, std::move(request))) drive(index);
  }

  void withhold(std::uint64_t index, Lane lane) {
    if (withheld_reason_.empty())
      withheld_reason_ = guard_.outcome().reason +
                         "; the sweep sent no more authenticated requests, so that the account does not lock";
    if (lane == Lane::authenticated) ++stats_.withheld;
    slots_[index].plan->withhold(guard_.withheld(), withheld_reason_);
  }

  void on_canary(const Response& response) {
    const CucmAuth verdict = response.status == TransferStatus::completed
                                 ? read_cucm_answer(response.http_status, response.body).auth
                                 : CucmAuth::error;
    guard_.canary_answered(verdict);
    pump_guard();
  }

  // Looks a name up once however many phones ask; later askers wait on the same answer.
  void lookup(const std::string& host, std::uint64_t waiter) {
    auto [entry, inserted] = dns_.try_emplace(host);
    entry->second.waiters.push_back(waiter);
    if (inserted) {
      const std::uint64_t token = dns_bit | dns_names_.size();
      dns_names_.push_back(host);
      loop_->resolve(token, host);
    }
  }

  void finish(std::uint64_t index) {
    Slot& slot = slots_[index];
    set_wait(slot, Wait::none);
    redact(slot.plan->evidence(), plan_settings_.redactor);
    FinishedPhone done{std::move(*slot.target), std::move(slot.plan->evidence()),
                       std::chrono::duration_cast<std::chrono::microseconds>(loop_->now() - slot.admitted)};
    slot.plan.reset();
    slot.target.reset();
    canary_slots_.erase(index);
    free_slots_.push_back(index);
    ++stats_.phones;
    sink_(std::move(done));
  }

  void on_response(std::uint64_t index, Response& response) {
    check_stop();
    if (response.status == TransferStatus::local_error) ++stats_.local_errors;
    if (index == canary_token) {
      on_canary(response);
      return;
    }
    Slot& slot = slots_[index];
    const bool from_cucm = std::exchange(slot.asking_cucm, false);
    if (from_cucm) note_cucm_answer(response);
    const bool probe = probing_ == index;
    deliver(index, response);
    drive(index);
    if (from_cucm) release_cucm_requests();
    if (probe) pump_guard();
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
      if (!cucm_down_.empty()) {
        slot.held.reset();
        deliver(index, cucm_down_failure());
        drive(index);
        continue;
      }
      Request request = std::move(*slot.held);
      slot.held.reset();
      ++cucm_in_flight_;
      slot.asking_cucm = true;
      loop_->fetch(index, std::move(request));
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
          loop_->stop();
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
  const std::atomic<bool>& stop_requested_;
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
  int cucm_failures_ = 0; // CUCM requests failed in a row
  std::string cucm_down_; // why the CUCM is no longer asked; empty while it is

  CredentialGuard guard_;
  std::deque<std::uint64_t> guard_waiting_;        // slots whose authenticated request waits (in held)
  std::unordered_set<std::uint64_t> canary_slots_; // admitted phones of configured canary devices
  std::optional<std::uint64_t> probing_;           // the slot whose request is the guard's probe
  bool probing_cross_check_ = false;               // that request is the CUCM cross-check
  std::string withheld_reason_;                    // what withheld phones' evidence says, once rejected

  std::string cucm_error_;
  std::unordered_map<std::string, DnsEntry> dns_;
  std::vector<std::string> dns_names_;
  SweepStats stats_;
  std::unique_ptr<Loop> loop_; // last: its callbacks use the members above
};

} // namespace

SweepStats sweep_on(const LoopFactory& make_loop, const SweepSettings& settings, const TargetSource& next_target,
                    const PhoneSink& sink, const std::atomic<bool>& stop_requested) {
  Sweeper sweeper(make_loop, settings, next_target, sink, stop_requested);
  return sweeper.run();
}

} // namespace scanner
