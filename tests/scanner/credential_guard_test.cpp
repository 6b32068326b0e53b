// The credential guard, case by case: what it lets through while the credentials are unproven,
// how many refusals it tolerates, and what it says once it gives up on them.
#include <scanner/credential_guard.hpp>

#include <catch2/catch.hpp>

using namespace scanner;

namespace {

Evidence screenshot(ScreenshotAnswer answer, int phone_error = 0) {
  Evidence e;
  e.any_answer = true;
  e.screenshot = answer;
  e.phone_error = phone_error;
  return e;
}

Evidence error4() { return screenshot(ScreenshotAnswer::phone_error, 4); }

Evidence cross_check(CucmAuth verdict) {
  Evidence e = error4();
  e.cucm = verdict;
  return e;
}

GuardSettings with_cucm() {
  GuardSettings s;
  s.cucm = true;
  return s;
}

} // namespace

TEST_CASE("guard without --cucm: one screenshot at a time until one is an image, then it stands aside", "[guard]") {
  CredentialGuard guard{GuardSettings{}};
  CHECK(guard.next_probe(false).kind == Probe::Kind::none); // nothing waits, nothing to send
  CHECK(guard.next_probe(true).kind == Probe::Kind::phone);
  CHECK(guard.next_probe(true).kind == Probe::Kind::none); // one probe out at a time
  guard.phone_answered(error4(), false, "SEP000000000001");
  CHECK(guard.verdict() == CredentialVerdict::unproven);
  CHECK(guard.next_probe(true).kind == Probe::Kind::phone);
  guard.phone_answered(screenshot(ScreenshotAnswer::image), false, "SEP000000000002");
  CHECK(guard.verdict() == CredentialVerdict::accepted);
  CHECK(guard.next_probe(true).kind == Probe::Kind::none);
  const auto outcome = guard.outcome();
  CHECK(outcome.accepted_by == "the screenshot of SEP000000000002");
  CHECK(outcome.failed_logons == 0); // the refusal before was the phone's own problem
  CHECK(outcome.reason.empty());
}

TEST_CASE("guard without --cucm: two Error 4 answers and nothing accepted spend the budget", "[guard]") {
  CredentialGuard guard{GuardSettings{}};
  REQUIRE(guard.next_probe(true).kind == Probe::Kind::phone);
  guard.phone_answered(error4(), false, "SEP000000000001");
  REQUIRE(guard.next_probe(true).kind == Probe::Kind::phone);
  guard.phone_answered(screenshot(ScreenshotAnswer::unauthorized), false, "10.1.2.3");
  CHECK(guard.verdict() == CredentialVerdict::rejected);
  CHECK(guard.next_probe(true).kind == Probe::Kind::none);
  CHECK(guard.withheld() == ScreenshotAnswer::withheld_unproven);
  const auto outcome = guard.outcome();
  CHECK(outcome.failed_logons == 2);
  CHECK_FALSE(outcome.refused_by_cucm);
  CHECK(outcome.refused == std::vector<std::string>{"SEP000000000001 (Error 4)", "10.1.2.3 (Error 4)"});
  CHECK_THAT(outcome.reason,
             Catch::StartsWith("the credentials were refused by the phones SEP000000000001 and 10.1.2.3"));
  CHECK_THAT(outcome.reason, Catch::Contains("look the same"));
}

TEST_CASE("guard: answers that say nothing about the credentials cost nothing and let the next probe go", "[guard]") {
  CredentialGuard guard{GuardSettings{}};
  for (const Evidence& e : {screenshot(ScreenshotAnswer::not_found), screenshot(ScreenshotAnswer::no_answer),
                            screenshot(ScreenshotAnswer::phone_error, 1), screenshot(ScreenshotAnswer::malformed),
                            screenshot(ScreenshotAnswer::http_status), cross_check(CucmAuth::error)}) {
    REQUIRE(guard.next_probe(true).kind == Probe::Kind::phone);
    guard.phone_answered(e, e.cucm == CucmAuth::error, "SEP000000000001");
  }
  CHECK(guard.verdict() == CredentialVerdict::unproven);
  CHECK(guard.outcome().failed_logons == 0);
}

TEST_CASE("guard with --cucm: devices of the run are asked about before any phone, each once", "[guard]") {
  CredentialGuard guard(with_cucm());
  CHECK(guard.next_probe(true).kind == Probe::Kind::phone); // no device known yet: a phone is the probe
  guard.phone_answered(screenshot(ScreenshotAnswer::not_found), false, "10.0.0.1");
  guard.offer("SEP000000000001");
  guard.offer("sep000000000001"); // device names are case-insensitive
  guard.offer("SEP000000000002");
  Probe probe = guard.next_probe(true);
  REQUIRE(probe.kind == Probe::Kind::canary);
  CHECK(probe.device == "SEP000000000001");
  CHECK(guard.next_probe(true).kind == Probe::Kind::none);
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.verdict() == CredentialVerdict::unproven); // perhaps not associated: try another
  probe = guard.next_probe(true);
  REQUIRE(probe.kind == Probe::Kind::canary);
  CHECK(probe.device == "SEP000000000002");
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.verdict() == CredentialVerdict::rejected);
  CHECK(guard.withheld() == ScreenshotAnswer::withheld_rejected);
  const auto outcome = guard.outcome();
  CHECK(outcome.failed_logons == 2);
  CHECK(outcome.refused_by_cucm);
  CHECK(outcome.reason == "the credentials were refused by the CUCM for SEP000000000001 and SEP000000000002");
}

TEST_CASE("guard with --cucm: a configured canary goes first, before any phone waits, AUTHORIZED opens", "[guard]") {
  GuardSettings s = with_cucm();
  s.canaries = {{"SEPCANARY00001", false}};
  CredentialGuard guard(s);
  guard.offer("SEP000000000001");
  const Probe probe = guard.next_probe(false);
  REQUIRE(probe.kind == Probe::Kind::canary);
  CHECK(probe.device == "SEPCANARY00001");
  guard.canary_answered(CucmAuth::authorized);
  CHECK(guard.verdict() == CredentialVerdict::accepted);
  CHECK(guard.outcome().accepted_by == "the CUCM for SEPCANARY00001");
  guard.offer("SEP000000000002"); // too late to matter
  CHECK(guard.next_probe(true).kind == Probe::Kind::none);
}

TEST_CASE("guard: the configured canaries are known by name, whatever the case, and offered names are not", "[guard]") {
  GuardSettings s;
  s.canaries = {{"SEPCANARY00001", false}};
  CredentialGuard guard(s);
  guard.offer("SEP000000000001");
  CHECK(guard.is_canary("sepcanary00001"));
  CHECK_FALSE(guard.is_canary("SEP000000000001"));
  CHECK_FALSE(guard.is_canary(""));
}

TEST_CASE("guard with --cucm: a refused device that AXL lists as controlled is a verdict at once", "[guard]") {
  GuardSettings s = with_cucm();
  s.canaries = {{"SEPCONTROLLED1", true}, {"SEPCONTROLLED2", true}};
  CredentialGuard guard(s);
  REQUIRE(guard.next_probe(false).device == "SEPCONTROLLED1");
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.verdict() == CredentialVerdict::rejected);
  CHECK(guard.outcome().failed_logons == 1);
  CHECK_THAT(guard.outcome().reason, Catch::Contains("AXL lists among the user's controlled devices"));
}

TEST_CASE("guard with --cucm: an ERROR or a silent service is no failed logon, the phones are the probes then",
          "[guard]") {
  const CucmAuth answer = GENERATE(CucmAuth::error, CucmAuth::not_checked);
  GuardSettings s = with_cucm();
  s.canaries = {{"SEPCANARY00001", false}, {"SEPCANARY00002", false}};
  CredentialGuard guard(s);
  REQUIRE(guard.next_probe(true).kind == Probe::Kind::canary);
  guard.canary_answered(answer);
  CHECK(guard.outcome().failed_logons == 0);
  CHECK(guard.next_probe(true).kind == Probe::Kind::phone); // the service is not asked again
  guard.phone_answered(error4(), false, "SEP000000000001");
  REQUIRE(guard.next_probe(true).kind == Probe::Kind::phone);
  guard.phone_answered(cross_check(CucmAuth::unauthorized), true, "SEP000000000001");
  CHECK(guard.verdict() == CredentialVerdict::rejected);
  CHECK(guard.withheld() == ScreenshotAnswer::withheld_rejected); // the CUCM's own refusal
}

TEST_CASE("guard: AXL asked with the scan's own account counts before the sweep", "[guard]") {
  SECTION("a 401 is a failed logon: one more refusal and the budget of 2 is spent") {
    GuardSettings s = with_cucm();
    s.refused_before = {"AXL (HTTP 401)"};
    CredentialGuard guard(s);
    CHECK(guard.verdict() == CredentialVerdict::unproven);
    guard.offer("SEP000000000001");
    REQUIRE(guard.next_probe(true).kind == Probe::Kind::canary);
    guard.canary_answered(CucmAuth::unauthorized);
    CHECK(guard.verdict() == CredentialVerdict::rejected);
    CHECK(guard.outcome().failed_logons == 2);
    CHECK(guard.outcome().reason ==
          "the credentials were refused by AXL (HTTP 401) and by the CUCM for SEP000000000001");
  }
  SECTION("with a budget of 1 the 401 alone spends it: nothing is asked") {
    GuardSettings s = with_cucm();
    s.max_failed_logons = 1;
    s.refused_before = {"AXL (HTTP 401)"};
    s.canaries = {{"SEPCANARY00001", true}};
    CredentialGuard guard(s);
    CHECK(guard.verdict() == CredentialVerdict::rejected);
    CHECK(guard.next_probe(true).kind == Probe::Kind::none);
    CHECK(guard.withheld() == ScreenshotAnswer::withheld_rejected);
  }
  SECTION("an answer proves the password: nothing is probed") {
    GuardSettings s;
    s.accepted_by = "AXL";
    CredentialGuard guard(s);
    CHECK(guard.verdict() == CredentialVerdict::accepted);
    CHECK(guard.next_probe(true).kind == Probe::Kind::none);
    CHECK(guard.outcome().accepted_by == "AXL");
  }
  SECTION("no such user: rejected before anything is asked, no failed logon") {
    GuardSettings s = with_cucm();
    s.rejected_by = "AXL: the CUCM has no user 'remote-app'";
    CredentialGuard guard(s);
    CHECK(guard.verdict() == CredentialVerdict::rejected);
    CHECK(guard.outcome().failed_logons == 0);
    CHECK(guard.outcome().reason == s.rejected_by);
    CHECK(guard.withheld() == ScreenshotAnswer::withheld_rejected);
  }
}

TEST_CASE("guard: once accepted, refusals are the phones' own and change nothing", "[guard]") {
  CredentialGuard guard{GuardSettings{}};
  REQUIRE(guard.next_probe(true).kind == Probe::Kind::phone);
  guard.phone_answered(screenshot(ScreenshotAnswer::image), false, "SEP000000000001");
  guard.phone_answered(error4(), false, "SEP000000000002");
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.verdict() == CredentialVerdict::accepted);
  CHECK(guard.outcome().refused.empty());
}

TEST_CASE("guard: while unproven, with phones waiting and no probe out, it always says what to send", "[guard]") {
  GuardSettings s = with_cucm();
  s.max_failed_logons = 1000;
  CredentialGuard guard(s);
  for (int i = 0; i < 200; ++i) {
    if (i % 3 == 0) guard.offer("SEP" + std::to_string(100000000 + i));
    const Probe probe = guard.next_probe(true);
    REQUIRE(probe.kind != Probe::Kind::none);
    if (probe.kind == Probe::Kind::canary) guard.canary_answered(i % 7 == 0 ? CucmAuth::error : CucmAuth::unauthorized);
    else guard.phone_answered(i % 2 ? error4() : screenshot(ScreenshotAnswer::not_found), false, "x");
  }
  CHECK(guard.verdict() == CredentialVerdict::unproven);
}

TEST_CASE("guard with --cucm: after a refused canary it waits for another device rather than spend a phone's request",
          "[guard]") {
  CredentialGuard guard(with_cucm());
  guard.offer("SEP000000000001");
  REQUIRE(guard.next_probe(true, true).kind == Probe::Kind::canary);
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.refused_by_service("sep000000000001"));
  CHECK_FALSE(guard.refused_by_service("SEP000000000002"));
  // The phone of SEP…01 waits, other phones still read their pages: nothing goes out yet.
  CHECK(guard.next_probe(true, true).kind == Probe::Kind::none);
  guard.offer("SEP000000000002");
  const Probe second = guard.next_probe(true, true);
  REQUIRE(second.kind == Probe::Kind::canary);
  CHECK(second.device == "SEP000000000002");
  guard.canary_answered(CucmAuth::authorized);
  CHECK(guard.verdict() == CredentialVerdict::accepted);
}

TEST_CASE("guard with --cucm: when no device is left to come, a waiting phone is the probe (the sweep never stalls)",
          "[guard]") {
  CredentialGuard guard(with_cucm());
  guard.offer("SEP000000000001");
  REQUIRE(guard.next_probe(true, true).kind == Probe::Kind::canary);
  guard.canary_answered(CucmAuth::unauthorized);
  CHECK(guard.next_probe(true, false).kind == Probe::Kind::phone);
}
