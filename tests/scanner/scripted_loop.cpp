#include <tests/scanner/scripted_loop.hpp>

#include <queue>
#include <stdexcept>
#include <utility>

namespace test_support {
namespace {

class ScriptedLoop final : public scanner::Loop {
public:
  ScriptedLoop(scanner::LoopHandlers handlers, const Script& script, LoopRecord& record)
      : handlers_(std::move(handlers)), script_(script), record_(record) {
    for (const auto& [offset, action] : script_.at)
      push(Event{run_start + offset, 0, Event::Kind::scripted, 0, {}, {}, &action});
  }

  void fetch(std::uint64_t token, scanner::Request request) override {
    if (!script_.answer) throw std::logic_error("scripted loop: a request, and no script for requests");
    if (stopping_) { // the engine queues it and never starts it
      ++pending_;
      return;
    }
    Reply reply = script_.answer(request);
    const auto lane = static_cast<std::size_t>(request.lane);
    const std::size_t outstanding = ++outstanding_[lane];
    record_.peak_outstanding[lane] = std::max(record_.peak_outstanding[lane], outstanding);
    record_.sent.push_back({token, std::move(request), now_ - run_start, outstanding});
    ++pending_;
    push(Event{now_ + reply.after, 0, Event::Kind::response, token, std::move(reply.response), {}, nullptr, lane});
  }

  void resolve(std::uint64_t token, std::string host) override {
    if (!script_.lookup) throw std::logic_error("scripted loop: a lookup, and no script for lookups");
    if (stopping_) {
      ++pending_;
      return;
    }
    LookupReply reply = script_.lookup(host);
    record_.lookups.push_back(std::move(host));
    ++pending_;
    push(Event{now_ + reply.after, 0, Event::Kind::resolution, token, {}, std::move(reply.resolution), nullptr});
  }

  // The engine's turn, one event at a time: deliver, then let the idle handler admit more.
  void run() override {
    while (!stopping_) {
      if (pending_ == 0) {
        handlers_.on_idle();
        if (pending_ == 0) break;
      }
      Event event = events_.top();
      events_.pop();
      now_ = std::max(now_, event.when);
      deliver(event);
      handlers_.on_idle();
    }
    record_.ended = now_ - run_start;
    record_.abandoned = pending_;
  }

  void stop() override {
    stopping_ = true;
    record_.stopped = true;
  }
  [[nodiscard]] Clock::time_point now() const override { return now_; }
  [[nodiscard]] std::size_t peak_in_flight() const override {
    std::size_t peak = 0;
    for (std::size_t p : record_.peak_outstanding) peak += p;
    return peak;
  }

private:
  struct Event {
    enum class Kind { response, resolution, scripted };
    Clock::time_point when;
    std::uint64_t order; // ties: first scheduled, first delivered
    Kind kind;
    std::uint64_t token;
    scanner::Response response;
    scanner::Resolution resolution;
    const std::function<void()>* action;
    std::size_t lane = 0;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.when != b.when ? a.when > b.when : a.order > b.order;
    }
  };

  void push(Event event) {
    event.order = next_order_++;
    events_.push(std::move(event));
  }

  void deliver(Event& event) {
    switch (event.kind) {
    case Event::Kind::scripted: (*event.action)(); return;
    case Event::Kind::response:
      --pending_;
      --outstanding_[event.lane];
      handlers_.on_response(event.token, event.response);
      return;
    case Event::Kind::resolution:
      --pending_;
      handlers_.on_resolved(event.token, std::move(event.resolution));
      return;
    }
  }

  scanner::LoopHandlers handlers_;
  const Script& script_;
  LoopRecord& record_;
  Clock::time_point now_ = run_start;
  std::priority_queue<Event, std::vector<Event>, Later> events_;
  std::uint64_t next_order_ = 0;
  std::size_t pending_ = 0; // responses and resolutions not delivered yet
  std::array<std::size_t, 3> outstanding_{};
  bool stopping_ = false;
};

} // namespace

std::vector<Sent> LoopRecord::sent_to(const std::string& part) const {
  std::vector<Sent> found;
  for (const Sent& s : sent)
    if (s.request.url.find(part) != std::string::npos) found.push_back(s);
  return found;
}

scanner::LoopFactory scripted_loop(const Script& script, LoopRecord& record) {
  return [&script, &record](scanner::LoopHandlers handlers) -> std::unique_ptr<scanner::Loop> {
    return std::make_unique<ScriptedLoop>(std::move(handlers), script, record);
  };
}

} // namespace test_support
