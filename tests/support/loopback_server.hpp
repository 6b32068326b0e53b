#pragma once
// A TCP server on 127.0.0.1 for the peers no HTTP library plays: a CUCM that echoes what it was
// sent, a "proxy" that only records that it was contacted, an AXL service that accepts and never
// answers. One thread; stopped (every connection closed) when the object goes.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace test_support {

class LoopbackServer {
public:
  // What to send back for one complete HTTP request (head and Content-Length body); nullopt:
  // nothing, ever (the connection is held until the server stops). A connection whose request
  // never completes (a CONNECT, TLS bytes) is held as well.
  using Answer = std::function<std::optional<std::string>(const std::string& request)>;

  explicit LoopbackServer(Answer answer);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::size_t connections() const { return connections_.load(); }
  // Every byte received so far, all connections together.
  [[nodiscard]] std::string received() const;

private:
  void serve();

  Answer answer_;
  int listen_fd_ = -1;
  int stop_fd_ = -1;
  int port_ = 0;
  std::atomic<std::size_t> connections_{0};
  mutable std::mutex mutex_;
  std::string received_;
  std::thread thread_;
};

// Every environment variable libcurl would take a proxy from, set to `url` (and no exceptions).
std::map<std::string, std::string> proxy_environment(const std::string& url);

// "HTTP/1.1 <status> X" with `body`, Connection: close.
std::string http_response(int status, const std::string& body);
// The body of an HTTP request (after the blank line).
std::string request_body(const std::string& request);

} // namespace test_support
