// What scan does to spare the CUCM account: the guard's canaries from --canary-device and AXL,
// AXL's answer about the scan's own account, the shards' share of the caps, and the sentence a
// run whose credentials were refused ends with.
#include <app/credentials.hpp>

#include <catch2/catch.hpp>

using namespace app;

namespace {

AxlFacts controlling(std::initializer_list<const char*> devices) {
  AxlFacts facts;
  for (const char* d : devices) facts.user.controlled.insert(d);
  return facts;
}

inventory::Target phone(const char* device) {
  inventory::Target t;
  t.host = "10.0.0.1";
  t.device_name = device;
  return t;
}

} // namespace

TEST_CASE("guard settings: --canary-device first, then devices of the run AXL lists as controlled",
          "[app][credentials]") {
  ScanOptions o;
  o.canary_device = "SEPCANARY00001";
  o.max_failed_logons = 1;
  const std::vector<inventory::Target> run{phone("SEPSTRANGER001"), phone("SEPOWNED000001"), phone("")};
  const auto g = guard_settings(o, {}, controlling({"SEPOWNED000001", "SEPELSEWHERE01"}), run);
  CHECK(g.max_failed_logons == 1);
  REQUIRE(g.canaries.size() == 2);
  CHECK(g.canaries[0].device == "SEPCANARY00001");
  CHECK_FALSE(g.canaries[0].controlled); // AXL does not list it: a refusal is not proof
  CHECK(g.canaries[1].device == "SEPOWNED000001");
  CHECK(g.canaries[1].controlled);

  SECTION("no device of the run is controlled: a device AXL lists elsewhere") {
    const auto elsewhere = guard_settings(ScanOptions{}, {}, controlling({"SEPZ", "SEPA"}), run);
    REQUIRE(elsewhere.canaries.size() == 1);
    CHECK(elsewhere.canaries[0].device == "SEPA");
    CHECK(elsewhere.canaries[0].controlled);
  }
  SECTION("AXL refused or knows no such user: nothing from it") {
    AxlFacts refused = controlling({"SEPOWNED000001"});
    refused.refused = true;
    CHECK(guard_settings(ScanOptions{}, {}, refused, run).canaries.empty());
    CHECK(guard_settings(ScanOptions{}, {}, std::nullopt, run).canaries.empty());
  }
}

TEST_CASE("AXL on the scan's own account: an answer with its password proves it, a 401 is a failed logon",
          "[app][credentials]") {
  AxlPreflightOptions axl;
  axl.user = "remote-app";
  axl.scan_account = true;
  AccountCheck proved;
  note_axl(proved, axl, AxlFacts{}, true);
  CHECK(proved.accepted_by == "AXL");
  AccountCheck other_password;
  note_axl(other_password, axl, AxlFacts{}, false);
  CHECK(other_password.accepted_by.empty());
  AccountCheck refused;
  AxlFacts answer;
  answer.refused = true;
  note_axl(refused, axl, answer, true);
  CHECK(refused.refused == std::vector<std::string>{"AXL (HTTP 401)"});
  CHECK(refused.accepted_by.empty());
  AccountCheck missing;
  AxlFacts nobody;
  nobody.user_missing = true;
  axl.scan_account = false;
  note_axl(missing, axl, nobody, false);
  CHECK(missing.rejected_by == "AXL says the CUCM has no user 'remote-app'");
}

TEST_CASE("caps: a shard gets its share of the defaults, values given are its own", "[app][credentials]") {
  ScanOptions o;
  const AuthCaps whole = auth_caps(o, {});
  CHECK(whole.concurrency == 8);
  CHECK(whole.rate == 20);
  CHECK(whole.shards == 1);
  const AuthCaps quarter = auth_caps(o, {1, 4});
  CHECK(quarter.concurrency == 2);
  CHECK(quarter.rate == 5);
  CHECK(quarter.estate_concurrency == 8);
  CHECK(quarter.estate_rate == 20);
  const AuthCaps many = auth_caps(o, {3, 16}); // one each at least: the total says what it costs
  CHECK(many.concurrency == 1);
  CHECK(many.estate_concurrency == 16);
  o.auth_concurrency = 3;
  o.auth_concurrency_given = true;
  o.auth_rate = 0;
  o.auth_rate_given = true;
  const AuthCaps given = auth_caps(o, {1, 4});
  CHECK(given.concurrency == 3);
  CHECK(given.estate_concurrency == 12);
  CHECK(given.rate == 0);
  CHECK_THAT(auth_caps_line(given, 2, "1/4"),
             Catch::EndsWith("then at most 3 in flight, no rate limit in shard 1/4; all 4 shards together: 12 in "
                             "flight, no rate limit"));
}

TEST_CASE("the refusal sentence names who refused, the failed logons, the hack count and how to run again",
          "[app][credentials]") {
  ScanOptions o;
  o.user = "remote-app";
  o.cucm = "https://cucm:8443";
  scanner::CredentialOutcome outcome;
  outcome.verdict = scanner::CredentialVerdict::rejected;
  outcome.failed_logons = 2;
  outcome.reason = "the credentials were refused by the CUCM for SEP1 and SEP2";
  const std::string sentence = refusal_sentence(o, outcome);
  CHECK_THAT(sentence,
             Catch::StartsWith(outcome.reason + "; the sweep stopped all authenticated requests after 2 "
                                                "failed logons to keep the account 'remote-app' from locking"));
  CHECK_THAT(sentence,
             Catch::Contains("User Management > Application User > remote-app > Edit Credential > Reset Hack Count"));
  CHECK_THAT(sentence,
             Catch::Contains("run again with --canary-device SEP… naming a device the user controls (or --axl)"));
  CHECK(sentence.find('\n') == std::string::npos);

  o.end_user = true;
  o.cucm.clear();
  const std::string without = refusal_sentence(o, outcome);
  CHECK_THAT(without, Catch::Contains("User Management > End User > remote-app"));
  CHECK_THAT(without, Catch::Contains("run again with --cucm URL"));

  outcome.failed_logons = 0;
  outcome.reason = "AXL says the CUCM has no user 'remote-app'";
  CHECK_THAT(refusal_sentence(o, outcome),
             Catch::StartsWith(outcome.reason + ": the sweep sent no authenticated request"));

  const auto view = credentials_view(outcome, 2, "said");
  CHECK(view.verdict == "rejected");
  CHECK(view.message == "said");
  CHECK(view.max_failed_logons == 2);
}
