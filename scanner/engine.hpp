#pragma once
// The event loop: one libcurl multi handle driven by curl_multi_socket_action over epoll and a
// timerfd, with c-ares on the same loop. Requests wait in lanes with their own caps and rates;
// the engine starts them as room frees up. It knows HTTP and DNS, nothing about phones.
#include <scanner/transfer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace scanner {

struct EngineLimits {
  int concurrency = 256;        // transfers in flight, all lanes together
  int auth_concurrency = 8;     // authenticated requests to phones in flight
  double auth_rate = 0;         // authenticated requests started per second; 0 = unlimited
  int cucm_concurrency = 4;     // requests to the CUCM in flight
  double cucm_rate = 0;         // per second; 0 = unlimited
  int dns_concurrency = 256;    // c-ares queries in flight
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  std::string dns_server;       // "HOST[:PORT]"; empty: the system's resolv.conf
  std::string cucm_ca_file;     // PEM CA certificates that verify the CUCM lane; empty: the system's
  bool cucm_insecure = false;   // the CUCM lane's certificate is not verified (only when asked)
};

struct Credentials {
  std::string user;
  std::string password;
};

struct Resolution {
  bool ok = false;
  std::vector<std::string> addresses; // IPv4 first, then IPv6; textual
  std::string error;                  // c-ares' reason when !ok
};

class Engine {
public:
  // Called on the loop thread for every finished request / lookup. `token` is the caller's.
  // The Response is only valid during the call (its body buffer is reused).
  using ResponseHandler = std::function<void(std::uint64_t token, Response& response)>;
  using ResolveHandler = std::function<void(std::uint64_t token, Resolution&& result)>;
  // Called once per loop turn, after completions were delivered: the place to admit more work.
  using IdleHandler = std::function<void()>;

  // Raises RLIMIT_NOFILE to its hard limit. Throws std::runtime_error when libcurl, c-ares or
  // epoll cannot be set up, when `dns_server` is not a valid address, or when the open-file
  // limit cannot cover 2 × `concurrency` + `cucm_concurrency` sockets plus a small reserve
  // (transfers in flight, and phones' connections kept open between their requests).
  Engine(EngineLimits limits, Credentials credentials, ResponseHandler on_response,
         ResolveHandler on_resolved, IdleHandler on_idle);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void fetch(std::uint64_t token, Request request);
  void resolve(std::uint64_t token, std::string host);

  // Runs until no request or lookup is queued or in flight and the idle handler added none,
  // or until stop() was called: then transfers and lookups still queued or in flight are
  // abandoned, and no response or resolution is delivered for them.
  void run();
  void stop();

  [[nodiscard]] std::size_t in_flight() const;
  [[nodiscard]] std::size_t queued(Lane lane) const;
  [[nodiscard]] std::size_t peak_in_flight() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Raises RLIMIT_NOFILE to its hard limit; returns the soft limit now in force.
std::size_t raise_open_file_limit();

// Raises RLIMIT_NOFILE, then throws std::runtime_error (naming --concurrency and the limit) when
// it cannot cover what `limits` needs (the Engine's own check). Callers call it first, so that a
// --concurrency the machine cannot serve is refused before anything is allocated or recorded.
void check_descriptor_budget(const EngineLimits& limits);

} // namespace scanner
