// The event loop on its own: how it stops when a signal interrupts its wait, what a failed
// set-up leaves behind, and what a transfer that finds no descriptor left is called.
#include <scanner/engine.hpp>

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
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

TEST_CASE("engine: a signal during the wait reaches the idle handler, which can stop the run", "[engine]") {
  SilentListener listener;
  struct sigaction action {};
  struct sigaction previous {};
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
  CHECK(responses == 0);                            // the abandoned transfer is not delivered
}

TEST_CASE("engine: a set-up that fails (a bad --dns-server) leaves no descriptor open", "[engine]") {
  scanner::EngineLimits limits;
  limits.concurrency = 4;
  limits.dns_server = "not an address";
  auto construct = [&] {
    scanner::Engine engine(
        limits, scanner::Credentials{}, [](std::uint64_t, scanner::Response&) {},
        [](std::uint64_t, scanner::Resolution&&) {}, [] {});
  };
  // The first construction may initialise libcurl's and c-ares' process-wide state.
  REQUIRE_THROWS_AS(construct(), std::runtime_error);
  const std::size_t before = open_descriptors();
  for (int i = 0; i < 3; ++i) REQUIRE_THROWS_AS(construct(), std::runtime_error);
  CHECK(open_descriptors() == before);
}

TEST_CASE("engine: a transfer that finds every descriptor taken is a local_error (the run's problem), not the "
          "phone's connect failure or timeout",
          "[engine]") {
  SilentListener listener; // a phone that would take the connection
  int report[2];
  REQUIRE(pipe(report) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // In a child, so that the test binary keeps its descriptors: the limit the engine's budget
    // check accepts for one transfer, then every descriptor left taken after the engine is built.
    alarm(20); // a child that hangs dies; the parent then reports it
    close(report[0]);
    scanner::EngineLimits limits;
    limits.concurrency = 1;
    limits.cucm_concurrency = 1;
    limits.connect_timeout = std::chrono::milliseconds(10000);
    limits.total_timeout = std::chrono::milliseconds(10000);
    const rlimit budget{67, 67}; // 2 × 1 + 1 connections + the engine's reserve of 64
    if (setrlimit(RLIMIT_NOFILE, &budget) != 0) _exit(2);
    std::string answer = "?";
    {
      scanner::Engine engine(
          limits, scanner::Credentials{},
          [&](std::uint64_t, scanner::Response& r) {
            answer = std::to_string(static_cast<int>(r.status)) + " " + r.error;
          },
          [](std::uint64_t, scanner::Resolution&&) {}, [] {});
      while (dup(report[1]) >= 0) {}
      scanner::Request request;
      request.url = "http://127.0.0.1:" + std::to_string(listener.port) + "/";
      engine.fetch(1, request);
      engine.run();
    }
    const auto size = static_cast<ssize_t>(answer.size());
    _exit(write(report[1], answer.data(), answer.size()) == size ? 0 : 3);
  }
  close(report[1]);
  std::array<char, 512> buffer{};
  const auto got = read(report[0], buffer.data(), buffer.size());
  close(report[0]);
  int wait_status = 0;
  REQUIRE(waitpid(child, &wait_status, 0) == child);
  REQUIRE(WIFEXITED(wait_status));
  REQUIRE(WEXITSTATUS(wait_status) == 0);
  REQUIRE(got > 0);
  const std::string answer(buffer.data(), static_cast<std::size_t>(got));
  CHECK(answer == std::to_string(static_cast<int>(scanner::TransferStatus::local_error)) +
                      " event loop: socket: Too many open files");
}
