// The probe plan against a phone given as a map of paths to answers: the table's paths for each
// family, the phone's own menu when a path answers 404 or the model is unknown, the ITL evidence
// of the network setup page, and what the evidence says about the model's identity.
#include <diagnosis/diagnose.hpp>
#include <scanner/engine.hpp>
#include <scanner/probe_plan.hpp>
#include <tests/support/plan_answers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace {

using test_support::http_answer;
using test_support::phone_target;

constexpr std::string_view base = "http://127.16.0.9:8080";
const std::string serviceability = "/CGI/Java/Serviceability?adapter=";

std::string xml_device(std::string_view model) {
  return "<?xml version=\"1.0\"?><DeviceInformation><modelNumber>" + std::string(model) +
         "</modelNumber><MACAddress>0CD0F8123456</MACAddress><versionID>sip.1-2-3</versionID>"
         "</DeviceInformation>";
}

std::string html_page(std::string_view menu, std::string_view rows) {
  return "<html><body><table><tr><td><table>" + std::string(menu) + "</table></td><td><table>" + std::string(rows) +
         "</table></td></tr></table></body></html>";
}

std::string row(std::string_view label, std::string_view value) {
  return "<tr><td><b>" + std::string(label) + "</b></td><td width=20></td><td><b>" + std::string(value) +
         "</b></td></tr>";
}

std::string status_page(std::string_view line) { return html_page("", "<tr><td>" + std::string(line) + "</td></tr>"); }

std::string network_page(std::string_view auth_url, std::string_view itl_file) {
  return html_page("", row("Authentication URL", auth_url) + row("ITL file", itl_file));
}

struct Asked {
  std::string path;
  scanner::Request request;
};

// Runs the plan against `phone` (path -> answer, 404 for every other path).
std::vector<Asked> run(scanner::ProbePlan& plan, const std::map<std::string, scanner::Response>& phone) {
  std::vector<Asked> asked;
  for (int guard = 0; guard < 30; ++guard) {
    const scanner::Step step = plan.next();
    if (step.kind == scanner::Step::Kind::done) break;
    if (step.kind == scanner::Step::Kind::resolve) {
      scanner::Resolution resolution;
      resolution.ok = true;
      resolution.addresses = {"127.0.0.1"};
      plan.on_resolved(resolution);
      continue;
    }
    REQUIRE(step.request.url.substr(0, base.size()) == base);
    const std::string path = step.request.url.substr(base.size());
    asked.push_back({path, step.request});
    const auto it = phone.find(path);
    plan.on_response(it == phone.end() ? http_answer(404, "<html>Not Found</html>") : it->second);
  }
  return asked;
}

std::vector<std::string> paths(const std::vector<Asked>& asked) {
  std::vector<std::string> out;
  for (const auto& a : asked) out.push_back(a.path);
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A PNG signature and IHDR chunk: what the screenshot reader takes for an image.
constexpr char png_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\x0d"
                             "IHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\0\0\0\0";
const scanner::Response png = http_answer(200, std::string(png_bytes, sizeof png_bytes - 1), "image/png");
const scanner::Response error4 = http_answer(200, "<CiscoIPPhoneError Number=\"4\" />", "text/xml");

} // namespace

TEST_CASE(
    "probe plan: a 79x1/79x2/79x5 phone is asked the Serviceability pages, named by the inventory or by the phone",
    "[plan][menu]") {
  for (const bool inventory_names_it : {true, false}) {
    CAPTURE(inventory_names_it);
    const inventory::Target target = phone_target(inventory_names_it ? "CP-7965G" : "");
    const scanner::PlanSettings settings;
    scanner::ProbePlan plan(target, settings);
    const auto asked =
        paths(run(plan, {
                            {"/DeviceInformationX", http_answer(200, xml_device("CP-7965G"), "text/xml")},
                            {serviceability + "device.settings.status.messages",
                             http_answer(200, status_page("10:01:02a 10/09/18 ITL Trust Failed"))},
                            {serviceability + "device.statistics.configuration",
                             http_answer(200, network_page("http://cucm-old.example:8080/ccmcip/authenticate.jsp",
                                                           "5A3F09C1D2E4F6A7B8C9"))},
                            {"/CGI/Screenshot", error4},
                        }));
    CHECK_FALSE(has(asked, "/DeviceLog?2"));
    CHECK_FALSE(has(asked, "/NetworkConfiguration"));
    CHECK(plan.evidence().itl == diagnosis::ItlState::trust_failed);
    CHECK(plan.evidence().auth_url == "http://cucm-old.example:8080/ccmcip/authenticate.jsp");
    CHECK(plan.evidence().model_source == "/DeviceInformationX"); // the phone's own answer
    CHECK(asked.size() == 4);                                     // device, status, network, screenshot: no detour
  }
}

TEST_CASE("probe plan: 89xx and 69xx phones with a display are read at /, /status.html and /NetworkConfiguration",
          "[plan][menu]") {
  for (const char* model : {"CP-8945", "CP-6921"}) {
    CAPTURE(model);
    const inventory::Target target = phone_target(model);
    const scanner::PlanSettings settings;
    scanner::ProbePlan plan(target, settings);
    const auto asked = paths(
        run(plan,
            {
                {"/", http_answer(200, html_page("", row("Model Number", model) + row("MAC Address", "0CD0F8123456")))},
                {"/status.html", http_answer(200, status_page("9:00:00a 10/09/18 ITL installed"))},
                {"/NetworkConfiguration",
                 http_answer(200, network_page("http://cucm:8080/ccmcip/authenticate.jsp", "Installed"))},
            }));
    REQUIRE(asked.size() >= 3);
    CHECK(asked[0] == "/");
    CHECK(asked[1] == "/status.html");
    CHECK(asked[2] == "/NetworkConfiguration");
    CHECK(plan.evidence().itl == diagnosis::ItlState::ok);
    CHECK(plan.evidence().model_source == "/");
  }
}

TEST_CASE("probe plan: the 6941 is identified by /DeviceInformationX", "[plan][menu]") {
  const inventory::Target target = phone_target("");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const auto asked =
      paths(run(plan, {
                          {"/DeviceInformationX", http_answer(200, xml_device("CP-6941"), "text/xml")},
                          {"/status.html", http_answer(200, status_page("ITL installed"))},
                          {"/NetworkConfiguration",
                           http_answer(200, network_page("http://cucm:8080/ccmcip/authenticate.jsp", "No"))},
                      }));
  REQUIRE(asked.size() >= 2);
  CHECK(asked[0] == "/DeviceInformationX");
  CHECK(asked[1] == "/status.html");
  CHECK_FALSE(has(asked, "/"));
  CHECK(has(asked, "/CGI/lcd4.bmp"));
}

TEST_CASE("probe plan: a page the firmware moved costs the home page and the linked page, and is read",
          "[plan][menu]") {
  const inventory::Target target = phone_target("CP-8841");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string menu = "<tr><td><a href=\"/ui/dev.html\">Device information</a></td></tr>"
                           "<tr><td><a href=\"/ui/net.html\">Network setup</a></td></tr>"
                           "<tr><td><a href=\"/ui/log/st.html\">Status messages</a></td></tr>";
  const auto asked = run(
      plan, {
                {"/DeviceInformationX", http_answer(200, xml_device("CP-8841"), "text/xml")},
                {"/", http_answer(200, html_page(menu, row("Model number", "CP-8841")))},
                {"/ui/log/st.html", http_answer(200, status_page("9:00:00a 10/09/18 Trust List update failed"))},
                {"/ui/net.html",
                 http_answer(200, network_page("http://cucm:8080/ccmcip/authenticate.jsp", "F00DF00DF00DF00DF00D"))},
                {"/CGI/Screenshot", error4},
            });
  const auto list = paths(asked);
  const std::vector<std::string> expected{
      "/DeviceInformationX", serviceability + "device.settings.status.messages", "/",
      "/ui/log/st.html",     serviceability + "device.statistics.configuration", "/ui/net.html",
      "/CGI/Screenshot"};
  CHECK(list == expected); // one 404 and one home page more than a table hit, nothing twice
  CHECK(plan.evidence().itl == diagnosis::ItlState::trust_failed);
  CHECK(plan.evidence().auth_url == "http://cucm:8080/ccmcip/authenticate.jsp");
  for (const auto& a : asked) {
    if (a.path == "/CGI/Screenshot") continue;
    CAPTURE(a.path);
    CHECK_FALSE(a.request.basic_auth); // menu pages are anonymous
    CHECK(a.request.lane == scanner::Lane::anonymous);
  }
}

TEST_CASE("probe plan: an unknown model's pages come from its menu, in any language, on its own host only",
          "[plan][menu]") {
  const inventory::Target target = phone_target("");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string menu = "<tr><td><a href=\"http://www.cisco.com/\">Cisco</a></td></tr>"
                           "<tr><td><a href=\"http://evil.example/p/2\">Mensajes de estado</a></td></tr>"
                           "<tr><td><a href=\"p/1\">Configuraci&oacute;n de red</a></td></tr>"
                           "<tr><td><a href=\"p/2\">Mensajes de estado</a></td></tr>";
  const auto asked =
      paths(run(plan, {
                          {"/", http_answer(200, html_page(menu, row("N\xC3\xBAmero de modelo", "CP-5105") +
                                                                     row("Direcci\xC3\xB3n MAC", "0CD0F8123456") +
                                                                     row("N\xC3\xBAmero de serie", "FCH1811EJHJ")))},
                          {"/p/1", http_answer(200, network_page("http://cucm:8080/ccmcip/authenticate.jsp", "No"))},
                          {"/p/2", http_answer(200, status_page("9:00:00a 10/09/18 Some unrelated message"))},
                          {"/CGI/Screenshot", png},
                      }));
  const std::vector<std::string> expected{"/DeviceInformationX", "/", "/p/2", "/p/1", "/CGI/Screenshot"};
  CHECK(asked == expected);
  CHECK(plan.evidence().device.model == "CP-5105");
  CHECK(plan.evidence().device.serial == "FCH1811EJHJ");
  CHECK(plan.evidence().model_source == "/");
  // No trust line among the status messages: the network setup page's ITL file line decides.
  CHECK(plan.evidence().itl == diagnosis::ItlState::not_installed);
  CHECK(plan.evidence().itl_detail == "network setup page: ITL file No");
}

TEST_CASE("probe plan: a menu that links pages already asked, or itself, adds no request", "[plan][menu]") {
  const inventory::Target target = phone_target("CP-8841");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string menu =
      "<tr><td><a href=\"/\">Device information</a></td></tr>"
      "<tr><td><a href=\"/CGI/Java/Serviceability?adapter=device.statistics.configuration\">Network setup</a></td></tr>"
      "<tr><td><a href=\"/\">Status messages</a></td></tr>";
  const auto asked = paths(run(plan, {{"/", http_answer(200, html_page(menu, ""))}}));
  // Device page, home page, status and network table paths, screenshot: at most one of each.
  CHECK(asked.size() == 5);
  std::vector<std::string> sorted = asked;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("probe plan: ITL evidence from the network setup page, status messages winning", "[plan][menu]") {
  struct Case {
    const char* status_line; // nullptr: the status page answers 404 and no menu links one
    const char* itl_file;
    diagnosis::ItlState expected;
    const char* detail_starts;
  };
  for (const Case& c : {
           Case{nullptr, "5A3F09C1D2E4F6A7B8C9D0E1", diagnosis::ItlState::ok, "network setup page: ITL file 5A3F"},
           Case{nullptr, "Installed", diagnosis::ItlState::ok, "network setup page"},
           Case{nullptr, "No", diagnosis::ItlState::not_installed, "network setup page"},
           Case{nullptr, "Not installed", diagnosis::ItlState::not_installed, "network setup page"},
           Case{nullptr, "", diagnosis::ItlState::unknown, ""},
           Case{"9:00:00a 10/09/18 Trust List update failed", "5A3F09C1D2E4F6A7B8C9D0E1",
                diagnosis::ItlState::trust_failed, "status messages: 9:00:00a"},
           Case{"9:00:00a 10/09/18 No Trust List installed", "5A3F09C1D2E4F6A7B8C9D0E1",
                diagnosis::ItlState::not_installed, "status messages"},
           Case{"9:00:00a 10/09/18 ITL installed", "No", diagnosis::ItlState::ok, "status messages"},
       }) {
    CAPTURE(c.status_line ? c.status_line : "(none)", c.itl_file);
    const inventory::Target target = phone_target("CP-8841");
    const scanner::PlanSettings settings;
    scanner::ProbePlan plan(target, settings);
    std::map<std::string, scanner::Response> phone{
        {"/DeviceInformationX", http_answer(200, xml_device("CP-8841"), "text/xml")},
        {serviceability + "device.statistics.configuration",
         http_answer(200, network_page("http://cucm:8080/ccmcip/authenticate.jsp", c.itl_file))},
        {"/CGI/Screenshot", png}};
    if (c.status_line)
      phone[serviceability + "device.settings.status.messages"] = http_answer(200, status_page(c.status_line));
    (void)run(plan, phone);
    CHECK(plan.evidence().itl == c.expected);
    CHECK(plan.evidence().itl_detail.substr(0, std::string_view(c.detail_starts).size()) == c.detail_starts);
    const auto outcome = diagnosis::diagnose(plan.evidence(), diagnosis::FleetFacts{});
    if (c.expected != diagnosis::ItlState::unknown)
      CHECK_THAT(outcome.detail, Catch::Contains(plan.evidence().itl_detail));
  }
}

TEST_CASE("probe plan: a phone nothing identifies says so, and a 404 on the screenshot stays unsupported",
          "[plan][menu]") {
  const inventory::Target target = phone_target("", "");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const auto asked = paths(run(plan, {{"/", http_answer(200, "<html><body>Welcome</body></html>")}}));
  // No device page, no menu: nothing asked beyond the device page, the home page and the screenshot.
  const std::vector<std::string> expected{"/DeviceInformationX", "/", "/CGI/Screenshot"};
  CHECK(asked == expected);
  CHECK(plan.evidence().model_source.empty());
  const auto outcome = diagnosis::diagnose(plan.evidence(), diagnosis::FleetFacts{});
  CHECK(outcome.cause == diagnosis::RootCause::unsupported);
  CHECK_THAT(outcome.detail, Catch::Contains("model not identified"));
}

TEST_CASE("probe plan: the model the inventory names is recorded as its source until a page names one",
          "[plan][menu]") {
  const inventory::Target target = phone_target("CP-8841");
  const scanner::PlanSettings settings;
  scanner::ProbePlan unread(target, settings);
  (void)run(unread, {});
  CHECK(unread.evidence().model_source == "inventory");
  CHECK_THAT(diagnosis::diagnose(unread.evidence(), diagnosis::FleetFacts{}).detail,
             !Catch::Contains("model not identified"));
}

TEST_CASE("probe plan: a Spanish 6901 home page is identified and not asked for a screenshot", "[plan][menu]") {
  const inventory::Target target = phone_target("", "");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string spanish =
      html_page("<tr><td><a href=\"Device_Information.html\">Informaci\xC3\xB3n del dispositivo</a></td></tr>"
                "<tr><td><a href=\"Network_Setup.html\">Configuraci\xC3\xB3n de red</a></td></tr>",
                row("Direcci\xC3\xB3n MAC", "A0:B1:C2:D3:E4:F5") + row("Nombre de host", "SEPA0B1C2D3E4F5") +
                    row("ID de carga de aplicaci\xC3\xB3n", "SIP6901.9-3-1-SR2-3") +
                    row("N\xC3\xBAmero de serie", "ABC1234EF5G") + row("N\xC3\xBAmero de modelo", "CP-6901"));
  const auto asked = paths(run(plan, {{"/", http_answer(200, spanish)}}));
  CHECK_FALSE(has(asked, "/CGI/Screenshot"));
  CHECK(plan.evidence().device.model == "CP-6901");
  CHECK(plan.evidence().device.firmware == "SIP6901.9-3-1-SR2-3");
  CHECK(plan.evidence().device.serial == "ABC1234EF5G");
  const auto outcome = diagnosis::diagnose(plan.evidence(), diagnosis::FleetFacts{});
  CHECK(outcome.cause == diagnosis::RootCause::unsupported);
}

TEST_CASE("probe plan: a menu never leads to the phone's command services, only to pages", "[plan][menu]") {
  const inventory::Target target = phone_target("");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string menu = "<tr><td><a href=\"/CGI/Execute?XML=x\">Status messages</a></td></tr>"
                           "<tr><td><a href=\"/CGI/Screenshot\">Network setup</a></td></tr>"
                           "<tr><td><a href=\"/s.html\">Status messages</a></td></tr>";
  const auto asked = run(plan, {{"/", http_answer(200, html_page(menu, row("Model number", "CP-4321")))},
                                {"/s.html", http_answer(200, status_page("ITL installed"))}});
  for (const auto& a : asked) {
    CAPTURE(a.path);
    CHECK((a.path.rfind("/CGI/", 0) != 0 || (a.path == "/CGI/Screenshot" && a.request.basic_auth)));
  }
  CHECK(has(paths(asked), "/s.html"));
}
