#pragma once
// The event loop: one libcurl multi handle driven by curl_multi_socket_action over epoll and a
// timerfd, with c-ares on the same loop. Requests wait in lanes with their own caps and rates;
// the engine starts them as room frees up. It knows HTTP and DNS, nothing about phones.
#include <scanner/loop.hpp>
#include <scanner/transfer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace scanner {

struct EngineLimits {
  int concurrency = 256;     // transfers in flight, all lanes together
  int auth_concurrency = 8;  // authenticated requests to phones in flight
  double auth_rate = 0;      // authenticated requests started per second; 0 = unlimited
  int cucm_concurrency = 4;  // requests to the CUCM in flight
  double cucm_rate = 0;      // per second; 0 = unlimited
  int dns_concurrency = 256; // c-ares queries in flight
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  std::string dns_server;     // "HOST[:PORT]"; empty: the system's resolv.conf
  std::string cucm_ca_file;   // PEM CA certificates that verify the CUCM lane; empty: the system's
  bool cucm_insecure = false; // the CUCM lane's certificate is not verified (only when asked)
};

struct Credentials {
  std::string user;
  std::string password;
};

// The product's Loop (scanner/loop.hpp: the handlers, what run() and stop() do).
class Engine final : public Loop {
public:
  // Raises RLIMIT_NOFILE to its hard limit. Throws std::runtime_error when libcurl, c-ares or
  // epoll cannot be set up, when `dns_server` is not a valid address, or when the open-file
  // limit cannot cover 2 × `concurrency` + `cucm_concurrency` sockets plus a small reserve
  // (transfers in flight, and phones' connections kept open between their requests).
  // libcurl and c-ares must have been initialised (util::NetLibraries in main).
  Engine(EngineLimits limits, Credentials credentials, ResponseHandler on_response, ResolveHandler on_resolved,
         IdleHandler on_idle);
  ~Engine() override;

  void fetch(std::uint64_t token, Request request) override;
  void resolve(std::uint64_t token, std::string host) override;
  void run() override;
  void stop() override;
  [[nodiscard]] Clock::time_point now() const override { return Clock::now(); }
  [[nodiscard]] std::size_t peak_in_flight() const override;

  [[nodiscard]] std::size_t in_flight() const;
  // Transfers the engine keeps for reuse, each with its libcurl handle (~5 KB) and receive
  // buffer: never more than were in flight at once (peak_in_flight).
  [[nodiscard]] std::size_t pooled_transfers() const;
  [[nodiscard]] std::size_t queued(Lane lane) const;

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
