// diagnose() is the troubleshooting guide: one case per root cause and per precedence conflict,
// with the evidence built here, no network.
#include <diagnosis/diagnose.hpp>
#include <tests/diagnosis/evidence_builders.hpp>

#include <catch2/catch.hpp>

using namespace diagnosis_test;

namespace {

RootCause cause(const Evidence& e, FleetFacts f = works_elsewhere()) { return diagnose(e, f).cause; }

} // namespace

TEST_CASE("diagnose: a screenshot image is ok, and an ITL failure stays visible in the detail") {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::image;
  e.image_format = "png";
  CHECK(cause(e) == RootCause::ok);
  e.itl = ItlState::trust_failed;
  e.itl_detail = "11:39:03am 10/09/18 Trust List update failed";
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::ok);
  CHECK_THAT(o.detail, Catch::Contains("Trust List update failed"));
}

TEST_CASE("diagnose: an inventory name that does not resolve is dns_unresolved before anything else") {
  Evidence e;
  e.target_lookup = NameLookup::unresolved;
  e.lookup_detail = "phone-1.example: Domain name not found";
  e.transport = TransferStatus::connect_failed;
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::dns_unresolved);
  CHECK_THAT(o.detail, Catch::Contains("phone-1.example"));
}

TEST_CASE("diagnose: refused or timed-out connects on first contact are unreachable") {
  for (auto status : {TransferStatus::connect_failed, TransferStatus::connect_timeout}) {
    Evidence e;
    e.transport = status;
    CHECK(cause(e) == RootCause::unreachable);
  }
}

TEST_CASE("diagnose: connected but no complete answer in time is timeout, not unreachable") {
  Evidence e;
  e.transport = TransferStatus::timed_out;
  CHECK(cause(e) == RootCause::timeout);
  Evidence drip = answered();
  drip.screenshot = ScreenshotAnswer::no_answer;
  drip.transport = TransferStatus::timed_out;
  CHECK(cause(drip) == RootCause::timeout);
}

TEST_CASE("diagnose: a TLS handshake failure is tls_error") {
  Evidence e;
  e.transport = TransferStatus::tls_failed;
  CHECK(cause(e) == RootCause::tls_error);
}

TEST_CASE("diagnose: truncated, reset or oversized answers are bad_response") {
  for (auto status : {TransferStatus::closed_early, TransferStatus::too_large}) {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::no_answer;
    e.transport = status;
    CHECK(cause(e) == RootCause::bad_response);
  }
  Evidence garbage = answered();
  garbage.screenshot = ScreenshotAnswer::malformed;
  garbage.screenshot_detail = "not an image";
  CHECK(cause(garbage) == RootCause::bad_response);
}

TEST_CASE("diagnose: error 4 with the CUCM rejecting the user on every phone is bad_credentials") {
  const Outcome o = diagnose(error4(CucmAuth::unauthorized), rejected_everywhere());
  CHECK(o.cause == RootCause::bad_credentials);
}

TEST_CASE("diagnose: error 4 with the CUCM rejecting this phone while credentials work elsewhere is not_associated") {
  CHECK(cause(error4(CucmAuth::unauthorized), works_elsewhere()) == RootCause::not_associated);
}

TEST_CASE("diagnose: not_associated beats an ITL failure, which stays a secondary finding") {
  Evidence e = error4(CucmAuth::unauthorized);
  e.itl = ItlState::trust_failed;
  e.itl_detail = "Trust List update failed";
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::not_associated);
  CHECK_THAT(o.detail, Catch::Contains("Trust List update failed"));
}

TEST_CASE("diagnose: bad_credentials beats not_associated when nothing accepted the credentials") {
  Evidence e = error4(CucmAuth::unauthorized);
  e.itl = ItlState::trust_failed;
  CHECK(cause(e, rejected_everywhere()) == RootCause::bad_credentials);
}

TEST_CASE("diagnose: error 4, CUCM authorised, ITL trust failure is itl_trust") {
  Evidence e = error4(CucmAuth::authorized);
  e.itl = ItlState::trust_failed;
  e.itl_detail = "Trust List update failed";
  CHECK(cause(e) == RootCause::itl_trust);
}

TEST_CASE("diagnose: itl_trust beats auth_url_dns when both are shown") {
  Evidence e = error4(CucmAuth::authorized);
  e.itl = ItlState::trust_failed;
  e.auth_url_lookup = NameLookup::unresolved;
  CHECK(cause(e) == RootCause::itl_trust);
}

TEST_CASE("diagnose: error 4, CUCM authorised, authentication URL host unresolved is auth_url_dns") {
  Evidence e = error4(CucmAuth::authorized);
  e.auth_url_lookup = NameLookup::unresolved;
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::auth_url_dns);
  CHECK_THAT(o.detail, Catch::Contains("cucm.example"));
}

TEST_CASE("diagnose: error 4 that no evidence explains is auth_failed") {
  CHECK(cause(error4(CucmAuth::authorized)) == RootCause::auth_failed);
  CHECK(cause(error4(CucmAuth::not_checked)) == RootCause::auth_failed);
  CHECK(cause(error4(CucmAuth::error)) == RootCause::auth_failed);
}

TEST_CASE("diagnose: without a CUCM verdict an ITL failure is a hint, not proof") {
  Evidence e = error4(CucmAuth::not_checked);
  e.itl = ItlState::trust_failed;
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::auth_failed);
  CHECK_THAT(o.detail, Catch::Contains("ITL"));
}

TEST_CASE("diagnose: a bare HTTP 401 is treated as an authentication failure") {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::unauthorized;
  e.screenshot_http_status = 401;
  e.cucm = CucmAuth::unauthorized;
  CHECK(cause(e, works_elsewhere()) == RootCause::not_associated);
}

TEST_CASE("diagnose: CiscoIPPhoneError other than 4 is phone_error") {
  for (int n : {1, 2, 3}) {
    Evidence e = answered();
    e.screenshot = ScreenshotAnswer::phone_error;
    e.phone_error = n;
    const Outcome o = diagnose(e, works_elsewhere());
    CHECK(o.cause == RootCause::phone_error);
    CHECK_THAT(o.detail, Catch::Contains(std::to_string(n)));
  }
}

TEST_CASE("diagnose: a model without screenshot service, or a 404, is unsupported") {
  Evidence e = answered();
  e.model_without_screenshot = true;
  e.device.model = "ATA-187";
  CHECK(cause(e) == RootCause::unsupported);
  Evidence missing = answered();
  missing.screenshot = ScreenshotAnswer::not_found;
  CHECK(cause(missing) == RootCause::unsupported);
}

TEST_CASE("diagnose: reachability beats the model table (an unreachable ATA is unreachable)") {
  Evidence e;
  e.model_without_screenshot = true;
  e.transport = TransferStatus::connect_failed;
  CHECK(cause(e) == RootCause::unreachable);
}

TEST_CASE("diagnose: any other HTTP status is http_error") {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::http_status;
  e.screenshot_http_status = 500;
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::http_error);
  CHECK_THAT(o.detail, Catch::Contains("500"));
}

TEST_CASE(
    "diagnose: a phone not asked because the CUCM refused the credentials is bad_credentials, with its ITL hint") {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::withheld_rejected;
  e.screenshot_detail = "the CUCM refused the credentials for SEP001122334466 and SEP001122334477";
  e.itl = ItlState::trust_failed;
  e.itl_detail = "Trust List update failed";
  const Outcome o = diagnose(e, rejected_everywhere());
  CHECK(o.cause == RootCause::bad_credentials);
  CHECK_THAT(o.detail,
             Catch::StartsWith("not asked for a screenshot: the CUCM refused the credentials for SEP001122334466"));
  CHECK_THAT(o.detail, Catch::Contains("Trust List update failed"));
}

TEST_CASE("diagnose: a phone not asked after Error 4 answers without a CUCM verdict is auth_failed, saying why") {
  Evidence e = answered();
  e.screenshot = ScreenshotAnswer::withheld_unproven;
  e.screenshot_detail = "screenshots of SEP001122334466 and SEP001122334477 answered Error 4";
  const Outcome o = diagnose(e, FleetFacts{});
  CHECK(o.cause == RootCause::auth_failed);
  CHECK_THAT(o.detail, Catch::Contains("answered Error 4"));
}

TEST_CASE("diagnose: a phone not asked in a part of the sweep where the credentials were refused, while they "
          "work elsewhere, is auth_failed and to be scanned again") {
  for (auto withheld : {ScreenshotAnswer::withheld_rejected, ScreenshotAnswer::withheld_unproven}) {
    Evidence e = answered();
    e.screenshot = withheld;
    const Outcome o = diagnose(e, works_elsewhere());
    CHECK(o.cause == RootCause::auth_failed);
    CHECK_THAT(o.detail, Catch::Contains("scan this phone again"));
  }
}

TEST_CASE("diagnose: an address that never said it is a Cisco phone is unsupported, no credentials sent") {
  Evidence e;
  e.any_answer = true;
  e.screenshot = ScreenshotAnswer::not_a_phone;
  e.screenshot_detail = "answers HTTP, but no page identifies a Cisco phone";
  const Outcome o = diagnose(e, works_elsewhere());
  CHECK(o.cause == RootCause::unsupported);
  CHECK(o.detail == e.screenshot_detail);
}

TEST_CASE("diagnose: error 4 whose cross-check was not asked says why the CUCM was not asked") {
  Evidence e = error4(CucmAuth::not_checked);
  e.cucm_detail = "the credentials were refused twice; no more authenticated requests";
  const Outcome o = diagnose(e, FleetFacts{});
  CHECK(o.cause == RootCause::auth_failed);
  CHECK_THAT(o.detail, Catch::Contains("CUCM not asked: the credentials were refused twice"));
}

TEST_CASE("accumulate: a screenshot or a CUCM AUTHORIZED anywhere means the credentials work") {
  FleetFacts f;
  Evidence rejected = error4(CucmAuth::unauthorized);
  accumulate(f, rejected);
  CHECK_FALSE(f.credentials_accepted_somewhere);
  Evidence ok = answered();
  ok.screenshot = ScreenshotAnswer::image;
  accumulate(f, ok);
  CHECK(f.credentials_accepted_somewhere);
  FleetFacts g;
  accumulate(g, error4(CucmAuth::authorized));
  CHECK(g.credentials_accepted_somewhere);
}

TEST_CASE("root causes: every code round-trips through its stable text") {
  for (int i = 0; i < root_cause_count; ++i) {
    const auto c = static_cast<RootCause>(i);
    CHECK(root_cause_from_string(to_string(c)) == c);
  }
  CHECK_FALSE(root_cause_from_string("no_such_cause").has_value());
}
