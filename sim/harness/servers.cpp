#include <sim/harness/servers.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace harness {
namespace {

std::map<std::string, std::string> parse_ready_line(const std::string& line) {
  std::map<std::string, std::string> fields;
  std::istringstream in(line);
  std::string word;
  while (in >> word) {
    const auto eq = word.find('=');
    if (eq != std::string::npos) fields[word.substr(0, eq)] = word.substr(eq + 1);
  }
  return fields;
}

int free_udp_port() {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool udp_port_taken(int port) {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool taken = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0;
  close(fd);
  return taken;
}

bool tcp_port_free(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return free;
}

bool tcp_accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool accepts = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return accepts;
}

std::string find_program(const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)
    if (access(c.c_str(), X_OK) == 0) return c;
  return {};
}

} // namespace

std::string make_temp_dir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

std::string built_program(const std::string& name) {
  const std::string here = executable_dir();
  std::string found = find_program({here + "/" + name, here + "/../bin/" + name});
  if (found.empty()) throw std::runtime_error(name + " not found beside " + here);
  return found;
}

std::string Fleet::canary_device() const {
  // truth.csv (estate_files.cpp) names its columns in its header; addresses, device names and
  // the other fields hold no commas.
  std::ifstream in(truth());
  const auto split = [](const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    return fields;
  };
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto header = split(line);
  const auto column = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t device = column("device_name"), scenario = column("scenario");
  while (std::getline(in, line)) {
    const auto fields = split(line);
    if (fields.size() == header.size() && fields[scenario] == "healthy" && !fields[device].empty())
      return fields[device];
  }
  throw std::runtime_error(truth() + ": no healthy phone with a device name to serve as canary");
}

Fleet start_fleet(const FleetOptions& o) {
  const std::string dir = o.out_dir.empty() ? make_temp_dir("fleetsim") : o.out_dir;
  Launch launch;
  launch.argv = {built_program("fleetsim"),
                 "--phones",
                 std::to_string(o.phones),
                 "--mix",
                 o.mix,
                 "--latency",
                 o.latency,
                 "--credentials",
                 o.credentials,
                 "--out",
                 dir,
                 "--seed",
                 std::to_string(o.seed),
                 "--user",
                 o.user,
                 "--lifetime",
                 std::to_string(o.lifetime_seconds)};
  launch.argv.insert(launch.argv.end(), o.extra_args.begin(), o.extra_args.end());
  launch.env["PHONESWEEP_PASSWORD"] = o.password;
  Fleet fleet{ChildProcess(launch), 0, {}, {}, dir};
  for (;;) {
    auto line = fleet.process.read_line(std::chrono::seconds(60));
    if (!line) throw std::runtime_error("fleetsim did not report ready within 60 s");
    if (line->rfind("fleetsim ready", 0) != 0) continue;
    auto fields = parse_ready_line(*line);
    fleet.port = std::stoi(fields.at("port"));
    fleet.cucm_url = fields.at("cucm");
    fleet.soap_url = fields.at("soap");
    return fleet;
  }
}

Dns start_dns(const std::string& hosts_file) {
  const std::string dnsmasq = find_program({"/usr/sbin/dnsmasq", "/usr/bin/dnsmasq"});
  if (dnsmasq.empty()) throw std::runtime_error("dnsmasq not installed (Debian package dnsmasq-base)");
  for (int attempt = 0; attempt < 20; ++attempt) {
    // dnsmasq binds the port for UDP and TCP and exits when either fails: a port still in
    // TCP TIME_WAIT from earlier scans would make it die after the UDP port looked taken.
    const int port = free_udp_port();
    if (!tcp_port_free(port)) continue;
    Launch launch;
    // --user=root: the hosts file lives in a private temporary directory; --local makes
    // dnsmasq answer NXDOMAIN for unknown sim.test names instead of REFUSED.
    launch.argv = {dnsmasq,
                   "--keep-in-foreground",
                   "--no-resolv",
                   "--no-hosts",
                   "--addn-hosts=" + hosts_file,
                   "--listen-address=127.0.0.1",
                   "--bind-interfaces",
                   "--port=" + std::to_string(port),
                   "--pid-file=",
                   "--local=/sim.test/",
                   "--user=root",
                   "--cache-size=10000",
                   "--log-facility=/dev/null"};
    launch.capture_stdout = false;
    Dns dns{ChildProcess(launch), port};
    // Ready once its TCP listener accepts: dnsmasq opens it after the UDP socket.
    for (int i = 0; i < 200 && !tcp_accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (udp_port_taken(port) && tcp_accepts(port)) return dns;
  }
  throw std::runtime_error("dnsmasq did not start");
}

} // namespace harness
