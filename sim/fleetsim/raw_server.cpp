#include <sim/fleetsim/raw_server.hpp>

#include <sim/fleetsim/pages.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

namespace fleetsim {

using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t max_request_head = 16 * 1024;
constexpr std::uint64_t max_endless_bytes = 256ULL << 20;
constexpr std::size_t endless_refill = 64 * 1024;

struct Connection {
  int fd = -1;
  const Phone* phone = nullptr;
  std::string in;
  std::string out;
  std::size_t out_pos = 0;
  bool endless = false;
  std::uint64_t header_lines = 0;
  std::uint64_t sent = 0;
  Clock::time_point expires;
};

std::string http_answer(std::string_view status, std::string_view content_type, std::string_view body) {
  std::string out = "HTTP/1.1 ";
  out += status;
  out += "\r\nServer: fleetsim-raw\r\nContent-Type: ";
  out += content_type;
  out += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  out += body;
  return out;
}

void append_header_lines(Connection& c) {
  char line[160];
  while (c.out.size() < endless_refill) {
    const int n = std::snprintf(line, sizeof line,
                                "X-Fleetsim-Filler-%08llu: hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh"
                                "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh\r\n",
                                static_cast<unsigned long long>(c.header_lines++));
    c.out.append(line, static_cast<std::size_t>(n));
  }
}

} // namespace

struct RawServer::Impl {
  const Estate& estate;
  int listen_fd;
  std::chrono::seconds hold;
  int epfd = -1;
  int wake_fd = -1;
  bool stopped = false;
  std::unordered_map<int, Connection> connections;
  std::thread thread;

  Impl(const Estate& e, int fd, std::chrono::seconds h) : estate(e), listen_fd(fd), hold(h) {
    epfd = epoll_create1(EPOLL_CLOEXEC);
    wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epfd < 0 || wake_fd < 0) {
      close_fds();
      throw std::runtime_error(std::string("raw server set-up failed: ") + std::strerror(errno));
    }
    fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
    watch(listen_fd, EPOLLIN);
    watch(wake_fd, EPOLLIN);
    thread = std::thread([this] { run(); });
  }

  ~Impl() { stop(); }

  void watch(int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
  }

  void rewatch(int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
  }

  void stop() {
    if (stopped) return;
    stopped = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto ignored = write(wake_fd, &one, sizeof one);
    if (thread.joinable()) thread.join();
    for (auto& [fd, c] : connections) close(fd);
    connections.clear();
    close_fds();
  }

  void close_fds() {
    if (listen_fd >= 0) close(listen_fd);
    if (wake_fd >= 0) close(wake_fd);
    if (epfd >= 0) close(epfd);
    listen_fd = wake_fd = epfd = -1;
  }

  const Phone* identify(int fd) const {
    sockaddr_in local{};
    socklen_t length = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0 || local.sin_family != AF_INET)
      return nullptr;
    return estate.find_by_address(ntohl(local.sin_addr.s_addr));
  }

  void drop(int fd) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    connections.erase(fd);
  }

  void accept_all() {
    for (;;) {
      const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return; // EAGAIN, or a transient error: the next event retries
      const Phone* phone = identify(fd);
      if (phone == nullptr || !served_raw(phone->scenario)) {
        close(fd);
        continue;
      }
      Connection c;
      c.fd = fd;
      c.phone = phone;
      c.expires = Clock::now() + hold;
      connections.emplace(fd, std::move(c));
      watch(fd, EPOLLIN | EPOLLRDHUP);
    }
  }

  // The request head is complete: decide what to send.
  void answer(Connection& c) {
    const std::size_t line_end = c.in.find("\r\n");
    const std::string_view line = std::string_view(c.in).substr(0, line_end);
    const std::size_t first = line.find(' ');
    const std::size_t second = line.find(' ', first + 1);
    std::string_view target =
        first == std::string_view::npos ? std::string_view{} : line.substr(first + 1, second - first - 1);
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    const Resource resource = resource_for(*c.phone->model, path, query);
    switch (resource) {
    case Resource::none:
      c.out = http_answer("404 Not Found", "text/html", "<html><body>404 Not Found</body></html>\n");
      break;
    case Resource::screenshot:
      c.endless = true;
      c.out = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n";
      append_header_lines(c);
      break;
    default: {
      const Page page = render_page(*c.phone, resource);
      c.out = http_answer("200 OK", page.content_type, page.body);
    }
    }
    rewatch(c.fd, EPOLLOUT | EPOLLRDHUP);
  }

  // Returns false when the connection is finished (closed by the caller).
  bool on_readable(Connection& c) {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(c.fd, buffer, sizeof buffer);
      if (n == 0) return false;
      if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      if (c.phone->scenario == Scenario::tls_broken && c.out.empty()) {
        // Whatever the client sent (a ClientHello), the answer is not a TLS record; then close.
        c.out = "fleetsim: this is not TLS\r\n\x01\x02\x03 garbage garbage garbage garbage\r\n";
        rewatch(c.fd, EPOLLOUT | EPOLLRDHUP);
        return true;
      }
      if (c.phone->scenario == Scenario::tls_stall || !c.out.empty()) continue; // never answered
      c.in.append(buffer, static_cast<std::size_t>(n));
      if (c.in.find("\r\n\r\n") != std::string::npos) {
        answer(c);
        return true;
      }
      if (c.in.size() > max_request_head) return false;
    }
  }

  bool on_writable(Connection& c) {
    for (;;) {
      if (c.out_pos == c.out.size()) {
        if (!c.endless || c.sent >= max_endless_bytes) return false; // done: close
        c.out.clear();
        c.out_pos = 0;
        append_header_lines(c);
      }
      const ssize_t n = send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
      if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      c.out_pos += static_cast<std::size_t>(n);
      c.sent += static_cast<std::uint64_t>(n);
    }
  }

  void expire() {
    const auto now = Clock::now();
    std::vector<int> due;
    for (const auto& [fd, c] : connections)
      if (c.expires <= now) due.push_back(fd);
    for (const int fd : due) drop(fd);
  }

  void run() {
    std::array<epoll_event, 64> events{};
    for (;;) {
      const int n = epoll_wait(epfd, events.data(), static_cast<int>(events.size()), 1000);
      if (n < 0 && errno != EINTR) return;
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        const std::uint32_t ev = events[i].events;
        if (fd == wake_fd) return;
        if (fd == listen_fd) {
          accept_all();
          continue;
        }
        const auto it = connections.find(fd);
        if (it == connections.end()) continue;
        Connection& c = it->second;
        bool keep = (ev & (EPOLLERR | EPOLLHUP)) == 0;
        if (keep && (ev & (EPOLLIN | EPOLLRDHUP))) keep = on_readable(c);
        if (keep && (ev & EPOLLOUT)) keep = on_writable(c);
        if (!keep) drop(fd);
      }
      expire();
    }
  }
};

RawServer::RawServer(const Estate& estate, int listen_fd, std::chrono::seconds hold)
    : impl_(std::make_unique<Impl>(estate, listen_fd, hold)) {}

RawServer::~RawServer() { stop(); }

void RawServer::stop() {
  if (impl_) impl_->stop();
}

} // namespace fleetsim
