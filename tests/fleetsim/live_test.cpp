// One bounded run of the real fleetsim binary: ready line, files, a few requests over plain
// sockets, the CUCM and its statistics, clean exit on SIGTERM.
#include <sim/fleetsim/http_text.hpp>
#include <sim/harness/servers.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace {

// Sends `request` to ip:port and returns everything read until the server closes (at most 5 s).
std::string exchange(const std::string& ip, int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, ip.c_str(), &sa.sin_addr);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) {
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  } else {
    response = "connect failed";
  }
  close(fd);
  return response;
}

std::string get(const std::string& ip, int port, const std::string& path, const std::string& extra = {}) {
  return exchange(ip, port, "GET " + path + " HTTP/1.1\r\nHost: " + ip + "\r\n" + extra + "Connection: close\r\n\r\n");
}

std::string post_form(int port, const std::string& path, const std::string& body) {
  return exchange("127.0.0.1", port,
                  "POST " + path +
                      " HTTP/1.1\r\nHost: cucm\r\nContent-Type: "
                      "application/x-www-form-urlencoded\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? std::string{} : response.substr(end + 4);
}

struct Row {
  std::string address;
  std::string device_name;
};

// scenario -> first phone of it, from truth.csv
std::map<std::string, Row> first_per_scenario(const std::string& truth_file) {
  std::ifstream in(truth_file);
  std::string line;
  std::getline(in, line);
  std::map<std::string, Row> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f.size() >= 6) rows.emplace(f[5], Row{f[0], f[4]});
  }
  return rows;
}

} // namespace

TEST_CASE("fleetsim serves the estate it wrote", "[fleetsim][live]") {
  harness::FleetOptions options;
  options.phones = 60;
  options.lifetime_seconds = 120;
  harness::Fleet fleet = harness::start_fleet(options);
  REQUIRE(fleet.port > 0);
  REQUIRE(fleet.cucm_url.rfind("http://127.0.0.1:", 0) == 0);
  const int cucm_port = std::stoi(fleet.cucm_url.substr(fleet.cucm_url.rfind(':') + 1));

  const auto phones = first_per_scenario(fleet.truth());
  REQUIRE(phones.size() == 21);
  const auto ip_of = [&](const std::string& scenario) {
    const std::string& a = phones.at(scenario).address;
    return a.substr(0, a.find(':'));
  };
  const std::string auth = "Authorization: Basic " + fleetsim::base64_encode("phonesweep-app:sim-secret-Pa55") + "\r\n";

  const std::string info = get(ip_of("healthy"), fleet.port, "/DeviceInformationX");
  CHECK(info.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(info.find("<HostName>" + phones.at("healthy").device_name + "</HostName>") != std::string::npos);

  CHECK(get(ip_of("healthy"), fleet.port, "/CGI/Screenshot").rfind("HTTP/1.1 401", 0) == 0);
  const std::string image = get(ip_of("healthy"), fleet.port, "/CGI/Screenshot", auth);
  CHECK(image.rfind("HTTP/1.1 200", 0) == 0);
  const std::string pixels = body_of(image);
  CHECK((pixels.rfind("\x89PNG", 0) == 0 || pixels.rfind("BM", 0) == 0));

  CHECK(body_of(get(ip_of("itl_trust"), fleet.port, "/CGI/Screenshot", auth)).find("CiscoIPPhoneError Number=\"4\"") !=
        std::string::npos);
  CHECK(get(ip_of("unsupported_model"), fleet.port, "/CGI/Screenshot", auth).rfind("HTTP/1.1 404", 0) == 0);
  CHECK(get(ip_of("healthy"), fleet.port, "/no/such/page").rfind("HTTP/1.1 404", 0) == 0);

  const std::string unreachable = phones.at("unreachable").address;
  CHECK(get(ip_of("unreachable"), std::stoi(unreachable.substr(unreachable.find(':') + 1)), "/") == "connect failed");

  const std::string form = "UserID=phonesweep-app&Password=sim-secret-Pa55&devicename=";
  CHECK(body_of(post_form(cucm_port, "/ccmcip/authenticate.jsp", form + phones.at("itl_trust").device_name)) ==
        "AUTHORIZED");
  CHECK(body_of(post_form(cucm_port, "/ccmcip/authenticate.jsp", form + phones.at("not_associated").device_name)) ==
        "UN-AUTHORIZED");
  CHECK(body_of(post_form(cucm_port, "/ccmcip/authenticate.jsp", "UserID=x")) == "ERROR");
  CHECK(body_of(post_form(cucm_port, "/ccmcip/authenticate.jsp",
                          "UserID=phonesweep-app&Password=typo&devicename=" + phones.at("healthy").device_name)) ==
        "UN-AUTHORIZED");

  const std::string stats = body_of(get("127.0.0.1", cucm_port, "/stats"));
  CHECK(stats.find("\"cucm_requests\":4") != std::string::npos);
  CHECK(stats.find("\"failed_logons\":1,") != std::string::npos);
  CHECK(stats.find("\"account_locked\":false") != std::string::npos);
  CHECK(stats.find("\"screenshot_requests\":4") != std::string::npos);

  fleet.process.terminate();
  CHECK(fleet.process.wait(std::chrono::seconds(10)) == 0);
}
