// The probe plan, fed answers directly: what it asks a phone whose pages cannot be read, and the
// root cause those answers lead to.
#include <diagnosis/diagnose.hpp>
#include <scanner/probe_plan.hpp>
#include <tests/support/plan_answers.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using test_support::http_answer;
inventory::Target target_of(std::string model) { return test_support::phone_target(std::move(model)); }

// Runs the plan to the end, answering every fetch with `reply`; returns the URLs asked.
std::vector<std::string> run_plan(scanner::ProbePlan& plan, const scanner::Response& reply) {
  std::vector<std::string> asked;
  for (int guard = 0; guard < 20; ++guard) {
    scanner::Step step = plan.next();
    if (step.kind == scanner::Step::Kind::done) break;
    REQUIRE(step.kind == scanner::Step::Kind::fetch);
    asked.push_back(step.request.url);
    plan.on_response(reply);
  }
  return asked;
}

} // namespace

TEST_CASE("probe plan: a model without screenshot whose home page cannot be read is unsupported", "[plan]") {
  // ATA and 6901/6911 serve their device facts on the home page ("/"), so the plan has no second
  // page to try: the inventory's model alone must say that there is no screenshot service.
  const auto [model, reply] = GENERATE(table<std::string, scanner::Response>({
      {"ATA-191", http_answer(401, "Unauthorized")},
      {"Cisco ATA 187", http_answer(302)},
      {"CP-6901", http_answer(200, "<html><body>\x01\x02 not a device page</body></html>")},
      {"CP-6911", http_answer(401)},
  }));
  CAPTURE(model, reply.http_status);
  const inventory::Target target = target_of(model);
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  const auto asked = run_plan(plan, reply);
  REQUIRE_FALSE(asked.empty());
  CHECK(asked.front() == "http://127.16.0.9:8080/");
  CHECK(plan.evidence().model_without_screenshot);
  const diagnosis::Outcome outcome = diagnosis::diagnose(plan.evidence(), diagnosis::FleetFacts{});
  CHECK(outcome.cause == diagnosis::RootCause::unsupported);
}

TEST_CASE("probe plan: a phone that answers with a screenshot-capable model is not unsupported", "[plan]") {
  // The inventory says ATA, the phone says 8841: the phone's own model wins and its screenshot
  // is asked.
  const inventory::Target target = target_of("ATA-191");
  const scanner::PlanSettings settings;
  scanner::ProbePlan plan(target, settings);
  REQUIRE(plan.evidence().model_without_screenshot);
  scanner::Step step = plan.next();
  REQUIRE(step.kind == scanner::Step::Kind::fetch);
  plan.on_response(http_answer(200,
                               "<?xml version=\"1.0\"?><DeviceInformation><modelNumber>CP-8841"
                               "</modelNumber><MACAddress>0CD0F8123456</MACAddress></DeviceInformation>",
                               "text/xml"));
  CHECK_FALSE(plan.evidence().model_without_screenshot);
  bool asked_screenshot = false;
  for (int guard = 0; guard < 20; ++guard) {
    step = plan.next();
    if (step.kind == scanner::Step::Kind::done) break;
    asked_screenshot = asked_screenshot || step.request.url.find("/CGI/Screenshot") != std::string::npos;
    plan.on_response(http_answer(404));
  }
  CHECK(asked_screenshot);
}

TEST_CASE("probe plan: a phone named by an IP literal is asked without a lookup", "[plan]") {
  const scanner::PlanSettings settings;
  inventory::Target v6 = target_of("CP-8841");
  v6.host = "2001:db8::7";
  scanner::ProbePlan by_address(v6, settings);
  const scanner::Step first = by_address.next();
  REQUIRE(first.kind == scanner::Step::Kind::fetch);
  CHECK(first.request.url == "http://[2001:db8::7]:8080/DeviceInformationX");
  CHECK(first.request.connect_ip.empty());

  inventory::Target named = target_of("CP-8841");
  named.host = "phone-7.example.net";
  scanner::ProbePlan by_name(named, settings);
  const scanner::Step lookup = by_name.next();
  REQUIRE(lookup.kind == scanner::Step::Kind::resolve);
  CHECK(lookup.host == "phone-7.example.net");
}
