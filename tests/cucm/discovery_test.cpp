// Discovery's paging, batching, pacing and throttle handling against a scripted transport and a
// fake clock: no network, no waiting.
#include <cucm/discovery.hpp>
#include <cucm/soap.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>

using namespace std::chrono_literals;

namespace {

std::string list_page(int from, int count) {
  std::string phones;
  for (int i = from; i < from + count; ++i)
    phones += "<phone uuid=\"{x}\"><name>SEP" + std::to_string(i) + "</name><description>d" + std::to_string(i) +
              "</description><model>Cisco 8841</model><devicePoolName>DP</devicePoolName></phone>";
  return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
         "<ns:listPhoneResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return>" +
         phones + "</return></ns:listPhoneResponse></soapenv:Body></soapenv:Envelope>";
}

std::string ris_answer(const std::string& request) {
  std::string devices;
  std::size_t at = 0;
  while ((at = request.find("<soap:Item>", at)) != std::string::npos) {
    at += 11;
    const std::string name = request.substr(at, request.find('<', at) - at);
    devices += "<ns1:item><ns1:Name>" + name +
               "</ns1:Name><ns1:Httpd>Yes</ns1:Httpd><ns1:IPAddress><ns1:item><ns1:IP>10.0.0." + name.substr(3) +
               "</ns1:IP><ns1:IPAddrType>ipv4</ns1:IPAddrType></ns1:item></ns1:IPAddress><ns1:Status>Registered</"
               "ns1:Status></ns1:item>";
  }
  return "<soapenv:Envelope "
         "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><ns1:selectCmDeviceResponse "
         "xmlns:ns1=\"http://schemas.cisco.com/ast/"
         "soap\"><ns1:selectCmDeviceReturn><ns1:SelectCmDeviceResult><ns1:TotalDevicesFound>0"
         "</ns1:TotalDevicesFound><ns1:CmNodes><ns1:item><ns1:Name>n1</ns1:Name><ns1:CmDevices>" +
         devices +
         "</ns1:CmDevices></ns1:item></ns1:CmNodes></ns1:SelectCmDeviceResult></ns1:selectCmDeviceReturn>"
         "</ns1:selectCmDeviceResponse></soapenv:Body></soapenv:Envelope>";
}

const std::string throttle =
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault>"
    "<faultcode>soapenv:Server.RateControl</faultcode><faultstring>AxisFault: Exceeded allowed rate for Reatime "
    "information. Current allowed rate for realtime information is 15 requests per minute.If problem persists, please "
    "contact system administrator.</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>";

// A CUCM with `phones` phones, whose RisPort refuses the request numbers in `throttled`.
struct FakeCucm final : cucm::Transport {
  int phones = 0;
  std::vector<int> throttled; // 1-based RisPort request numbers answered with a throttle fault
  int risport_requests = 0;
  std::vector<std::size_t> batch_sizes;
  std::vector<cucm::Clock::time_point> risport_times;
  std::function<cucm::Clock::time_point()> clock;
  int axl_requests = 0;
  long axl_status = 200;

  tl::expected<cucm::HttpAnswer, std::string> post(const std::string& path, const std::string& action,
                                                   const std::string& body) override {
    if (path == "/axl/") {
      ++axl_requests;
      CHECK(action == "\"CUCM:DB ver=14.0 listPhone\"");
      if (axl_status != 200) return cucm::HttpAnswer{axl_status, "<html>401</html>"};
      const auto number = [&](const char* tag) {
        const auto at = body.find(std::string("<") + tag + ">") + std::strlen(tag) + 2;
        return std::stoi(body.substr(at));
      };
      const int skip = number("skip");
      const int first = number("first");
      return cucm::HttpAnswer{200, list_page(skip, std::max(0, std::min(first, phones - skip)))};
    }
    REQUIRE(path == "/realtimeservice2/services/RISService70");
    ++risport_requests;
    risport_times.push_back(clock());
    if (std::find(throttled.begin(), throttled.end(), risport_requests) != throttled.end())
      return cucm::HttpAnswer{500, throttle};
    std::size_t items = 0;
    for (std::size_t at = 0; (at = body.find("<soap:Item>", at)) != std::string::npos; ++at) ++items;
    batch_sizes.push_back(items);
    return cucm::HttpAnswer{200, ris_answer(body)};
  }
};

struct FakeTime {
  cucm::Clock::time_point now = cucm::Clock::time_point{} + 10000s;
  std::vector<cucm::Clock::duration> sleeps;
  std::vector<std::string> notes;
  cucm::DiscoveryHooks hooks() {
    cucm::DiscoveryHooks h;
    h.now = [this] { return now; };
    h.sleep = [this](cucm::Clock::duration d) {
      sleeps.push_back(d);
      now += d;
    };
    h.note = [this](const std::string& line) { notes.push_back(line); };
    return h;
  }
};

} // namespace

TEST_CASE("discovery pages listPhone until a short page and asks RisPort in batches of at most 1000",
          "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 2500;
  fake.clock = [&] { return time.now; };
  cucm::DiscoveryOptions options;
  options.page_size = 1000;
  const auto result = cucm::discover(fake, options, time.hooks());
  REQUIRE(result);
  CHECK(fake.axl_requests == 3);
  CHECK(fake.batch_sizes == std::vector<std::size_t>{1000, 1000, 500});
  REQUIRE(result->phones.size() == 2500);
  CHECK(result->phones[1234].axl.name == "SEP1234");
  REQUIRE(result->phones[1234].ris);
  CHECK(result->phones[1234].ris->status == "Registered");
  CHECK(result->risport_requests == 3);
  CHECK(result->rate_faults == 0);
  CHECK(time.sleeps.empty());
}

TEST_CASE("discovery of an exact multiple of the page size asks for one empty page", "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 2000;
  fake.clock = [&] { return time.now; };
  const auto result = cucm::discover(fake, {}, time.hooks());
  REQUIRE(result);
  CHECK(fake.axl_requests == 3);
  CHECK(result->phones.size() == 2000);
}

TEST_CASE("discovery paces RisPort requests to the configured rate and says so", "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 50;
  fake.clock = [&] { return time.now; };
  cucm::DiscoveryOptions options;
  options.batch_size = 5; // 10 requests
  options.risport_rate = {3, 60s};
  const auto result = cucm::discover(fake, options, time.hooks());
  REQUIRE(result);
  REQUIRE(fake.risport_times.size() == 10);
  // Any 4 consecutive requests span at least one window: never 4 in 60 s.
  for (std::size_t i = 3; i < fake.risport_times.size(); ++i)
    CHECK(fake.risport_times[i] - fake.risport_times[i - 3] >= 60s);
  CHECK(time.sleeps.size() == 3);
  bool said = false;
  for (const auto& n : time.notes) said = said || n.find("waiting") != std::string::npos;
  CHECK(said);
}

TEST_CASE("discovery backs off after a RateControl fault, says so, and retries the same batch", "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 30;
  fake.throttled = {2, 3};
  fake.clock = [&] { return time.now; };
  cucm::DiscoveryOptions options;
  options.batch_size = 10;
  const auto result = cucm::discover(fake, options, time.hooks());
  REQUIRE(result);
  CHECK(result->rate_faults == 2);
  CHECK(result->risport_requests == 5);
  CHECK(fake.batch_sizes == std::vector<std::size_t>{10, 10, 10});
  CHECK(time.sleeps == std::vector<cucm::Clock::duration>{4s, 8s});
  std::size_t backoff_notes = 0;
  for (const auto& n : time.notes)
    if (n.find("backing off") != std::string::npos && n.find("Reatime") != std::string::npos) ++backoff_notes;
  CHECK(backoff_notes == 2);
  for (const auto& p : result->phones) CHECK(p.ris);
}

TEST_CASE("discovery gives up after too many throttle faults in a row", "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 3;
  fake.throttled = {1, 2, 3, 4, 5};
  fake.clock = [&] { return time.now; };
  cucm::DiscoveryOptions options;
  options.max_rate_faults = 3;
  const auto result = cucm::discover(fake, options, time.hooks());
  REQUIRE_FALSE(result);
  CHECK(result.error().find("still throttled after 3 retries") != std::string::npos);
}

TEST_CASE("discovery with rejected AXL credentials names the problem", "[cucm][discovery]") {
  FakeTime time;
  FakeCucm fake;
  fake.phones = 3;
  fake.axl_status = 401;
  fake.clock = [&] { return time.now; };
  const auto result = cucm::discover(fake, {}, time.hooks());
  REQUIRE_FALSE(result);
  CHECK(result.error() == "AXL listPhone: HTTP 401: the CUCM rejected the user name or password");
  CHECK(fake.risport_requests == 0);
}

TEST_CASE("base URL of a --cucm value keeps scheme, host and port only", "[cucm][transport]") {
  CHECK(cucm::base_url("https://cucm.example.net:8443/ccmcip/authenticate.jsp") == "https://cucm.example.net:8443");
  CHECK(cucm::base_url("https://10.0.0.1:8443") == "https://10.0.0.1:8443");
  CHECK(cucm::base_url("cucm.example.net") == "https://cucm.example.net:8443");
  CHECK(cucm::base_url("cucm.example.net:9443/axl/") == "https://cucm.example.net:9443");
  CHECK(cucm::base_url("http://127.0.0.1:5000/") == "http://127.0.0.1:5000");
}
