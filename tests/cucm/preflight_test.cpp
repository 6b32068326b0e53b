// The causes the CUCM proves, table by table: RisPort's state explains phones that do not
// answer; AXL's user explains authentication failures.
#include <cucm/preflight.hpp>

#include <catch2/catch.hpp>

using diagnosis::RootCause;

namespace {

std::optional<RootCause> cause(RootCause scanned, const cucm::PhoneFacts& facts) {
  const auto outcome = cucm::cucm_outcome(diagnosis::Outcome{scanned, "scanned detail"}, facts);
  return outcome ? std::optional<RootCause>(outcome->cause) : std::nullopt;
}

} // namespace

TEST_CASE("AXL assessment finds missing CTI groups and controlled devices, case-insensitively", "[cucm][preflight]") {
  cucm::AxlUser user;
  user.userid = "app";
  user.devices = {"sep001122334455"};
  user.groups = {{"Standard AXL API Access", {"Standard AXL API Access"}}};
  auto assessed = cucm::assess(user);
  CHECK(assessed.missing_groups == std::vector<std::string>{"Standard CTI Enabled"});
  CHECK(cucm::controls(assessed, "SEP001122334455"));
  CHECK_FALSE(cucm::controls(assessed, "SEP00112233445A"));
  user.groups.push_back({"Custom remote control", {"standard cti enabled"}});
  CHECK(cucm::assess(user).missing_groups.empty());
}

TEST_CASE("a silent phone RisPort calls unregistered is unregistered, with Httpd No it is web_disabled", "[cucm][preflight]") {
  cucm::PhoneFacts unregistered{"unregistered", "yes", std::nullopt, false, false};
  cucm::PhoneFacts web_off{"registered", "no", std::nullopt, false, false};
  cucm::PhoneFacts fine{"registered", "yes", std::nullopt, false, false};
  for (const auto scanned : {RootCause::unreachable, RootCause::timeout, RootCause::bad_response}) {
    CHECK(cause(scanned, unregistered) == RootCause::unregistered);
    CHECK(cause(scanned, web_off) == RootCause::web_disabled);
    CHECK_FALSE(cause(scanned, fine));
    CHECK_FALSE(cause(scanned, {}));
  }
  // A phone that answers keeps its cause whatever RisPort says.
  CHECK_FALSE(cause(RootCause::ok, unregistered));
  CHECK_FALSE(cause(RootCause::phone_error, web_off));
  CHECK_FALSE(cause(RootCause::dns_unresolved, unregistered));
}

TEST_CASE("AXL facts turn authentication failures into missing_roles, not_associated or bad_credentials", "[cucm][preflight]") {
  cucm::PhoneFacts no_roles{"", "", true, true, false};
  cucm::PhoneFacts not_controlled{"", "", false, false, false};
  cucm::PhoneFacts controlled{"", "", true, false, false};
  cucm::PhoneFacts no_user{"", "", std::nullopt, false, true};
  for (const auto scanned : {RootCause::not_associated, RootCause::itl_trust, RootCause::auth_url_dns, RootCause::auth_failed}) {
    CHECK(cause(scanned, no_roles) == RootCause::missing_roles);
    CHECK(cause(scanned, not_controlled) == RootCause::not_associated);
    CHECK(cause(scanned, no_user) == RootCause::bad_credentials);
  }
  CHECK_FALSE(cause(RootCause::itl_trust, controlled));
  CHECK_FALSE(cause(RootCause::ok, no_roles));
  CHECK_FALSE(cause(RootCause::bad_credentials, not_controlled)); // the password comes first
}
