// The engine against fleetsim's HTTPS phones: a phone's self-signed certificate is accepted only
// where the request says it is a phone's; the CUCM lane always verifies; a handshake that stalls
// after the TCP connect is a timeout (not a connect timeout), a TCP connect that never completes
// is a connect timeout, and a peer that does not speak TLS is a TLS failure.
#include <scanner/engine.hpp>
#include <sim/harness/servers.hpp>
#include <tests/security/tls_support.hpp>
#include <tests/support/estate_truth.hpp>

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Got {
  diagnosis::TransferStatus status = diagnosis::TransferStatus::local_error;
  long http_status = 0;
  std::string error;
};

std::map<std::uint64_t, Got> fetch_all(const std::vector<scanner::Request>& requests) {
  scanner::EngineLimits limits;
  limits.concurrency = 16;
  limits.connect_timeout = 1000ms;
  limits.total_timeout = 3000ms;
  std::map<std::uint64_t, Got> got;
  scanner::Engine engine(
      limits, {"phonesweep-app", "sim-secret-Pa55"},
      [&](std::uint64_t token, scanner::Response& r) {
        got[token] = {r.status, r.http_status, r.error};
      },
      [](std::uint64_t, scanner::Resolution&&) {}, [] {});
  for (std::size_t i = 0; i < requests.size(); ++i) engine.fetch(i, requests[i]);
  engine.run();
  return got;
}

scanner::Request phone_page(const std::string& url) {
  scanner::Request r;
  r.url = url;
  r.verify_tls = false; // as the probe plan says for a phone address
  return r;
}

// The first address of a scenario in fleetsim's truth ("https://127.16.0.3:P" or "127.16.0.1:P").
std::string address_of(const std::map<std::string, test_support::Expected>& truth, const std::string& scenario) {
  for (const auto& [address, expected] : truth)
    if (expected.scenario == scenario) return address;
  FAIL("no " << scenario << " phone in the estate");
  return {};
}

// A listening socket whose accept queue is full: the kernel drops further SYNs, so a connect to
// it neither succeeds nor is refused (a TCP connect timeout, on loopback).
struct FullListener {
  int listen_fd = -1;
  std::vector<int> fillers;
  int port = 0;
  FullListener() {
    listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listen_fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
    REQUIRE(listen(listen_fd, 0) == 0);
    socklen_t length = sizeof sa;
    getsockname(listen_fd, reinterpret_cast<sockaddr*>(&sa), &length);
    port = ntohs(sa.sin_port);
    for (int i = 0; i < 3; ++i) {
      const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
      fillers.push_back(fd);
    }
    usleep(100 * 1000);
  }
  ~FullListener() {
    for (int fd : fillers) close(fd);
    close(listen_fd);
  }
};

} // namespace

TEST_CASE("HTTPS phones: self-signed accepted for phone pages only, the CUCM lane verifies, a "
          "stalled handshake is a timeout and a non-TLS peer a TLS failure",
          "[security][engine][tls]") {
  const std::string dir = harness::make_temp_dir("security-engine");
  const auto certificate = security_test::make_certificate(dir);
  harness::FleetOptions options;
  options.mix = "healthy=1,https_phone=1,tls_stall=1,tls_broken=1";
  options.out_dir = dir + "/estate";
  options.lifetime_seconds = 300;
  options.extra_args = {"--tls-cert", certificate.cert, "--tls-key", certificate.key};
  auto fleet = harness::start_fleet(options);
  const auto truth = test_support::read_truth(fleet.truth());
  const std::string https_phone = address_of(truth, "https_phone");
  const std::string healthy = address_of(truth, "healthy");
  REQUIRE(https_phone.rfind("https://", 0) == 0);
  REQUIRE(address_of(truth, "tls_stall").rfind("https://", 0) == 0);
  REQUIRE(address_of(truth, "tls_broken").rfind("https://", 0) == 0);
  REQUIRE(healthy.find("://") == std::string::npos);

  FullListener full;
  std::vector<scanner::Request> requests;
  requests.push_back(phone_page(https_phone + "/DeviceInformationX")); // 0
  scanner::Request verified;                                           // 1
  verified.url = https_phone + "/DeviceInformationX";
  requests.push_back(verified);
  scanner::Request cucm_lane = phone_page(https_phone + "/DeviceInformationX"); // 2
  cucm_lane.lane = scanner::Lane::cucm;
  requests.push_back(cucm_lane);
  requests.push_back(phone_page(address_of(truth, "tls_stall") + "/DeviceInformationX"));  // 3
  requests.push_back(phone_page(address_of(truth, "tls_broken") + "/DeviceInformationX")); // 4
  requests.push_back(phone_page("https://" + healthy + "/DeviceInformationX"));            // 5
  requests.push_back(phone_page("http://" + healthy + "/DeviceInformationX"));             // 6
  requests.push_back(phone_page("https://127.0.0.1:" + std::to_string(full.port) + "/"));  // 7

  const auto got = fetch_all(requests);
  REQUIRE(got.size() == requests.size());
  using diagnosis::TransferStatus;
  const auto status = [&](std::uint64_t i) {
    INFO("request " << i << ": " << requests[i].url << " — " << got.at(i).error);
    return std::string(diagnosis::to_string(got.at(i).status));
  };
  CHECK(status(0) == "completed");
  CHECK(got.at(0).http_status == 200);
  CHECK(status(1) == "tls_failed"); // a request that does not say "phone" verifies
  CHECK(status(2) == "tls_failed"); // the CUCM lane verifies whatever the request says
  CHECK(status(3) == "timed_out");  // connected; the handshake never finished
  CHECK(status(4) == "tls_failed"); // garbage for a ServerHello
  CHECK(status(5) == "tls_failed"); // a plain-HTTP port asked for https
  CHECK(status(6) == "completed");
  CHECK(status(7) == "connect_timeout"); // never connected: still told apart
}
