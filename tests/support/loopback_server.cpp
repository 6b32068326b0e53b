#include <tests/support/loopback_server.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <stdexcept>
#include <vector>

namespace test_support {
namespace {

// A complete request: the head, and as many body bytes as its Content-Length says.
bool complete(const std::string& request) {
  const auto head_end = request.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  std::size_t length = 0;
  for (const char* name : {"\r\nContent-Length:", "\r\ncontent-length:"}) {
    const auto at = request.find(name);
    if (at != std::string::npos && at < head_end) length = std::strtoul(request.c_str() + at + 17, nullptr, 10);
  }
  return request.size() >= head_end + 4 + length;
}

} // namespace

std::map<std::string, std::string> proxy_environment(const std::string& url) {
  std::map<std::string, std::string> env{{"no_proxy", ""}, {"NO_PROXY", ""}};
  for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) env[name] = url;
  return env;
}

std::string http_response(int status, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

std::string request_body(const std::string& request) {
  const auto head_end = request.find("\r\n\r\n");
  return head_end == std::string::npos ? std::string() : request.substr(head_end + 4);
}

LoopbackServer::LoopbackServer(Answer answer) : answer_(std::move(answer)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      listen(listen_fd_, 64) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("loopback server: cannot listen");
  port_ = ntohs(address.sin_port);
  stop_fd_ = eventfd(0, EFD_CLOEXEC);
  thread_ = std::thread([this] { serve(); });
}

LoopbackServer::~LoopbackServer() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = write(stop_fd_, &one, sizeof one);
  thread_.join();
  close(stop_fd_);
  close(listen_fd_);
}

std::string LoopbackServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void LoopbackServer::serve() {
  std::map<int, std::string> clients; // fd -> bytes of its request so far
  for (;;) {
    std::vector<pollfd> fds{{stop_fd_, POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const auto& [fd, bytes] : clients) fds.push_back({fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), 10'000) < 0) continue;
    if (fds[0].revents) break;
    if (fds[1].revents & POLLIN) {
      const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        clients[fd];
        ++connections_;
      }
    }
    for (std::size_t i = 2; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      const int fd = fds[i].fd;
      char buffer[65536];
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fd);
        clients.erase(fd);
        continue;
      }
      std::string& request = clients[fd];
      request.append(buffer, static_cast<std::size_t>(n));
      {
        std::lock_guard lock(mutex_);
        received_.append(buffer, static_cast<std::size_t>(n));
      }
      if (!complete(request)) continue;
      const auto reply = answer_(request);
      if (!reply) continue; // held: the peer waits for an answer that never comes
      for (std::size_t sent = 0; sent < reply->size();) {
        const ssize_t w = write(fd, reply->data() + sent, reply->size() - sent);
        if (w <= 0) break;
        sent += static_cast<std::size_t>(w);
      }
      close(fd);
      clients.erase(fd);
    }
  }
  for (const auto& [fd, bytes] : clients) close(fd);
}

} // namespace test_support
