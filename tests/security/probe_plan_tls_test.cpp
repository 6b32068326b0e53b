// The probe plan asks an HTTPS phone over https and accepts its self-signed certificate; nothing
// else is exempt from verification: a Request verifies TLS unless a phone page says otherwise.
#include <inventory/target.hpp>
#include <scanner/probe_plan.hpp>

#include <catch2/catch.hpp>

TEST_CASE("an HTTPS phone's requests use https and accept its certificate, an HTTP phone stays http",
          "[security][probe_plan]") {
  scanner::PlanSettings settings;
  inventory::Target https_phone;
  https_phone.host = "10.9.0.1";
  https_phone.port = 8443;
  https_phone.https = true;
  https_phone.model = "CP-8875";
  scanner::ProbePlan plan(https_phone, settings);
  const scanner::Step step = plan.next();
  REQUIRE(step.kind == scanner::Step::Kind::fetch);
  CHECK(step.request.url.rfind("https://10.9.0.1:8443/", 0) == 0);
  CHECK_FALSE(step.request.verify_tls);
  CHECK(step.request.lane != scanner::Lane::cucm);
  CHECK(plan.evidence().https_used);

  inventory::Target http_phone = https_phone;
  http_phone.https = false;
  scanner::ProbePlan plain(http_phone, settings);
  const scanner::Step first = plain.next();
  REQUIRE(first.kind == scanner::Step::Kind::fetch);
  CHECK(first.request.url.rfind("http://10.9.0.1:8443/", 0) == 0);
  CHECK_FALSE(plain.evidence().https_used);
}

TEST_CASE("a request verifies TLS unless it says otherwise", "[security][probe_plan]") {
  const scanner::Request request;
  CHECK(request.verify_tls);
}
