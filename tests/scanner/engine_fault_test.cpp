// The event loop when its own system calls fail. epoll_ctl and timerfd_settime cannot be made to
// fail from outside on a healthy machine (epoll's watch limit is per user and large), so this
// binary, and only it, puts its own definitions in front of the C library's: each passes through
// to the real call unless a test armed a failure. The engine and libcurl are the real ones.
#include <scanner/engine.hpp>
#include <tests/support/loopback_server.hpp>

#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Faults {
  int epoll_adds_to_fail = 0; // the next this many EPOLL_CTL_ADD fail with `epoll_errno`
  int epoll_errno = ENOSPC;
  bool fail_timerfd_settime = false;
};
Faults faults;

template <typename Function>
Function real(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" int epoll_ctl(int epfd, int op, int fd, epoll_event* event) {
  static const auto next = real<int (*)(int, int, int, epoll_event*)>("epoll_ctl");
  if (op == EPOLL_CTL_ADD && faults.epoll_adds_to_fail > 0) {
    --faults.epoll_adds_to_fail;
    errno = faults.epoll_errno;
    return -1;
  }
  return next(epfd, op, fd, event);
}

extern "C" int timerfd_settime(int fd, int flags, const itimerspec* value, itimerspec* old) noexcept {
  static const auto next = real<int (*)(int, int, const itimerspec*, itimerspec*)>("timerfd_settime");
  if (faults.fail_timerfd_settime) {
    errno = EINVAL;
    return -1;
  }
  return next(fd, flags, value, old);
}

namespace {

using namespace std::chrono_literals;

struct Answer {
  std::uint64_t token;
  scanner::TransferStatus status;
  std::string error;
};

// An engine that records every answer; bounded: 10 s timeouts the tests must never wait out.
struct RecordingEngine {
  std::vector<Answer> answers;
  std::vector<scanner::Resolution> resolutions;
  scanner::Engine engine;

  explicit RecordingEngine(scanner::EngineLimits limits = defaults())
      : engine(
            std::move(limits), scanner::Credentials{},
            [this](std::uint64_t token, scanner::Response& r) {
              answers.push_back({token, r.status, r.error});
            },
            [this](std::uint64_t, scanner::Resolution&& r) { resolutions.push_back(std::move(r)); }, [] {}) {}

  static scanner::EngineLimits defaults() {
    scanner::EngineLimits limits;
    limits.concurrency = 4;
    limits.connect_timeout = 10s;
    limits.total_timeout = 10s;
    return limits;
  }
  void fetch(std::uint64_t token, const std::string& url) {
    scanner::Request request;
    request.url = url;
    engine.fetch(token, request);
  }
  // Runs the engine; how long it took.
  std::chrono::steady_clock::duration run() {
    const auto started = std::chrono::steady_clock::now();
    engine.run();
    return std::chrono::steady_clock::now() - started;
  }
};

struct ClearFaults {
  ~ClearFaults() { faults = Faults{}; }
};

} // namespace

TEST_CASE("engine faults: a socket epoll refuses ends its transfer at once as local_error naming epoll_ctl, not as "
          "the phone's timeout, the loop goes on",
          "[engine][faults]") {
  const ClearFaults clear;
  // Answers, but only after the engine watched the socket: without the watch, nothing is heard.
  test_support::LoopbackServer server([](const std::string&) { return test_support::http_response(200, "ok"); });
  RecordingEngine recording;
  recording.fetch(1, server.url() + "/refused");
  faults.epoll_adds_to_fail = 1; // the engine's own descriptors were added when it was built
  const auto took = recording.run();
  REQUIRE(recording.answers.size() == 1);
  CHECK(recording.answers[0].status == scanner::TransferStatus::local_error);
  CHECK(recording.answers[0].error == "event loop: epoll_ctl: No space left on device");
  CHECK(took < 5s); // not the 10 s timeout

  recording.fetch(2, server.url() + "/after");
  recording.run();
  REQUIRE(recording.answers.size() == 2);
  CHECK(recording.answers[1].status == scanner::TransferStatus::completed);
}

TEST_CASE("engine faults: of two transfers, only the one whose socket epoll refused is a local_error",
          "[engine][faults]") {
  const ClearFaults clear;
  test_support::LoopbackServer server([](const std::string&) { return test_support::http_response(200, "ok"); });
  RecordingEngine recording;
  recording.fetch(1, server.url() + "/one");
  recording.fetch(2, server.url() + "/two");
  faults.epoll_adds_to_fail = 1;
  recording.run();
  REQUIRE(recording.answers.size() == 2);
  std::size_t refused = 0;
  for (const Answer& a : recording.answers) {
    if (a.status == scanner::TransferStatus::local_error) ++refused;
    else CHECK(a.status == scanner::TransferStatus::completed);
  }
  CHECK(refused == 1);
}

TEST_CASE("engine faults: a DNS socket epoll refuses stops the run with an error that says so, not names that do "
          "not resolve",
          "[engine][faults]") {
  const ClearFaults clear;
  auto limits = RecordingEngine::defaults();
  limits.dns_server = "127.0.0.1:9"; // nothing answers: the lookup would take its full timeout
  RecordingEngine recording(limits);
  recording.engine.resolve(1, "phone.example.net");
  faults.epoll_adds_to_fail = 1;
  CHECK_THROWS_WITH(recording.engine.run(), "event loop: epoll_ctl (a DNS socket): No space left on device");
  CHECK(recording.resolutions.empty());
}

TEST_CASE("engine faults: a timer that cannot be armed stops the run with an error naming timerfd_settime, not a "
          "hang",
          "[engine][faults]") {
  const ClearFaults clear;
  test_support::LoopbackServer server([](const std::string&) { return std::nullopt; }); // never answers
  RecordingEngine recording;
  recording.fetch(1, server.url() + "/");
  faults.fail_timerfd_settime = true;
  CHECK_THROWS_WITH(recording.engine.run(), "event loop: timerfd_settime: Invalid argument");
  CHECK(recording.answers.empty());
}

TEST_CASE("engine faults: an engine whose epoll cannot take its timer is not built, and says why", "[engine][faults]") {
  const ClearFaults clear;
  faults.epoll_adds_to_fail = 1;
  CHECK_THROWS_WITH(RecordingEngine(), "event loop set-up failed: epoll_ctl: No space left on device");
}
