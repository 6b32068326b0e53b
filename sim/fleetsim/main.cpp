// fleetsim: a simulated Cisco phone estate (N phones on 127.16.x.y plus a CUCM authentication
// service) for tests, benchmarks and the demo. Writes inventory.csv, truth.csv and hosts to
// --out, prints one ready line, serves until SIGTERM / SIGINT or --lifetime.
#include <sim/fleetsim/estate_files.hpp>
#include <sim/fleetsim/server.hpp>
#include <sim/fleetsim/soap_server.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace {

struct Args {
  std::size_t phones = 500;
  std::string mix = "default";
  std::string latency = "0-0";
  std::string credentials = "good";
  std::string user = "phonesweep-app";
  std::string password_env = "PHONESWEEP_PASSWORD";
  std::string out = ".";
  std::uint64_t seed = 1;
  std::uint16_t port = 0;
  std::uint16_t cucm_port = 0;
  unsigned lifetime = 3600;
  unsigned threads = 2;
  std::uint16_t soap_port = 0;
  std::string tls_cert;
  std::string tls_key;
  std::string risport_limit = "15/60";
  std::size_t axl_max_rows = 50'000;
  std::string user_roles = "cti";
  std::string user_kind = "application";
  bool ipv6 = false;
  unsigned lockout_after = 3;
};

struct Range {
  unsigned low = 0;
  unsigned high = 0;
};

Range parse_latency(const std::string& text) {
  const std::size_t dash = text.find('-');
  Range range;
  const auto number = [&](std::string_view part, unsigned& value) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc{} || end != part.data() + part.size() || part.empty())
      throw std::invalid_argument("--latency must be MIN-MAX in ms, e.g. 5-50: " + text);
  };
  const std::string_view all(text);
  number(all.substr(0, dash), range.low);
  range.high = range.low;
  if (dash != std::string::npos) number(all.substr(dash + 1), range.high);
  if (range.high < range.low) throw std::invalid_argument("--latency MIN is above MAX: " + text);
  return range;
}

// "15/60": requests per window in seconds.
void parse_rate_limit(const std::string& text, fleetsim::SoapLimits& limits) {
  const auto slash = text.find('/');
  const auto fail = [&] {
    throw std::invalid_argument("--risport-limit must be REQUESTS/SECONDS, e.g. 15/60: " + text);
  };
  if (slash == std::string::npos) fail();
  unsigned requests = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + slash, requests);
  if (error != std::errc{} || end != text.data() + slash || requests == 0) fail();
  double seconds = 0;
  try {
    std::size_t used = 0;
    seconds = std::stod(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) fail();
  } catch (const std::logic_error&) {
    fail();
  }
  if (!(seconds > 0)) fail();
  limits.risport_requests = requests;
  limits.risport_window = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string read_pem(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty()) throw std::invalid_argument(std::string("cannot read the ") + what + " " + path);
  return text.str();
}

void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// A TCP socket bound to address:port (0: any free port); listening unless `listen_backlog` < 0.
int bound_socket(std::uint32_t address, std::uint16_t port, int listen_backlog) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const int on = 1;
  if (listen_backlog >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(address);
  sa.sin_port = htons(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
      (listen_backlog >= 0 && listen(fd, listen_backlog) != 0)) {
    const std::string reason = std::strerror(errno);
    close(fd);
    throw std::runtime_error("cannot bind port " + std::to_string(port) + ": " + reason);
  }
  return fd;
}

// A TCP socket listening on [::1]:port only (IPV6_V6ONLY: the IPv4 socket on the same port
// keeps 127/8).
int bound_socket_ipv6_loopback(std::uint16_t port, int listen_backlog) {
  const int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket (IPv6): ") + std::strerror(errno));
  const int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
  sockaddr_in6 sa{};
  sa.sin6_family = AF_INET6;
  sa.sin6_addr = in6addr_loopback;
  sa.sin6_port = htons(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, listen_backlog) != 0) {
    const std::string reason = std::strerror(errno);
    close(fd);
    throw std::runtime_error("cannot listen on [::1]:" + std::to_string(port) + ": " + reason);
  }
  return fd;
}

std::uint16_t port_of(int fd) {
  sockaddr_in sa{};
  socklen_t length = sizeof sa;
  getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &length);
  return ntohs(sa.sin_port);
}

int run(const Args& args) {
  const Range latency = parse_latency(args.latency);
  const auto mode = fleetsim::parse_credential_mode(args.credentials);
  if (!mode) throw std::invalid_argument("--credentials must be good or bad-password");
  const auto counts = fleetsim::parse_mix(args.mix, args.phones);
  if (!counts) throw std::invalid_argument(counts.error());
  if (args.user_roles != "cti" && args.user_roles != "no-cti")
    throw std::invalid_argument("--user-roles must be cti or no-cti");
  if (args.user_kind != "application" && args.user_kind != "end")
    throw std::invalid_argument("--user-kind must be application or end");
  fleetsim::SoapServerConfig soap_config;
  parse_rate_limit(args.risport_limit, soap_config.limits);
  soap_config.limits.axl_max_rows = args.axl_max_rows;
  if (args.tls_cert.empty() != args.tls_key.empty())
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (!args.tls_cert.empty()) {
    soap_config.cert_pem = read_pem(args.tls_cert, "certificate");
    soap_config.key_pem = read_pem(args.tls_key, "key");
  }
  const bool https_phones = (*counts)[fleetsim::index_of(fleetsim::Scenario::https_phone)] > 0;
  if (https_phones && args.tls_cert.empty())
    throw std::invalid_argument("https_phone phones need --tls-cert and --tls-key (their certificate)");

  raise_fd_limit();
  // Signals are taken synchronously by sigtimedwait below; every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const int phone_fd = bound_socket(INADDR_ANY, args.port, 4096);
  const int cucm_fd = bound_socket(INADDR_LOOPBACK, args.cucm_port, 1024);
  const int soap_fd = bound_socket(INADDR_LOOPBACK, args.soap_port, 128);
  const std::uint16_t soap_port = port_of(soap_fd);
  // Bound but never listening, and held until exit: connections to this port are refused and
  // no other program can take it while the estate lives.
  const int closed_fd = bound_socket(INADDR_ANY, 0, -1);
  // The raw hostile server's port (endless_headers, tls_stall); the server owns the socket.
  const int raw_fd = bound_socket(INADDR_ANY, 0, 4096);
  // The HTTPS phone daemon's port (https_phone), only when the estate has such phones.
  const int https_fd = https_phones ? bound_socket(INADDR_ANY, 0, 4096) : -1;
  // The IPv6 phones answer on [::1] at the phones' port.
  const int phone6_fd = args.ipv6 ? bound_socket_ipv6_loopback(port_of(phone_fd), 1024) : -1;

  fleetsim::EstateOptions options;
  options.counts = *counts;
  options.seed = args.seed;
  options.port = port_of(phone_fd);
  options.closed_port = port_of(closed_fd);
  options.raw_port = port_of(raw_fd);
  if (https_fd >= 0) options.https_port = port_of(https_fd);
  options.user = args.user;
  const char* password = std::getenv(args.password_env.c_str());
  options.password = password != nullptr && *password != '\0' ? password : "sim-secret-Pa55";
  options.credentials = *mode;
  options.cti_roles = args.user_roles == "cti";
  options.end_user = args.user_kind == "end";
  options.ipv6 = args.ipv6;
  const fleetsim::Estate estate = fleetsim::build_estate(options);
  fleetsim::write_estate_files(estate, args.out);

  fleetsim::ServerConfig config;
  config.phone_listen_fd = phone_fd;
  config.cucm_listen_fd = cucm_fd;
  config.raw_listen_fd = raw_fd;
  config.https_listen_fd = https_fd;
  config.phone6_listen_fd = phone6_fd;
  if (https_phones) {
    config.tls_cert_pem = soap_config.cert_pem;
    config.tls_key_pem = soap_config.key_pem;
  }
  config.latency_min_ms = latency.low;
  config.latency_max_ms = latency.high;
  config.threads = args.threads;
  // AXL updates change the user's devices and groups here; the phones' and the authentication
  // services' logons read them, so an update counts from the next request.
  fleetsim::UserAccount account(estate);
  fleetsim::CredentialPolicy policy(estate.cucm, account, args.lockout_after);
  fleetsim::Servers servers(estate, config, policy);
  soap_config.listen_fd = soap_fd;
  soap_config.policy = &policy;
  soap_config.account = &account;
  fleetsim::SoapServer soap(estate, std::move(soap_config));

  std::printf("fleetsim ready port=%u cucm=http://127.0.0.1:%u phones=%zu out=%s soap=%s://127.0.0.1:%u "
              "https_port=%u\n",
              unsigned{options.port}, unsigned{port_of(cucm_fd)}, estate.phones.size(), args.out.c_str(),
              soap.tls() ? "https" : "http", unsigned{soap_port}, unsigned{options.https_port});
  std::fflush(stdout);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(args.lifetime);
  for (;;) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(left);
    timespec wait{static_cast<time_t>(seconds.count()),
                  static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(left - seconds).count())};
    const int signal_number = sigtimedwait(&stop_signals, nullptr, &wait);
    if (signal_number == SIGINT || signal_number == SIGTERM) break;
  }
  soap.stop();
  servers.stop();
  close(closed_fd);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  Args args;
  CLI::App app{"fleetsim: a simulated Cisco IP phone estate and CUCM authentication service"};
  app.add_option("--phones", args.phones, "number of phones (ignored by an explicit --mix list)")
      ->check(CLI::Range(std::size_t{1}, fleetsim::max_phones));
  app.add_option("--mix", args.mix, "default | healthy | scenario=N,scenario=N,...");
  app.add_option("--latency", args.latency, "per-request phone latency MIN-MAX in ms");
  app.add_option("--credentials", args.credentials, "good | bad-password");
  app.add_option("--user", args.user, "the application user the CUCM knows");
  app.add_option("--password-env", args.password_env,
                 "environment variable with the user's password (default sim-secret-Pa55)");
  app.add_option("--out", args.out, "directory for inventory.csv, truth.csv and hosts");
  app.add_option("--seed", args.seed, "seed of the estate's identities and layout");
  app.add_option("--port", args.port, "phones' HTTP port (0: a free one)");
  app.add_option("--cucm-port", args.cucm_port, "CUCM HTTP port on 127.0.0.1 (0: a free one)");
  app.add_option("--lifetime", args.lifetime, "exit after this many seconds");
  app.add_option("--threads", args.threads, "phone server threads")->check(CLI::Range(1U, 64U));
  app.add_option("--soap-port", args.soap_port, "CUCM AXL / RisPort70 port on 127.0.0.1 (0: a free one)");
  app.add_option("--tls-cert", args.tls_cert,
                 "PEM certificate: serve AXL / RisPort70 over HTTPS, and the https_phone phones");
  app.add_option("--tls-key", args.tls_key, "PEM private key of --tls-cert");
  app.add_option("--risport-limit", args.risport_limit,
                 "RisPort70 requests allowed per window, REQUESTS/SECONDS (default 15/60)");
  app.add_option("--axl-max-rows", args.axl_max_rows, "most listPhone rows in one AXL answer");
  app.add_option("--user-roles", args.user_roles, "cti | no-cti: the user's CTI groups in AXL");
  app.add_option("--user-kind", args.user_kind,
                 "application | end: the user is an application user (AXL getAppUser / updateAppUser) or an "
                 "end user (getUser / updateUser)");
  app.add_option("--lockout-after", args.lockout_after,
                 "failed logons (wrong password for --user) at which the account locks, as the CUCM's "
                 "default credential policy (3); 0: never");
  app.add_flag("--ipv6", args.ipv6,
               "also serve phones on [::1]: a not_associated phone inventoried as [::1]:PORT and a "
               "healthy one by a name with only an AAAA record (::1) in hosts");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fleetsim: %s\n", e.what());
    return 2;
  }
}
