#include <sim/fleetsim/server.hpp>

#include <sim/fleetsim/http_text.hpp>
#include <sim/fleetsim/pages.hpp>
#include <sim/fleetsim/raw_server.hpp>
#include <sim/fleetsim/rng.hpp>

#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <queue>
#include <stdexcept>
#include <thread>
#include <vector>

namespace fleetsim {

using Clock = std::chrono::steady_clock;

namespace {

// MHD's macros are old-style casts; spelled out here to keep the build warning-free.
constexpr std::uint64_t size_unknown = UINT64_MAX;
constexpr ssize_t reader_end_with_error = -2;
constexpr ssize_t reader_end_of_stream = -1;

constexpr std::size_t max_cucm_body = 16 * 1024;
constexpr auto drip_interval = std::chrono::milliseconds(500);
constexpr std::uint64_t drip_length = 1 << 20;

} // namespace

// Resumes suspended connections when they are due. Whoever suspends a connection hands it over
// here at once; after stop() every hand-over resumes immediately, so none stays suspended when
// the daemons stop.
class Scheduler {
public:
  Scheduler() : thread_([this] { run(); }) {}
  ~Scheduler() {
    stop();
    thread_.join();
  }
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void resume_at(MHD_Connection* connection, Clock::time_point due) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      MHD_resume_connection(connection);
      return;
    }
    const bool earliest = queue_.empty() || due < queue_.top().due;
    queue_.push(Entry{due, sequence_++, connection});
    if (earliest) wake_.notify_one();
  }

  void stop() {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    while (!queue_.empty()) {
      MHD_resume_connection(queue_.top().connection);
      queue_.pop();
    }
    wake_.notify_one();
  }

private:
  struct Entry {
    Clock::time_point due;
    std::uint64_t sequence;
    MHD_Connection* connection;
    bool operator>(const Entry& other) const { return due != other.due ? due > other.due : sequence > other.sequence; }
  };

  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (queue_.empty()) {
        wake_.wait(lock);
        continue;
      }
      const auto due = queue_.top().due;
      if (Clock::now() < due) {
        wake_.wait_until(lock, due);
        continue;
      }
      MHD_resume_connection(queue_.top().connection);
      queue_.pop();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
  std::uint64_t sequence_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

struct Servers::Impl {
  const Estate& estate;
  ServerConfig config;
  Stats& stats;
  CredentialPolicy& policy;
  Scheduler scheduler;
  std::atomic<bool> stopping{false};
  MHD_Daemon* phones = nullptr;
  MHD_Daemon* https_phones = nullptr;
  MHD_Daemon* phones6 = nullptr; // [::1]: the IPv6 phones
  MHD_Daemon* cucm = nullptr;
  // Answers that never change, built once and queued by every connection (MHD counts uses).
  MHD_Response* png = nullptr;
  MHD_Response* bmp = nullptr;
  MHD_Response* error_1 = nullptr;
  MHD_Response* error_3 = nullptr;
  MHD_Response* error_4 = nullptr;
  MHD_Response* ask_credentials = nullptr;
  MHD_Response* not_found = nullptr;
  MHD_Response* not_a_phone = nullptr; // what a printer or NAS on a phone's port might serve
  MHD_Response* server_error = nullptr;
  MHD_Response* not_allowed = nullptr;
  MHD_Response* redirect_loop = nullptr;
  MHD_Response* redirect_away = nullptr;
  MHD_Response* gzip_bomb = nullptr; // built only when the estate has such a phone
  std::unique_ptr<RawServer> raw;

  Impl(const Estate& e, const ServerConfig& c, Stats& s, CredentialPolicy& p)
      : estate(e), config(c), stats(s), policy(p) {}
};

namespace {

struct PhoneRequest {
  const Phone* phone = nullptr;
  bool waited = false;
};

struct CucmRequest {
  std::string body;
  bool authenticate = false;
  bool waited = false;
  bool answered = false;
};

struct StreamState {
  Servers::Impl* impl = nullptr;
  MHD_Connection* connection = nullptr;
  const std::string* bytes = nullptr;
  std::size_t cut = 0;    // truncated / reset: bytes sent before the failure
  bool reset = false;     // abort with a TCP RST rather than a FIN
  Clock::time_point next; // drip: when the next byte is due
};

MHD_Response* shared_response(std::string_view body, std::string_view content_type) {
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (r == nullptr) throw std::runtime_error("MHD_create_response_from_buffer failed");
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, std::string(content_type).c_str());
  return r;
}

MHD_Result queue(MHD_Connection* c, unsigned status, MHD_Response* response) {
  return MHD_queue_response(c, status, response);
}

MHD_Result queue_owned(MHD_Connection* c, unsigned status, std::string_view body, std::string_view content_type) {
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (r == nullptr) return MHD_NO;
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, std::string(content_type).c_str());
  const MHD_Result result = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return result;
}

// A per-thread generator: latency draws need no lock and no determinism.
std::uint64_t draw_between(std::uint64_t low, std::uint64_t high) {
  thread_local Rng rng(static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()) ^
                       std::hash<std::thread::id>{}(std::this_thread::get_id()));
  return high <= low ? low : low + rng.below(high - low + 1);
}

void suspend_until(Servers::Impl& impl, MHD_Connection* c, Clock::time_point due) {
  MHD_suspend_connection(c);
  impl.scheduler.resume_at(c, due);
}

const Phone* identify(const Servers::Impl& impl, MHD_Connection* c) {
  if (const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD)) {
    // On [::1] every IPv6 phone shares the address: those are told apart by the Host header.
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (getsockname(info->connect_fd, reinterpret_cast<sockaddr*>(&local), &length) == 0 &&
        local.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&local);
      if (const Phone* phone = impl.estate.find_by_address(ntohl(v4->sin_addr.s_addr))) return phone;
    }
  }
  if (const char* host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST))
    return impl.estate.find_by_host(host);
  return nullptr;
}

MHD_Result append_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* query = static_cast<std::string*>(cls);
  if (!query->empty()) *query += '&';
  *query += key;
  if (value != nullptr) {
    *query += '=';
    *query += value;
  }
  return MHD_YES;
}

ssize_t read_stream(void* cls, std::uint64_t pos, char* buffer, std::size_t max) {
  auto* s = static_cast<StreamState*>(cls);
  if (pos >= s->cut) {
    if (s->reset) {
      if (const auto* info = MHD_get_connection_info(s->connection, MHD_CONNECTION_INFO_CONNECTION_FD)) {
        const linger abort_on_close{1, 0};
        setsockopt(info->connect_fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
      }
    }
    return reader_end_with_error;
  }
  const std::size_t n = std::min<std::size_t>(max, s->cut - static_cast<std::size_t>(pos));
  std::memcpy(buffer, s->bytes->data() + pos, n);
  return static_cast<ssize_t>(n);
}

ssize_t read_drip(void* cls, std::uint64_t pos, char* buffer, std::size_t max) {
  auto* s = static_cast<StreamState*>(cls);
  if (s->impl->stopping || max == 0) return reader_end_with_error;
  const auto now = Clock::now();
  if (now < s->next) {
    // Returning 0 alone would make MHD poll us in a busy loop: sleep on the scheduler instead.
    suspend_until(*s->impl, s->connection, s->next);
    return 0;
  }
  s->next = now + drip_interval;
  buffer[0] = (*s->bytes)[static_cast<std::size_t>(pos % s->bytes->size())];
  return 1;
}

void free_stream(void* cls) { delete static_cast<StreamState*>(cls); }

ssize_t read_streamed(void* cls, std::uint64_t pos, char* buffer, std::size_t max) {
  const std::size_t n = static_cast<const StreamedBody*>(cls)->read(pos, buffer, max);
  return n == 0 ? reader_end_of_stream : static_cast<ssize_t>(n);
}

void free_streamed(void* cls) { delete static_cast<StreamedBody*>(cls); }

// A body generated as the client reads it (64 MiB screenshot, 32 MiB XML): fleetsim holds 64 KiB.
// Without `announce_length` it goes chunked: the client learns its size only by reading it.
MHD_Result queue_streamed(MHD_Connection* c, StreamedBody body, bool announce_length) {
  auto* state = new StreamedBody(std::move(body));
  MHD_Response* r = MHD_create_response_from_callback(announce_length ? state->size() : size_unknown, 64 * 1024,
                                                      read_streamed, state, free_streamed);
  if (r == nullptr) {
    delete state;
    return MHD_NO;
  }
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, state->content_type.c_str());
  const MHD_Result result = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return result;
}

MHD_Result queue_stream(Servers::Impl& impl, MHD_Connection* c, ScreenshotReply reply, const std::string& bytes,
                        std::string_view content_type) {
  auto* state = new StreamState{&impl, c, &bytes, bytes.size() / 3, false, Clock::now()};
  MHD_Response* r = nullptr;
  switch (reply) {
  case ScreenshotReply::truncated:
    r = MHD_create_response_from_callback(bytes.size(), 4096, read_stream, state, free_stream);
    break;
  case ScreenshotReply::reset:
    state->reset = true;
    r = MHD_create_response_from_callback(size_unknown, 4096, read_stream, state, free_stream);
    break;
  default: r = MHD_create_response_from_callback(drip_length, 64, read_drip, state, free_stream); break;
  }
  if (r == nullptr) {
    delete state;
    return MHD_NO;
  }
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, std::string(content_type).c_str());
  const MHD_Result result = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return result;
}

MHD_Result answer_screenshot(Servers::Impl& impl, MHD_Connection* c, const Phone& phone) {
  impl.stats.screenshot_requests.fetch_add(1, std::memory_order_relaxed);
  std::optional<Credentials> credentials;
  if (const char* header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)) {
    credentials = parse_basic_auth(header);
  }
  const bool bmp = phone.model->screenshot == ImageFormat::bmp;
  const std::string& image = bmp ? bmp_image() : png_image();
  const std::string_view image_type = bmp ? "image/bmp" : "image/png";
  const auto ask_cucm = [&](std::string_view user, std::string_view password, std::string_view device) {
    return impl.policy.authenticate(user, password, device);
  };
  switch (screenshot_reply(phone, credentials, ask_cucm)) {
  case ScreenshotReply::image: return queue(c, MHD_HTTP_OK, bmp ? impl.bmp : impl.png);
  case ScreenshotReply::error_4: return queue(c, MHD_HTTP_OK, impl.error_4);
  case ScreenshotReply::error_1: return queue(c, MHD_HTTP_OK, impl.error_1);
  case ScreenshotReply::error_3: return queue(c, MHD_HTTP_OK, impl.error_3);
  case ScreenshotReply::ask_credentials: return queue(c, MHD_HTTP_UNAUTHORIZED, impl.ask_credentials);
  case ScreenshotReply::not_found: return queue(c, MHD_HTTP_NOT_FOUND, impl.not_found);
  case ScreenshotReply::server_error: return queue(c, MHD_HTTP_INTERNAL_SERVER_ERROR, impl.server_error);
  case ScreenshotReply::garbage:
    return queue_owned(c, MHD_HTTP_OK, garbage_body(phone.index), "application/octet-stream");
  case ScreenshotReply::truncated: return queue_stream(impl, c, ScreenshotReply::truncated, image, image_type);
  case ScreenshotReply::reset: return queue_stream(impl, c, ScreenshotReply::reset, image, image_type);
  case ScreenshotReply::drip: return queue_stream(impl, c, ScreenshotReply::drip, image, image_type);
  case ScreenshotReply::huge_image: return queue_streamed(c, huge_image_body(), false);
  case ScreenshotReply::redirect_loop: return queue(c, MHD_HTTP_FOUND, impl.redirect_loop);
  case ScreenshotReply::redirect_away: return queue(c, MHD_HTTP_FOUND, impl.redirect_away);
  case ScreenshotReply::gzip_bomb:
    if (impl.gzip_bomb == nullptr) return MHD_NO;
    return queue(c, MHD_HTTP_OK, impl.gzip_bomb);
  case ScreenshotReply::silent:
  case ScreenshotReply::refuse:
  case ScreenshotReply::endless_headers: return MHD_NO; // the raw server's, not MHD's
  }
  return MHD_NO;
}

MHD_Result on_phone(void* cls, MHD_Connection* c, const char* url, const char* method, const char*, const char*,
                    std::size_t* upload_size, void** req_cls) {
  auto& impl = *static_cast<Servers::Impl*>(cls);
  auto* request = static_cast<PhoneRequest*>(*req_cls);
  if (request == nullptr) {
    impl.stats.phone_requests.fetch_add(1, std::memory_order_relaxed);
    *req_cls = request = new PhoneRequest{identify(impl, c), false};
    const bool authorization =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION) != nullptr;
    if (const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_DAEMON);
        info != nullptr && info->daemon == impl.https_phones && impl.https_phones != nullptr)
      impl.stats.https_phone_requests.fetch_add(1, std::memory_order_relaxed);
    if (const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_DAEMON);
        info != nullptr && info->daemon == impl.phones6 && impl.phones6 != nullptr)
      impl.stats.ipv6_phone_requests.fetch_add(1, std::memory_order_relaxed);
    if (request->phone == nullptr) {
      impl.stats.foreign_requests.fetch_add(1, std::memory_order_relaxed);
      if (authorization) impl.stats.foreign_authorization.fetch_add(1, std::memory_order_relaxed);
    } else if (authorization) {
      std::string query;
      MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, append_query, &query);
      const bool screenshot = resource_for(*request->phone->model, url, query) == Resource::screenshot;
      (screenshot ? impl.stats.screenshot_authorization : impl.stats.page_authorization)
          .fetch_add(1, std::memory_order_relaxed);
    }
    return MHD_YES;
  }
  if (*upload_size != 0) { // phones ignore request bodies
    *upload_size = 0;
    return MHD_YES;
  }
  if (impl.stopping) return MHD_NO;
  const Phone* phone = request->phone;
  if (phone == nullptr) return queue(c, MHD_HTTP_OK, impl.not_a_phone);
  if (phone->scenario == Scenario::unreachable) return MHD_NO;
  if (!request->waited) {
    request->waited = true;
    if (phone->scenario == Scenario::silent) {
      suspend_until(impl, c, Clock::now() + impl.config.silent_hold);
      return MHD_YES;
    }
    const auto delay = draw_between(impl.config.latency_min_ms, impl.config.latency_max_ms);
    if (delay > 0) {
      suspend_until(impl, c, Clock::now() + std::chrono::milliseconds(delay));
      return MHD_YES;
    }
  }
  if (phone->scenario == Scenario::silent) return MHD_NO;
  if (std::strcmp(method, "GET") != 0 && std::strcmp(method, "HEAD") != 0)
    return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, impl.not_allowed);

  std::string query;
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, append_query, &query);
  const Resource resource = resource_for(*phone->model, url, query);
  switch (resource) {
  case Resource::none: return queue(c, MHD_HTTP_NOT_FOUND, impl.not_found);
  case Resource::screenshot: return answer_screenshot(impl, c, *phone);
  case Resource::device_info_xml:
    if (phone->scenario == Scenario::huge_xml) return queue_streamed(c, huge_xml_body(*phone), true);
    [[fallthrough]];
  default: {
    const Page page = render_page(*phone, resource);
    return queue_owned(c, MHD_HTTP_OK, page.body, page.content_type);
  }
  }
}

std::string stats_json(const Stats& s, const CredentialPolicy& policy) {
  return "{\"cucm_requests\":" + std::to_string(s.cucm_requests.load()) +
         ",\"failed_logons\":" + std::to_string(policy.failed_logons()) +
         ",\"account_locked\":" + (policy.locked() ? "true" : "false") +
         ",\"cucm_max_concurrent\":" + std::to_string(s.cucm_max_concurrent.load()) +
         ",\"phone_requests\":" + std::to_string(s.phone_requests.load()) +
         ",\"screenshot_requests\":" + std::to_string(s.screenshot_requests.load()) +
         ",\"foreign_requests\":" + std::to_string(s.foreign_requests.load()) +
         ",\"foreign_authorization\":" + std::to_string(s.foreign_authorization.load()) +
         ",\"page_authorization\":" + std::to_string(s.page_authorization.load()) +
         ",\"screenshot_authorization\":" + std::to_string(s.screenshot_authorization.load()) +
         ",\"https_phone_requests\":" + std::to_string(s.https_phone_requests.load()) +
         ",\"ipv6_phone_requests\":" + std::to_string(s.ipv6_phone_requests.load()) + "}\n";
}

MHD_Result collect_field(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* fields = static_cast<std::map<std::string, std::string>*>(cls);
  fields->emplace(key, value != nullptr ? value : "");
  return MHD_YES;
}

MHD_Result on_cucm(void* cls, MHD_Connection* c, const char* url, const char*, const char*, const char* upload_data,
                   std::size_t* upload_size, void** req_cls) {
  auto& impl = *static_cast<Servers::Impl*>(cls);
  auto* request = static_cast<CucmRequest*>(*req_cls);
  if (request == nullptr) {
    *req_cls = request = new CucmRequest;
    request->authenticate = std::strcmp(url, "/ccmcip/authenticate.jsp") == 0;
    if (request->authenticate) {
      impl.stats.cucm_requests.fetch_add(1, std::memory_order_relaxed);
      const auto now = impl.stats.cucm_in_flight.fetch_add(1) + 1;
      auto max = impl.stats.cucm_max_concurrent.load();
      while (now > max && !impl.stats.cucm_max_concurrent.compare_exchange_weak(max, now)) {}
    }
    return MHD_YES;
  }
  if (*upload_size != 0) {
    const std::size_t room = max_cucm_body - std::min(max_cucm_body, request->body.size());
    request->body.append(upload_data, std::min(room, *upload_size));
    *upload_size = 0;
    return MHD_YES;
  }
  if (impl.stopping) return MHD_NO;
  if (std::strcmp(url, "/stats") == 0)
    return queue_owned(c, MHD_HTTP_OK, stats_json(impl.stats, impl.policy), "application/json");
  if (!request->authenticate) return queue(c, MHD_HTTP_NOT_FOUND, impl.not_found);
  if (!request->waited) {
    // The CUCM's own think time, so that concurrent authentications are observable.
    request->waited = true;
    suspend_until(impl, c, Clock::now() + std::chrono::milliseconds(draw_between(5, 20)));
    return MHD_YES;
  }
  std::map<std::string, std::string> fields = parse_form(request->body);
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_field, &fields); // GET works too
  const auto field = [&](const char* name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string{} : it->second;
  };
  const CucmVerdict verdict = impl.policy.authenticate(field("UserID"), field("Password"), field("devicename"));
  request->answered = true;
  impl.stats.cucm_in_flight.fetch_sub(1);
  return queue_owned(c, MHD_HTTP_OK, to_body(verdict), "text/plain");
}

void on_phone_completed(void*, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  delete static_cast<PhoneRequest*>(*req_cls);
  *req_cls = nullptr;
}

void on_cucm_completed(void* cls, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  auto* request = static_cast<CucmRequest*>(*req_cls);
  if (request != nullptr && request->authenticate && !request->answered)
    static_cast<Servers::Impl*>(cls)->stats.cucm_in_flight.fetch_sub(1);
  delete request;
  *req_cls = nullptr;
}

MHD_Daemon* start_daemon(Servers::Impl& impl, int fd, unsigned threads, MHD_AccessHandlerCallback handler,
                         MHD_RequestCompletedCallback completed) {
  const unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
  MHD_Daemon* daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, handler, &impl, MHD_OPTION_LISTEN_SOCKET, fd,
                                        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
                                        impl.config.connection_limit, MHD_OPTION_CONNECTION_TIMEOUT, 30U,
                                        MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<std::size_t>(16 * 1024),
                                        MHD_OPTION_NOTIFY_COMPLETED, completed, &impl, MHD_OPTION_END);
  if (daemon == nullptr) throw std::runtime_error("libmicrohttpd failed to start a daemon");
  return daemon;
}

// The phones that speak only HTTPS: the same handler as the plain phone daemon, over TLS with
// the configured (self-signed) certificate. The PEM strings live in impl.config until stop().
MHD_Daemon* start_https_daemon(Servers::Impl& impl) {
  if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
    throw std::runtime_error("this libmicrohttpd has no TLS support: no HTTPS phones");
  if (impl.config.tls_cert_pem.empty() || impl.config.tls_key_pem.empty())
    throw std::runtime_error("HTTPS phones need a certificate and a key (--tls-cert, --tls-key)");
  const unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TLS;
  MHD_Daemon* daemon = MHD_start_daemon(
      flags, 0, nullptr, nullptr, on_phone, &impl, MHD_OPTION_LISTEN_SOCKET, impl.config.https_listen_fd,
      MHD_OPTION_HTTPS_MEM_CERT, impl.config.tls_cert_pem.c_str(), MHD_OPTION_HTTPS_MEM_KEY,
      impl.config.tls_key_pem.c_str(), MHD_OPTION_CONNECTION_LIMIT, impl.config.connection_limit,
      MHD_OPTION_CONNECTION_TIMEOUT, 30U, MHD_OPTION_NOTIFY_COMPLETED, on_phone_completed, &impl, MHD_OPTION_END);
  if (daemon == nullptr)
    throw std::runtime_error("libmicrohttpd failed to start the HTTPS phone daemon (bad certificate or key?)");
  return daemon;
}

} // namespace

Servers::Servers(const Estate& estate, const ServerConfig& config, CredentialPolicy& policy)
    : impl_(std::make_unique<Impl>(estate, config, stats_, policy)) {
  Impl& i = *impl_;
  i.png = shared_response(png_image(), "image/png");
  i.bmp = shared_response(bmp_image(), "image/bmp");
  i.error_1 = shared_response(phone_error_body(1), "text/xml");
  i.error_3 = shared_response(phone_error_body(3), "text/xml");
  i.error_4 = shared_response(phone_error_body(4), "text/xml");
  i.ask_credentials = shared_response("<html><body>401 Unauthorized</body></html>\n", "text/html");
  MHD_add_response_header(i.ask_credentials, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Basic realm=\"Cisco IP Phone\"");
  i.not_found = shared_response("<html><body>404 Not Found</body></html>\n", "text/html");
  i.not_a_phone = shared_response("<html><head><title>It works!</title></head><body><h1>It works!</h1>"
                                  "<p>Printer status: ready. Toner 80 %.</p></body></html>\n",
                                  "text/html");
  i.server_error = shared_response("<html><body>500 Internal Server Error</body></html>\n", "text/html");
  i.not_allowed = shared_response("<html><body>405 Method Not Allowed</body></html>\n", "text/html");
  i.redirect_loop = shared_response("<html><body>302 Found</body></html>\n", "text/html");
  MHD_add_response_header(i.redirect_loop, MHD_HTTP_HEADER_LOCATION, "/CGI/Screenshot");
  i.redirect_away = shared_response("<html><body>302 Found</body></html>\n", "text/html");
  MHD_add_response_header(
      i.redirect_away, MHD_HTTP_HEADER_LOCATION,
      ("http://" + ipv4_text(redirect_trap_address) + ":" + std::to_string(estate.options.port) + "/CGI/Screenshot")
          .c_str());
  if (estate.options.counts[index_of(Scenario::gzip_bomb)] > 0) {
    i.gzip_bomb = shared_response(gzip_bomb_body(), "image/png");
    MHD_add_response_header(i.gzip_bomb, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
  }
  if (config.raw_listen_fd >= 0) i.raw = std::make_unique<RawServer>(estate, config.raw_listen_fd, config.silent_hold);
  i.phones = start_daemon(i, config.phone_listen_fd, std::max(1U, config.threads), on_phone, on_phone_completed);
  if (config.https_listen_fd >= 0) i.https_phones = start_https_daemon(i);
  if (config.phone6_listen_fd >= 0)
    i.phones6 = start_daemon(i, config.phone6_listen_fd, 1, on_phone, on_phone_completed);
  i.cucm = start_daemon(i, config.cucm_listen_fd, 1, on_cucm, on_cucm_completed);
}

Servers::~Servers() { stop(); }

void Servers::stop() {
  if (!impl_) return;
  Impl& i = *impl_;
  i.stopping = true;
  i.scheduler.stop();
  if (i.raw) i.raw->stop();
  if (i.phones != nullptr) MHD_stop_daemon(i.phones);
  if (i.https_phones != nullptr) MHD_stop_daemon(i.https_phones);
  if (i.phones6 != nullptr) MHD_stop_daemon(i.phones6);
  if (i.cucm != nullptr) MHD_stop_daemon(i.cucm);
  for (MHD_Response* r : {i.png, i.bmp, i.error_1, i.error_3, i.error_4, i.ask_credentials, i.not_found, i.not_a_phone,
                          i.server_error, i.not_allowed, i.redirect_loop, i.redirect_away, i.gzip_bomb}) {
    if (r != nullptr) MHD_destroy_response(r);
  }
  impl_.reset();
}

} // namespace fleetsim
