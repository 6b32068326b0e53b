#include <scanner/engine.hpp>

#include <scanner/classify.hpp>
#include <scanner/lane_scheduler.hpp>
#include <util/ares_handles.hpp>
#include <util/curl_handles.hpp>
#include <util/unique_fd.hpp>

#include <ares.h>
#include <curl/curl.h>

#include <arpa/inet.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace scanner {
namespace {

using Clock = std::chrono::steady_clock;

// epoll user data: the kind of descriptor in the high half, the fd in the low half, so that no
// per-socket allocation is needed to route an event.
enum class FdKind : std::uint64_t { timer = 1, curl = 2, ares = 3 };
std::uint64_t tag(FdKind kind, int fd) {
  return (static_cast<std::uint64_t>(kind) << 32) | static_cast<std::uint32_t>(fd);
}

// curl_multi_assign needs a non-null pointer to mark a socket as already in epoll; the socket
// needs no state of its own because the epoll tag routes it.
char registered_marker;

// Descriptors besides the transfers' sockets: stdio, epoll, timerfd, libcurl's wake-up pair,
// c-ares' sockets, SQLite (database, WAL, shm for two connections), the run lock, with room.
constexpr std::size_t descriptor_reserve = 64;

// Connections the engine may hold open: one per transfer in flight, and as many idle ones
// kept between a phone's requests (a phone whose next request waits for a slot keeps its
// connection; the last request to a phone closes it). The CUCM lane reuses a few of its own.
std::size_t connection_budget(const EngineLimits& limits) {
  return 2 * static_cast<std::size_t>(std::max(1, limits.concurrency)) +
         static_cast<std::size_t>(std::max(1, limits.cucm_concurrency));
}

// Phone connections are spread over this many connection caches (see Engine::Impl::phone_caches):
// a cache holds about (connections open) / connection_partitions of them.
constexpr std::size_t connection_partitions = 64;

// Which cache a phone request's connection belongs to: the URL's scheme and authority (where
// libcurl looks for a connection to reuse) and the address it is pinned to.
std::size_t partition_of(const Request& r) {
  const std::size_t authority = r.url.find("//");
  const std::size_t path = authority == std::string::npos ? r.url.size() : r.url.find('/', authority + 2);
  const std::string_view origin(r.url.data(), std::min(path, r.url.size()));
  return std::hash<std::string_view>{}(origin) ^ std::hash<std::string>{}(r.connect_ip);
}

// An idle connection nobody came back for (a plan that ended before its marked last request)
// is closed after this long; a phone parked longer reconnects.
constexpr long idle_connection_max_age_s = 5;

// libcurl's receive buffer per transfer. Real phone pages are 3-11.5 KB (tests/fixtures/
// real-pages; fleetsim's are 1-4 KB): one to three reads each, a screenshot a few more. 16 KB
// (libcurl's default) cost 11 MB more at 2,000 in flight (bench/RESULTS.md).
constexpr long receive_buffer_bytes = 4096;

// The most of a body allocated on its Content-Length alone, before its bytes arrive: more than
// any phone page (real ones are 3-11 KB, tests/fixtures/real-pages).
constexpr std::size_t announced_reserve_cap = 64 * 1024;

// A phone's response headers are a few hundred bytes. A header section that never ends must
// not grow without bound nor run until the timeout: past this, the transfer is abandoned.
constexpr std::size_t header_cap = 64 * 1024;

using util::UniqueFd;
using MultiHandle = util::MultiHandle;
using ShareHandle = util::ShareHandle;
using Channel = util::AresChannel;

} // namespace

std::size_t raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

void check_descriptor_budget(const EngineLimits& limits) {
  // Every connection (connection_budget) holds a socket; c-ares, epoll, the timerfd, libcurl's
  // wake-up pipe, SQLite and stdio need a few more. Too few descriptors is the run's problem,
  // said up front, not thousands of phones reported unreachable.
  const std::size_t open_files = raise_open_file_limit();
  const std::size_t needed = connection_budget(limits) + descriptor_reserve;
  if (open_files < needed)
    throw std::runtime_error("--concurrency " + std::to_string(limits.concurrency) + " needs " +
                             std::to_string(needed) + " open files, but this process may open " +
                             std::to_string(open_files) + " (ulimit -n); raise the limit or lower --concurrency");
}

struct Engine::Impl {
  struct Transfer {
    util::EasyHandle easy;
    std::uint64_t token = 0;
    Request request;
    std::string body;
    bool over_cap = false;
    std::size_t header_bytes = 0;
    bool headers_over_cap = false;
    std::array<char, CURL_ERROR_SIZE> error{};
    util::CurlSlist connect_to;
    int socket_errno = 0;   // why opening its socket failed (libcurl 7.88 does not keep it)
    bool active = false;    // in the multi handle
    std::string loop_error; // the loop failed it (its socket could not be watched): why
  };
  struct DnsQuery {
    Impl* impl;
    std::uint64_t token;
  };

  EngineLimits limits;
  Credentials credentials;
  ResponseHandler on_response;
  ResolveHandler on_resolved;
  IdleHandler on_idle;

  // Declared in the order they may be torn down in reverse: libcurl and c-ares call back into
  // the descriptors and the sets below while they close their sockets.
  UniqueFd epfd;
  UniqueFd timerfd;
  std::optional<Clock::time_point> curl_deadline;
  std::optional<Clock::time_point> armed_deadline; // what the timerfd holds; nullopt: disarmed
  std::unordered_set<int> ares_fds;
  Channel channel;
  // Phone connections are kept in connection_partitions caches (share handles), chosen by the
  // phone's address, instead of the multi handle's one cache: libcurl 7.88's
  // curl_multi_remove_handle walks the whole cache of a transfer whose connection was kept
  // (looking for CONNECT_ONLY connections), so with one cache every request cost O(window).
  std::vector<ShareHandle> phone_caches;
  MultiHandle multi;

  LaneScheduler lanes;
  std::vector<std::unique_ptr<Transfer>> transfers; // owns every pooled transfer
  std::vector<Transfer*> idle_transfers;

  std::deque<std::pair<std::uint64_t, std::string>> dns_queue;
  std::size_t dns_in_flight = 0;
  bool stopping = false;
  Response response;                          // reused for every completion
  std::vector<Transfer*> unwatched_transfers; // to end as local_error once libcurl has returned
  std::string fatal; // the loop itself failed inside a callback: thrown by run() once it returned

  Impl(EngineLimits l, Credentials c, ResponseHandler r, ResolveHandler d, IdleHandler i)
      : limits(std::move(l)), credentials(std::move(c)), on_response(std::move(r)), on_resolved(std::move(d)),
        on_idle(std::move(i)), lanes(limits) {
    check_descriptor_budget(limits);
    open_descriptors();
    set_up_multi();
    set_up_resolver();
  }

  void open_descriptors() {
    epfd.reset(epoll_create1(EPOLL_CLOEXEC));
    if (!epfd.valid()) throw set_up_failure("epoll_create1", errno);
    timerfd.reset(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    if (!timerfd.valid()) throw set_up_failure("timerfd_create", errno);
    if (const int err = watch(timerfd.get(), tag(FdKind::timer, timerfd.get()), EPOLLIN, false))
      throw set_up_failure("epoll_ctl", err);
  }

  static std::runtime_error set_up_failure(const char* call, int err) {
    return std::runtime_error(std::string("event loop set-up failed: ") + call + ": " + std::strerror(err));
  }

  void set_up_multi() {
    multi.reset(curl_multi_init());
    if (!multi) throw std::runtime_error("libcurl multi handle set-up failed");
    CURLM* m = multi.get();
    // A safety net only: admission control below keeps the real window.
    const auto connections = static_cast<long>(connection_budget(limits));
    // The connection cache keeps a phone's connection between its sequential requests (device
    // page, status, network, screenshot): a phone costs one TCP connect, not four. It must hold
    // one connection per phone the sweep may have open (connection_budget): when it is over its
    // size, libcurl walks all of it for the oldest idle connection on every request that ends.
    const bool set = curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Impl::socket_callback) == CURLM_OK &&
                     curl_multi_setopt(m, CURLMOPT_SOCKETDATA, this) == CURLM_OK &&
                     curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Impl::timer_callback) == CURLM_OK &&
                     curl_multi_setopt(m, CURLMOPT_TIMERDATA, this) == CURLM_OK &&
                     curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections) == CURLM_OK &&
                     curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, connections) == CURLM_OK;
    if (!set) throw std::runtime_error("libcurl multi handle set-up failed (an option was refused)");
    for (std::size_t n = 0; n < connection_partitions; ++n) {
      ShareHandle cache(curl_share_init());
      if (!cache || curl_share_setopt(cache.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK)
        throw std::runtime_error("libcurl connection cache set-up failed");
      phone_caches.push_back(std::move(cache));
    }
  }

  void set_up_resolver() {
    ares_options options{};
    options.sock_state_cb = &Impl::ares_socket_state;
    options.sock_state_cb_data = this;
    options.timeout = 1500; // ms per try: a dead DNS server must fail names, not hang the run
    options.tries = 2;
    const int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
    ares_channel raw_channel = nullptr;
    if (ares_init_options(&raw_channel, &options, mask) != ARES_SUCCESS)
      throw std::runtime_error("c-ares channel set-up failed");
    channel.reset(raw_channel);
    if (!limits.dns_server.empty() &&
        ares_set_servers_ports_csv(channel.get(), limits.dns_server.c_str()) != ARES_SUCCESS)
      throw std::runtime_error("--dns-server: not an address[:port]: " + limits.dns_server);
  }

  ~Impl() {
    // An easy handle leaves the multi handle, then goes before the caches it may use.
    for (auto& t : transfers) {
      if (t->easy) curl_multi_remove_handle(multi.get(), t->easy.get());
      t->easy.reset();
    }
    // Explicitly, in this order, while the state their callbacks touch is still alive: the
    // multi handle, the caches, the c-ares channel (pending lookups end with ARES_EDESTRUCTION,
    // not delivered). The descriptors close last, as members. A constructor that throws
    // unwinds the same members in reverse declaration order, with nothing in flight.
    multi.reset();
    phone_caches.clear();
    channel.reset();
  }

  // --- libcurl callbacks: they only record what libcurl asked for ---------------------------

  static int socket_callback(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp) {
    auto* self = static_cast<Impl*>(userp);
    if (what == CURL_POLL_REMOVE) {
      // The socket leaves the loop whatever this says: ENOENT means its add had failed (and
      // was reported then), EBADF that it is closed already.
      epoll_ctl(self->epfd.get(), EPOLL_CTL_DEL, fd, nullptr);
      curl_multi_assign(self->multi.get(), fd, nullptr);
      return 0;
    }
    const std::uint32_t events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
    if (const int err = self->watch(fd, tag(FdKind::curl, fd), events, socketp != nullptr)) {
      self->unwatched(easy, "event loop: epoll_ctl: " + std::string(std::strerror(err)));
      return 0;
    }
    // A failed assign costs nothing: the next call for this socket adds it again, finds it
    // there (EEXIST) and modifies it instead.
    if (!socketp) curl_multi_assign(self->multi.get(), fd, &registered_marker);
    return 0;
  }

  // Adds `fd` to epoll (or modifies it when `known`); 0, or the errno of the failure. A number
  // reused before its removal was seen is found there (EEXIST: modify it), and one closed since
  // its add was dropped by the kernel (ENOENT: add it).
  int watch(int fd, std::uint64_t data, std::uint32_t events, bool known) const {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = data;
    if (epoll_ctl(epfd.get(), known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) == 0) return 0;
    if (errno != (known ? ENOENT : EEXIST)) return errno;
    if (epoll_ctl(epfd.get(), known ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev) == 0) return 0;
    return errno;
  }

  // A transfer whose socket the loop cannot watch would hear nothing until its timeout and be
  // reported as the phone's `timed_out`. It is ended as a local_error naming the call instead,
  // once libcurl has returned (end_unwatched); a socket of no transfer of ours stops the run.
  void unwatched(CURL* easy, std::string why) {
    Transfer* t = nullptr;
    if (easy && curl_easy_getinfo(easy, CURLINFO_PRIVATE, &t) == CURLE_OK && t && t->active) {
      if (t->loop_error.empty()) {
        t->loop_error = std::move(why);
        unwatched_transfers.push_back(t);
      }
      return;
    }
    if (fatal.empty()) fatal = std::move(why);
  }

  static int timer_callback(CURLM*, long timeout_ms, void* userp) {
    auto* self = static_cast<Impl*>(userp);
    if (timeout_ms < 0) self->curl_deadline.reset();
    else self->curl_deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
  }

  // Opens the transfer's socket as libcurl would, but keeps socket()'s errno: libcurl 7.88
  // reports a socket it could not open as CURLE_COULDNT_CONNECT with no OS error, so a run out
  // of descriptors would read as phones refusing connections.
  static curl_socket_t open_socket(void* userp, curlsocktype, curl_sockaddr* address) {
    const int fd = socket(address->family, address->socktype, address->protocol);
    if (fd < 0) static_cast<Transfer*>(userp)->socket_errno = errno;
    return fd < 0 ? CURL_SOCKET_BAD : fd;
  }

  // Phone connections are closed with SO_LINGER {1, 0}: a reset, no TIME_WAIT. By the time
  // libcurl closes one, its answers are complete (an idle connection leaving the cache) or
  // abandoned (a failed transfer); nothing is lost, and tens of thousands of TIME_WAIT sockets
  // would otherwise make every later connect() search among them for a port.
  static int close_socket(void*, curl_socket_t fd) {
    const linger abort_on_close{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    return close(fd);
  }

  static std::size_t header_callback(char*, std::size_t size, std::size_t count, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    const std::size_t n = size * count;
    t->header_bytes += n;
    if (t->header_bytes > header_cap) {
      t->over_cap = true;
      t->headers_over_cap = true;
      return 0; // abandons the transfer: CURLE_WRITE_ERROR
    }
    return n;
  }

  static std::size_t write_callback(char* data, std::size_t size, std::size_t count, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    const std::size_t n = size * count;
    if (t->body.size() + n > t->request.body_cap) {
      t->over_cap = true;
      return 0; // abandons the transfer: CURLE_WRITE_ERROR
    }
    if (t->body.empty()) reserve_announced_length(*t, n);
    t->body.append(data, n);
    return n;
  }

  // A body read in receive-buffer pieces grows by doubling: a 5 KB page took an 8 KB buffer.
  // When the answer announces its length, the body is allocated once, at that; but no more than
  // announced_reserve_cap up front, so that a phone announcing megabytes it never sends costs
  // no more than a page (an image past it grows as its bytes arrive).
  static void reserve_announced_length(Transfer& t, std::size_t first_piece) {
    curl_off_t announced = -1;
    if (curl_easy_getinfo(t.easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) != CURLE_OK) return;
    const auto length = static_cast<std::size_t>(std::max<curl_off_t>(announced, 0));
    if (length > first_piece) t.body.reserve(std::min({length, t.request.body_cap, announced_reserve_cap}));
  }

  // --- c-ares -------------------------------------------------------------------------------

  static void ares_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
    auto* self = static_cast<Impl*>(data);
    if (!readable && !writable) {
      epoll_ctl(self->epfd.get(), EPOLL_CTL_DEL, fd, nullptr); // leaves the loop whatever it says
      self->ares_fds.erase(fd);
      return;
    }
    const std::uint32_t events = (readable ? EPOLLIN : 0u) | (writable ? EPOLLOUT : 0u);
    const bool known = self->ares_fds.contains(fd);
    // A DNS socket carries many lookups: one that cannot be watched would fail them all as
    // names that do not resolve. That is the run's problem, said as such.
    if (const int err = self->watch(fd, tag(FdKind::ares, fd), events, known)) {
      if (self->fatal.empty()) self->fatal = "event loop: epoll_ctl (a DNS socket): " + std::string(std::strerror(err));
      return;
    }
    self->ares_fds.insert(fd);
  }

  static void ares_done(void* arg, int status, int, ares_addrinfo* result) {
    const util::AresAddrinfo owned(result);
    const std::unique_ptr<DnsQuery> query(static_cast<DnsQuery*>(arg));
    Impl* self = query->impl;
    const std::uint64_t token = query->token;
    --self->dns_in_flight;
    Resolution resolution;
    if (status == ARES_SUCCESS && result) {
      std::vector<std::string> v6;
      for (ares_addrinfo_node* node = result->nodes; node; node = node->ai_next) {
        char text[INET6_ADDRSTRLEN] = {};
        if (node->ai_family == AF_INET) {
          auto* sa = reinterpret_cast<sockaddr_in*>(node->ai_addr);
          inet_ntop(AF_INET, &sa->sin_addr, text, sizeof text);
          resolution.addresses.emplace_back(text);
        } else if (node->ai_family == AF_INET6) {
          auto* sa = reinterpret_cast<sockaddr_in6*>(node->ai_addr);
          inet_ntop(AF_INET6, &sa->sin6_addr, text, sizeof text);
          v6.emplace_back(text);
        }
      }
      resolution.addresses.insert(resolution.addresses.end(), v6.begin(), v6.end());
      resolution.ok = !resolution.addresses.empty();
      if (!resolution.ok) resolution.error = "no address in the answer";
    } else {
      resolution.error = ares_strerror(status);
    }
    if (status != ARES_EDESTRUCTION) self->on_resolved(token, std::move(resolution));
  }

  // --- admission ----------------------------------------------------------------------------

  Transfer* acquire_transfer() {
    if (!idle_transfers.empty()) {
      Transfer* t = idle_transfers.back();
      idle_transfers.pop_back();
      curl_easy_reset(t->easy.get());
      return t;
    }
    auto t = std::make_unique<Transfer>();
    t->easy.reset(curl_easy_init());
    if (!t->easy) return nullptr;
    transfers.push_back(std::move(t));
    return transfers.back().get();
  }

  void release_transfer(Transfer* t) {
    // The body goes back to the allocator as soon as the handler has read it: a pooled transfer
    // that kept its buffer held a page's worth of memory through its next request's wait (12 MB
    // of the peak heap at 2,000 in flight against phones answering after 200 ms; bench/nginx).
    std::string().swap(t->body);
    t->request = Request{};
    t->connect_to.clear();
    t->over_cap = false;
    t->header_bytes = 0;
    t->headers_over_cap = false;
    t->error[0] = '\0';
    t->socket_errno = 0;
    t->active = false;
    t->loop_error.clear();
    idle_transfers.push_back(t);
  }

  // Starts a transfer; the empty string, or why it could not start (the phone's local_error).
  std::string start(std::uint64_t token, Request&& request) {
    Transfer* t = acquire_transfer();
    if (!t) return "event loop: curl_easy_init failed";
    t->token = token;
    t->request = std::move(request);
    if (!pin_connection(*t)) {
      release_transfer(t);
      return "event loop: out of memory for CURLOPT_CONNECT_TO";
    }
    util::EasyOptions options(t->easy.get());
    set_transfer_options(options, *t);
    set_connection_options(options, t->request);
    set_security_options(options, t->request);
    if (!t->connect_to.empty()) options.set(CURLOPT_CONNECT_TO, t->connect_to.get());
    if (options.result() != CURLE_OK) {
      release_transfer(t);
      return "event loop: curl_easy_setopt: " + std::string(curl_easy_strerror(options.result()));
    }
    t->active = true;
    if (const CURLMcode code = curl_multi_add_handle(multi.get(), t->easy.get()); code != CURLM_OK) {
      t->active = false;
      release_transfer(t);
      return "event loop: curl_multi_add_handle: " + std::string(curl_multi_strerror(code));
    }
    return {};
  }

  // Pins the connection to the address c-ares (or the inventory) gave; libcurl's own threaded
  // resolver is never used. False when the entry could not be allocated.
  static bool pin_connection(Transfer& t) {
    const std::string& ip = t.request.connect_ip;
    if (ip.empty()) return true;
    const bool v6 = ip.find(':') != std::string::npos;
    const std::string entry = "::" + (v6 ? "[" + ip + "]" : ip) + ":";
    return t.connect_to.append(entry.c_str());
  }

  // The transfer's own state, its callbacks and its bounds.
  void set_transfer_options(util::EasyOptions& o, Transfer& t) const {
    const Request& r = t.request;
    o.set(CURLOPT_URL, r.url.c_str());
    o.set(CURLOPT_PRIVATE, static_cast<void*>(&t));
    o.set(CURLOPT_WRITEFUNCTION, &Impl::write_callback);
    o.set(CURLOPT_WRITEDATA, static_cast<void*>(&t));
    o.set(CURLOPT_ERRORBUFFER, t.error.data());
    o.set(CURLOPT_NOSIGNAL, 1L);
    o.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
    o.set(CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count()));
    o.set(CURLOPT_USERAGENT, "phonesweep/0.1");
    // Every pooled handle keeps a receive buffer of this size: libcurl's 16 KB default cost ~10 MB
    // of peak RSS at 2,000 in flight (bench/RESULTS.md), for pages of at most ~4 KB.
    o.set(CURLOPT_BUFFERSIZE, receive_buffer_bytes);
    o.set(CURLOPT_FOLLOWLOCATION, 0L); // a redirect is an answer to judge, not to follow
    o.set(CURLOPT_HEADERFUNCTION, &Impl::header_callback);
    o.set(CURLOPT_HEADERDATA, static_cast<void*>(&t));
    o.set(CURLOPT_OPENSOCKETFUNCTION, &Impl::open_socket);
    o.set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(&t));
    // A Content-Length over the cap fails at once instead of after `body_cap` bytes.
    o.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.body_cap));
    // No Accept-Encoding is sent and nothing is inflated: a gzip bomb stays its compressed size
    // and is judged (and capped) as the bytes it is.
    o.set(CURLOPT_HTTP_CONTENT_DECODING, 0L);
    o.set(CURLOPT_PROTOCOLS_STR, "http,https");
    if (r.basic_auth) {
      o.set(CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      o.set(CURLOPT_USERNAME, credentials.user.c_str());
      o.set(CURLOPT_PASSWORD, credentials.password.c_str());
    }
    if (!r.post_form.empty()) {
      o.set(CURLOPT_POSTFIELDSIZE, static_cast<long>(r.post_form.size()));
      o.set(CURLOPT_POSTFIELDS, r.post_form.c_str());
    }
  }

  // Where the transfer connects and which connection it may reuse.
  void set_connection_options(util::EasyOptions& o, const Request& r) {
    // Never through a proxy: "" makes libcurl ignore http_proxy / https_proxy / ALL_PROXY, which
    // would carry the Basic credentials and the CUCM form to whoever set them; and each
    // connection is pinned to the address resolved here (CONNECT_TO), which a proxy would undo.
    o.set(CURLOPT_PROXY, "");
    // No DNS cache: every URL holds an IP literal (or is pinned by CONNECT_TO), and libcurl
    // 7.88 walks its whole cache to prune it before each connect. With one entry per phone
    // that walk was O(phones) per request: 16 % of the CPU at 5,000 phones (bench/RESULTS.md).
    o.set(CURLOPT_DNS_CACHE_TIMEOUT, 0L);
    // Connections are reused (HTTP/1.1 keep-alive): a phone's requests are sequential, so its
    // next request finds its connection idle in the cache. Basic credentials are a header of
    // each request, not a property of the connection. A transfer that fails (timeout, reset,
    // truncated, over a cap) makes libcurl close its connection, so a bad answer never leaves
    // a half-read connection for the next request; a reused connection found dead is retried
    // on a fresh one by libcurl.
    // The last request to a phone closes its connection as soon as the answer is in: an idle
    // connection left in the cache would only be evicted later, and libcurl 7.88 finds the one
    // to evict by walking every connection it holds. Idle connections nobody came back for
    // (a plan that ended early) go after CURLOPT_MAXAGE_CONN.
    o.set(CURLOPT_FORBID_REUSE, r.last_to_host ? 1L : 0L);
    // A phone's requests always go through the same cache, so they find its connection.
    CURLSH* cache = r.lane == Lane::cucm ? nullptr : phone_caches[partition_of(r) % phone_caches.size()].get();
    o.set(CURLOPT_SHARE, cache);
    o.set(CURLOPT_MAXAGE_CONN, idle_connection_max_age_s);
    if (r.lane != Lane::cucm) {
      o.set(CURLOPT_CLOSESOCKETFUNCTION, &Impl::close_socket);
      o.set(CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this));
    }
  }

  // Certificates are verified unless the request is for a phone (self-signed); the CUCM lane
  // verifies whatever the request says, against --cacert when given, and only --insecure
  // turns that off.
  void set_security_options(util::EasyOptions& o, const Request& r) const {
    const bool cucm = r.lane == Lane::cucm;
    if (cucm && !limits.cucm_ca_file.empty()) o.set(CURLOPT_CAINFO, limits.cucm_ca_file.c_str());
    if (cucm ? limits.cucm_insecure : !r.verify_tls) {
      o.set(CURLOPT_SSL_VERIFYPEER, 0L);
      o.set(CURLOPT_SSL_VERIFYHOST, 0L);
    }
  }

  // Starts queued work within the caps; higher-priority lanes (CUCM, then authenticated) get
  // freed slots first so that the big anonymous lane cannot starve them.
  std::optional<Clock::time_point> pump() {
    const std::optional<Clock::time_point> wake =
        lanes.pump(Clock::now(), [this](std::uint64_t token, Request&& request) {
          const std::string failure = start(token, std::move(request));
          if (failure.empty()) return true;
          fail_now(token, failure);
          return false;
        });
    while (!dns_queue.empty() && dns_in_flight < static_cast<std::size_t>(limits.dns_concurrency)) {
      auto [token, host] = std::move(dns_queue.front());
      dns_queue.pop_front();
      ++dns_in_flight;
      ares_addrinfo_hints hints{};
      hints.ai_family = AF_UNSPEC;
      hints.ai_socktype = SOCK_STREAM;
      // c-ares calls ares_done exactly once for every query (ARES_EDESTRUCTION when the channel
      // goes first), which takes the query back.
      auto query = std::make_unique<DnsQuery>(DnsQuery{this, token});
      ares_getaddrinfo(channel.get(), host.c_str(), nullptr, &hints, &Impl::ares_done, query.release());
    }
    end_unwatched(); // a socket c-ares opened to send may have been refused by epoll
    throw_if_fatal();
    return wake;
  }

  void fail_now(std::uint64_t token, const std::string& why) {
    response = Response{};
    response.status = TransferStatus::local_error;
    response.error = why;
    on_response(token, response);
  }

  // What a finished transfer hands back: its status, the HTTP answer, and why it failed.
  void read_response(CURL* e, CURLcode code, const Transfer& t) {
    TransferFacts facts = read_facts(e, code, t.over_cap, t.header_bytes > 0);
    if (facts.os_errno == 0) facts.os_errno = t.socket_errno;
    response.status = classify(facts);
    response.http_status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &response.http_status);
    const char* content_type = nullptr;
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &content_type);
    response.content_type = content_type ? content_type : "";
    curl_off_t total_us = 0;
    curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us);
    response.elapsed = std::chrono::microseconds(total_us);
    response.error.clear();
    if (code != CURLE_OK && !t.loop_error.empty()) {
      response.status = TransferStatus::local_error; // the loop's failure, not the phone's
      response.error = t.loop_error;
    } else if (t.socket_errno != 0 && response.status == TransferStatus::local_error) {
      response.error = "event loop: socket: " + std::string(std::strerror(t.socket_errno));
    } else if (t.headers_over_cap) {
      response.error = "response headers larger than " + std::to_string(header_cap) + " bytes";
    } else if (response.status == TransferStatus::too_large) {
      response.error = "body larger than " + std::to_string(t.request.body_cap) + " bytes";
    } else if (code != CURLE_OK) {
      response.error = t.error[0] ? t.error.data() : curl_easy_strerror(code);
    }
  }

  // Takes the transfer out of the multi handle and hands `response` to the caller.
  void deliver(Transfer* t) {
    if (const CURLMcode code = curl_multi_remove_handle(multi.get(), t->easy.get()); code != CURLM_OK)
      throw std::runtime_error("event loop: curl_multi_remove_handle: " + std::string(curl_multi_strerror(code)));
    t->active = false;
    lanes.finished(t->request.lane);
    // Lend the transfer's buffer to the handler for the call, then take it back for reuse.
    response.body.swap(t->body);
    on_response(t->token, response);
    t->body.swap(response.body);
    release_transfer(t);
  }

  void drain_completions() {
    int pending = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &pending)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* e = msg->easy_handle;
      const CURLcode code = msg->data.result;
      Transfer* t = nullptr;
      if (curl_easy_getinfo(e, CURLINFO_PRIVATE, &t) != CURLE_OK || t == nullptr)
        throw std::runtime_error("event loop: a finished transfer that is not the engine's");
      read_response(e, code, *t);
      deliver(t);
    }
  }

  // Ends the transfers whose socket could not be watched (unwatched), each as a local_error
  // naming the call that failed, and never as the phone's timeout.
  void end_unwatched() {
    while (!unwatched_transfers.empty()) {
      Transfer* t = unwatched_transfers.back();
      unwatched_transfers.pop_back();
      if (!t->active || t->loop_error.empty()) continue; // finished meanwhile, and delivered
      response = Response{};
      response.status = TransferStatus::local_error;
      response.error = t->loop_error;
      deliver(t);
    }
  }

  void throw_if_fatal() const {
    if (!fatal.empty()) throw std::runtime_error(fatal);
  }

  void socket_action(curl_socket_t fd, int mask) {
    int running = 0;
    const CURLMcode code = curl_multi_socket_action(multi.get(), fd, mask, &running);
    if (code != CURLM_OK)
      throw std::runtime_error("event loop: curl_multi_socket_action: " + std::string(curl_multi_strerror(code)));
    drain_completions();
    end_unwatched();
    throw_if_fatal();
  }

  void arm_timer(std::optional<Clock::time_point> lane_wake) {
    std::optional<Clock::time_point> deadline = curl_deadline;
    auto merge = [&](Clock::time_point t) { deadline = deadline ? std::min(*deadline, t) : t; };
    if (lane_wake) merge(*lane_wake);
    // ares_timeout walks every query in flight (c-ares 1.18): asked only when there are some.
    if (dns_in_flight > 0) {
      timeval tv{};
      if (ares_timeout(channel.get(), nullptr, &tv))
        merge(Clock::now() + std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec));
    }
    // Most turns end with the deadline the timerfd already holds: no system call then. A
    // timerfd that fired is disarmed (armed_deadline is reset when it is read), and one that
    // fired but was not read yet stays readable, so skipping is safe in both cases.
    if (deadline == armed_deadline) return;
    itimerspec spec{};
    if (deadline) {
      auto delta = std::chrono::duration_cast<std::chrono::nanoseconds>(*deadline - Clock::now());
      if (delta.count() <= 0) delta = std::chrono::nanoseconds(1); // 0 would disarm it
      spec.it_value.tv_sec = static_cast<time_t>(delta.count() / 1'000'000'000);
      spec.it_value.tv_nsec = static_cast<long>(delta.count() % 1'000'000'000);
    }
    // A timer that cannot be armed would leave every transfer waiting for an event that may
    // never come: the run's problem, not the phones'.
    if (timerfd_settime(timerfd.get(), 0, &spec, nullptr) != 0)
      throw std::runtime_error("event loop: timerfd_settime: " + std::string(std::strerror(errno)));
    armed_deadline = deadline;
  }

  bool busy() const { return !lanes.idle() || dns_in_flight > 0 || !dns_queue.empty(); }

  void run() {
    std::array<epoll_event, 512> events{};
    while (!stopping) {
      auto wake = pump();
      if (!busy()) {
        on_idle();
        wake = pump();
        if (!busy()) break;
      }
      arm_timer(wake);
      const int n = epoll_wait(epfd.get(), events.data(), static_cast<int>(events.size()), -1);
      if (n < 0) {
        if (errno == EINTR) {
          // A signal (Ctrl-C) interrupted the wait: let the idle handler see it and stop the
          // run if it wants to, rather than wait again for the next transfer event.
          on_idle();
          continue;
        }
        throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
      }
      for (int i = 0; i < n; ++i) handle_event(events[i]);
      on_idle();
    }
  }

  void handle_event(const epoll_event& event) {
    const auto kind = static_cast<FdKind>(event.data.u64 >> 32);
    const int fd = static_cast<int>(event.data.u64 & 0xffffffffu);
    const std::uint32_t ev = event.events;
    if (kind == FdKind::timer) {
      on_timer();
    } else if (kind == FdKind::curl) {
      const int mask = (ev & EPOLLIN ? CURL_CSELECT_IN : 0) | (ev & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                       (ev & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
      socket_action(fd, mask);
    } else if (kind == FdKind::ares) {
      ares_process_fd(channel.get(), ev & (EPOLLIN | EPOLLERR | EPOLLHUP) ? fd : ARES_SOCKET_BAD,
                      ev & EPOLLOUT ? fd : ARES_SOCKET_BAD);
      throw_if_fatal();
    }
  }

  void on_timer() {
    std::uint64_t expirations = 0;
    // EAGAIN is harmless: the timer was re-armed after it fired and before this read.
    if (read(timerfd.get(), &expirations, sizeof expirations) < 0 && errno != EAGAIN && errno != EINTR)
      throw std::runtime_error("event loop: reading the timerfd: " + std::string(std::strerror(errno)));
    armed_deadline.reset(); // a one-shot timerfd that fired is disarmed
    if (curl_deadline && *curl_deadline <= Clock::now()) {
      curl_deadline.reset();
      socket_action(CURL_SOCKET_TIMEOUT, 0);
    }
    ares_process_fd(channel.get(), ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    throw_if_fatal();
  }
};

Engine::Engine(EngineLimits limits, Credentials credentials, ResponseHandler on_response, ResolveHandler on_resolved,
               IdleHandler on_idle)
    : impl_(std::make_unique<Impl>(std::move(limits), std::move(credentials), std::move(on_response),
                                   std::move(on_resolved), std::move(on_idle))) {}

Engine::~Engine() = default;

void Engine::fetch(std::uint64_t token, Request request) { impl_->lanes.push(token, std::move(request)); }

void Engine::resolve(std::uint64_t token, std::string host) { impl_->dns_queue.emplace_back(token, std::move(host)); }

void Engine::run() { impl_->run(); }
void Engine::stop() { impl_->stopping = true; }
std::size_t Engine::in_flight() const { return impl_->lanes.in_flight(); }
std::size_t Engine::pooled_transfers() const { return impl_->transfers.size(); }
std::size_t Engine::queued(Lane lane) const { return impl_->lanes.queued(lane); }
std::size_t Engine::peak_in_flight() const { return impl_->lanes.peak_in_flight(); }

} // namespace scanner
