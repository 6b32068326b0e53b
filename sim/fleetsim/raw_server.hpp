#pragma once
// The raw hostile server: phones whose misbehaviour an HTTP library cannot produce, served from
// plain sockets on their own port (EstateOptions::raw_port), the phone chosen by the
// connection's local address.
// - endless_headers: its pages as usual (HTTP/1.0, Connection: close); its screenshot a status
//   line and then header lines without end, written as fast as the client reads, until the
//   client goes away (or 256 MiB, a bound against a client without a header cap).
// - tls_broken: inventoried as an HTTPS phone; the first bytes it reads (a ClientHello) are
//   answered with a line that is not a TLS record, then the connection is closed.
// - tls_stall: inventoried as an HTTPS phone; the connection is accepted and read, and nothing is
//   ever sent back (a TLS handshake that stalls), until the client goes away or `hold` passes.
// One thread, one epoll; no connection can block another.
#include <sim/fleetsim/estate.hpp>

#include <chrono>
#include <memory>

namespace fleetsim {

class RawServer {
public:
  // `listen_fd`: bound and listening; owned (closed) by the server from now on. Throws
  // std::runtime_error when the thread or epoll cannot be set up.
  RawServer(const Estate& estate, int listen_fd, std::chrono::seconds hold);
  ~RawServer(); // stop()
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  // Closes every connection and the listening socket; joins the thread. Idempotent.
  void stop();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace fleetsim
