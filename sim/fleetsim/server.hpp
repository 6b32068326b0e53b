#pragma once
// The simulated network: one libmicrohttpd daemon for every phone (one shared port, the phone
// chosen by the connection's local address 127.16.x.y, else the Host header), a second one over
// HTTPS on its own port for the phones that speak only HTTPS (when given a certificate), one on
// [::1] for the IPv6 phones (chosen by the Host header: "[::1]:port" or an AAAA name), and one
// for the CUCM authentication service on 127.0.0.1. Delays (latency, the CUCM's think time, drip,
// silence) suspend the connection and a timer thread resumes it: no MHD thread ever sleeps.
#include <sim/fleetsim/credential_policy.hpp>
#include <sim/fleetsim/estate.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

struct MHD_Daemon;

namespace fleetsim {

struct ServerConfig {
  int phone_listen_fd = -1; // bound and listening; libmicrohttpd closes it on stop()
  int cucm_listen_fd = -1;
  int raw_listen_fd = -1;    // the raw hostile server's (raw_server.hpp); -1: none
  int https_listen_fd = -1;  // the HTTPS phone daemon's (https_phone); -1: none
  int phone6_listen_fd = -1; // [::1] at the phones' port (EstateOptions::ipv6); -1: none
  std::string tls_cert_pem;  // the HTTPS phone daemon's certificate and key (PEM, self-signed)
  std::string tls_key_pem;
  unsigned latency_min_ms = 0;
  unsigned latency_max_ms = 0;
  unsigned threads = 2;
  unsigned connection_limit = 20000;
  std::chrono::seconds silent_hold{120}; // a silent phone closes the connection after this
};

struct Stats {
  std::atomic<std::uint64_t> cucm_requests{0};
  std::atomic<std::uint64_t> cucm_in_flight{0};
  std::atomic<std::uint64_t> cucm_max_concurrent{0};
  std::atomic<std::uint64_t> phone_requests{0};
  std::atomic<std::uint64_t> screenshot_requests{0};
  // Where the scanner's Authorization header went. Requests to the phones' port on an address
  // that is no phone's (redirect_trap_address): any at all means a redirect was followed.
  std::atomic<std::uint64_t> foreign_requests{0};
  std::atomic<std::uint64_t> foreign_authorization{0};
  std::atomic<std::uint64_t> page_authorization{0};       // on a phone page other than the screenshot
  std::atomic<std::uint64_t> screenshot_authorization{0}; // on a phone's screenshot (expected)
  std::atomic<std::uint64_t> https_phone_requests{0};     // served by the HTTPS phone daemon
  std::atomic<std::uint64_t> ipv6_phone_requests{0};      // served on [::1] (the IPv6 phones)
};

class Scheduler;

class Servers {
public:
  // Starts the daemons. Every logon the phones and the authentication service make goes through
  // `policy`, which must outlive the servers. Throws std::runtime_error when libmicrohttpd
  // refuses to start.
  Servers(const Estate& estate, const ServerConfig& config, CredentialPolicy& policy);
  ~Servers(); // stop()
  Servers(const Servers&) = delete;
  Servers& operator=(const Servers&) = delete;

  // Resumes every suspended connection (their requests are then closed) and stops the daemons.
  void stop();
  const Stats& stats() const { return stats_; }

  // Implementation details used by the C callbacks.
  struct Impl;

private:
  Stats stats_; // before impl_, which refers to it
  std::unique_ptr<Impl> impl_;
};

} // namespace fleetsim
