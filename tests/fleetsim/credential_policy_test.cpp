// fleetsim's CUCM counts failed logons as DOMAIN.md §7 says a CUCM does, and locks the account.
#include <sim/fleetsim/credential_policy.hpp>
#include <sim/fleetsim/mix.hpp>

#include <catch2/catch.hpp>

using namespace fleetsim;

namespace {

Estate estate_of(CredentialMode mode) {
  EstateOptions options;
  options.counts = realistic_mix(60);
  options.seed = 3;
  options.port = 8080;
  options.closed_port = 9;
  options.credentials = mode;
  return build_estate(options);
}

const Phone& first_of(const Estate& estate, Scenario s) {
  for (const Phone& p : estate.phones)
    if (p.scenario == s) return p;
  FAIL("no phone of scenario " << to_string(s));
  return estate.phones.front();
}

} // namespace

TEST_CASE("credential policy: a wrong password for the user is a failed logon; other names and a "
          "right password for a device not controlled are not", "[fleetsim][cucm]") {
  const Estate e = estate_of(CredentialMode::good);
  CredentialPolicy policy(e.cucm, 0);
  const std::string controlled = first_of(e, Scenario::healthy).device_name;
  const std::string stranger = first_of(e, Scenario::not_associated).device_name;
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", controlled) == CucmVerdict::authorized);
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", stranger) == CucmVerdict::unauthorized);
  CHECK(policy.authenticate("someone-else", "whatever", controlled) == CucmVerdict::unauthorized);
  CHECK(policy.authenticate("phonesweep-app", "", controlled) == CucmVerdict::error);
  CHECK(policy.failed_logons() == 0);
  CHECK(policy.authenticate("phonesweep-app", "typo", controlled) == CucmVerdict::unauthorized);
  CHECK_FALSE(policy.logon("phonesweep-app", "typo"));
  CHECK(policy.failed_logons() == 2);
  CHECK_FALSE(policy.locked());
}

TEST_CASE("credential policy: the account locks at the configured failed logon and then refuses "
          "the right password too", "[fleetsim][cucm]") {
  const Estate e = estate_of(CredentialMode::good);
  CredentialPolicy policy(e.cucm, 3);
  const std::string controlled = first_of(e, Scenario::healthy).device_name;
  CHECK_FALSE(policy.logon("phonesweep-app", "typo"));
  CHECK_FALSE(policy.logon("phonesweep-app", "typo"));
  CHECK(policy.logon("phonesweep-app", "sim-secret-Pa55"));
  CHECK_FALSE(policy.locked());
  CHECK_FALSE(policy.logon("phonesweep-app", "typo"));
  CHECK(policy.locked());
  CHECK_FALSE(policy.logon("phonesweep-app", "sim-secret-Pa55"));
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", controlled) == CucmVerdict::unauthorized);
  CHECK(policy.failed_logons() == 3); // the refused right password is no failed logon
}

TEST_CASE("credential policy: a phone logs in only when it can reach the CUCM", "[fleetsim][cucm]") {
  const Estate e = estate_of(CredentialMode::bad_password);
  CredentialPolicy policy(e.cucm, 0);
  const Credentials scanner{"phonesweep-app", "sim-secret-Pa55"};
  const auto ask = [&](std::string_view user, std::string_view password, std::string_view device) {
    return policy.authenticate(user, password, device);
  };
  // Broken trust, a stale or foreign authentication URL, a fault before any login: no logon.
  for (const Scenario s : {Scenario::itl_trust, Scenario::auth_url_dns, Scenario::auth_failed,
                           Scenario::phone_error_1, Scenario::unsupported_model})
    screenshot_reply(first_of(e, s), scanner, ask);
  screenshot_reply(first_of(e, Scenario::healthy), std::nullopt, ask);
  CHECK(policy.failed_logons() == 0);
  CHECK(screenshot_reply(first_of(e, Scenario::healthy), scanner, ask) == ScreenshotReply::error_4);
  CHECK(screenshot_reply(first_of(e, Scenario::not_associated), scanner, ask) == ScreenshotReply::error_4);
  CHECK(policy.failed_logons() == 2);
}
