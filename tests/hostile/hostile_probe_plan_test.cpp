// The probe plan facing hostile answers: a device page over the size cap, and a model field full
// of markup, must not cost the phone its screenshot or its status page.
#include <sim/fleetsim/pages.hpp>

#include <diagnosis/diagnose.hpp>
#include <scanner/probe_plan.hpp>
#include <tests/support/plan_answers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using test_support::http_answer;
inventory::Target target_of(std::string model) { return test_support::phone_target(std::move(model)); }

// Runs the plan to the end: `reply` answers every fetch; returns the URLs asked, in order.
template <class Reply>
std::vector<std::string> run_plan(scanner::ProbePlan& plan, Reply reply) {
  std::vector<std::string> asked;
  for (int guard = 0; guard < 20; ++guard) {
    scanner::Step step = plan.next();
    if (step.kind == scanner::Step::Kind::done) break;
    REQUIRE(step.kind == scanner::Step::Kind::fetch);
    asked.push_back(step.request.url);
    plan.on_response(reply(step.request.url));
  }
  return asked;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

TEST_CASE("hostile probe plan: a device page over the size cap still leads to the screenshot", "[hostile][plan]") {
  const inventory::Target target = target_of("CP-8841");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const auto asked = run_plan(plan, [](const std::string& url) {
    if (ends_with(url, "/DeviceInformationX")) {
      scanner::Response r;
      r.status = diagnosis::TransferStatus::too_large;
      r.http_status = 200;
      r.error = "body larger than 524288 bytes";
      return r;
    }
    if (ends_with(url, "/CGI/Screenshot")) return http_answer(200, fleetsim::png_image(), "image/png");
    return http_answer(200, "<html><body>nothing here</body></html>");
  });
  REQUIRE_FALSE(asked.empty());
  CHECK(ends_with(asked.back(), "/CGI/Screenshot"));
  const diagnosis::Outcome outcome = diagnosis::diagnose(plan.evidence(), diagnosis::FleetFacts{});
  CHECK(outcome.cause == diagnosis::RootCause::ok);
}

TEST_CASE("hostile probe plan: a model field full of markup does not replace the inventory's model",
          "[hostile][plan]") {
  const inventory::Target target = target_of("CP-8945");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const std::string hostile_model = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover=alert(2)&gt;CP-8841";
  const auto asked = run_plan(plan, [&](const std::string& url) {
    if (ends_with(url, ":8080/"))
      return http_answer(200,
                         "<?xml version=\"1.0\"?><DeviceInformation><modelNumber>" + hostile_model +
                             "</modelNumber><MACAddress>0CD0F8123456</MACAddress>"
                             "</DeviceInformation>",
                         "text/xml");
    if (ends_with(url, "/CGI/Screenshot")) return http_answer(200, fleetsim::png_image(), "image/png");
    return http_answer(200, "<html><body>page</body></html>");
  });
  // The 89xx status page and network page, not the 88xx Serviceability ones.
  CHECK(std::find_if(asked.begin(), asked.end(), [](const std::string& u) { return ends_with(u, "/status.html"); }) !=
        asked.end());
  CHECK(std::find_if(asked.begin(), asked.end(), [](const std::string& u) {
          return u.find("Serviceability") != std::string::npos;
        }) == asked.end());
  CHECK(plan.evidence().device.model.find("<script>") != std::string::npos); // kept as evidence
}
