// The event loop on its own: how it stops when a signal interrupts its wait, and what a failed
// set-up leaves behind.
#include <scanner/engine.hpp>

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace {

std::atomic<bool> signalled{false};
extern "C" void note_signal(int) { signalled.store(true); }

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A TCP listener on loopback that never accepts: the kernel completes the connect, nobody answers.
struct SilentListener {
  int fd = -1;
  int port = 0;
  SilentListener() {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd, 16) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~SilentListener() { close(fd); }
};

} // namespace

TEST_CASE("engine: a signal during the wait reaches the idle handler, which can stop the run",
          "[engine]") {
  SilentListener listener;
  struct sigaction action{};
  struct sigaction previous{};
  action.sa_handler = &note_signal;
  sigemptyset(&action.sa_mask);
  REQUIRE(sigaction(SIGUSR1, &action, &previous) == 0);
  signalled.store(false);

  scanner::EngineLimits limits;
  limits.concurrency = 4;
  limits.connect_timeout = std::chrono::milliseconds(10000);
  limits.total_timeout = std::chrono::milliseconds(10000);
  int responses = 0;
  scanner::Engine* engine_ptr = nullptr;
  scanner::Engine engine(
      limits, scanner::Credentials{}, [&](std::uint64_t, scanner::Response&) { ++responses; },
      [](std::uint64_t, scanner::Resolution&&) {},
      [&] {
        if (signalled.load()) engine_ptr->stop();
      });
  engine_ptr = &engine;
  scanner::Request request;
  request.url = "http://127.0.0.1:" + std::to_string(listener.port) + "/";
  engine.fetch(1, request);

  // Signals start once the request is sent and the loop sleeps with nothing to do until the
  // transfer's timeout; they repeat until the run returns.
  const pthread_t loop_thread = pthread_self();
  std::atomic<bool> done{false};
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    while (!done.load()) {
      pthread_kill(loop_thread, SIGUSR1);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  const auto started = std::chrono::steady_clock::now();
  engine.run();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  done.store(true);
  sender.join();
  sigaction(SIGUSR1, &previous, nullptr);

  CHECK(elapsed < std::chrono::milliseconds(4000)); // not the 10 s timeout
  CHECK(responses == 0); // the abandoned transfer is not delivered
}

TEST_CASE("engine: a set-up that fails (a bad --dns-server) leaves no descriptor open", "[engine]") {
  scanner::EngineLimits limits;
  limits.concurrency = 4;
  limits.dns_server = "not an address";
  auto construct = [&] {
    scanner::Engine engine(limits, scanner::Credentials{}, [](std::uint64_t, scanner::Response&) {},
                           [](std::uint64_t, scanner::Resolution&&) {}, [] {});
  };
  // The first construction may initialise libcurl's and c-ares' process-wide state.
  REQUIRE_THROWS_AS(construct(), std::runtime_error);
  const std::size_t before = open_descriptors();
  for (int i = 0; i < 3; ++i) REQUIRE_THROWS_AS(construct(), std::runtime_error);
  CHECK(open_descriptors() == before);
}
