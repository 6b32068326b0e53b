// What the CUCM proves on top of a phone's own evidence, table by table: RisPort's state explains
// phones that do not answer; AXL's user explains authentication failures. And the edge where the
// facts are typed: an inventory row's registration / httpd columns, the run's AXL facts.
#include <diagnosis/cucm_phone_view.hpp>
#include <diagnosis/diagnose.hpp>
#include <tests/diagnosis/evidence_builders.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <utility>
#include <vector>

using namespace diagnosis_test;

namespace {

CucmPhoneView risport(Registration registration, std::string status, std::optional<bool> web_server) {
  CucmPhoneView view;
  view.risport = {registration, std::move(status), web_server};
  return view;
}

CucmPhoneView axl(std::optional<bool> controlled, bool roles_missing, bool user_missing) {
  CucmPhoneView view;
  view.axl = {user_missing, roles_missing, controlled};
  return view;
}

// The cause of a phone whose own evidence proves `scanned_cause`, with the CUCM's `view`.
RootCause cause(RootCause scanned_cause, const CucmPhoneView& view) {
  const Scanned s = scanned(scanned_cause);
  REQUIRE(diagnose(s.evidence, s.fleet).cause == scanned_cause);
  return diagnose(s.evidence, s.fleet, view).cause;
}

} // namespace

TEST_CASE("a silent phone RisPort calls unregistered is unregistered, with Httpd No it is web_disabled",
          "[diagnosis][cucm]") {
  const auto unregistered = risport(Registration::not_registered, "unregistered", true);
  const auto web_off = risport(Registration::registered, "", false);
  const auto fine = risport(Registration::registered, "", true);
  for (const auto scanned_cause : {RootCause::unreachable, RootCause::timeout, RootCause::bad_response}) {
    CAPTURE(to_string(scanned_cause));
    CHECK(cause(scanned_cause, unregistered) == RootCause::unregistered);
    // Httpd No explains a web server that never answered, not one whose answer broke off.
    CHECK(cause(scanned_cause, web_off) ==
          (scanned_cause == RootCause::bad_response ? RootCause::bad_response : RootCause::web_disabled));
    CHECK(cause(scanned_cause, fine) == scanned_cause);
    CHECK(cause(scanned_cause, {}) == scanned_cause);
  }
  // A phone that answers keeps its cause whatever RisPort says.
  CHECK(cause(RootCause::ok, unregistered) == RootCause::ok);
  CHECK(cause(RootCause::phone_error, web_off) == RootCause::phone_error);
  CHECK(cause(RootCause::dns_unresolved, unregistered) == RootCause::dns_unresolved);
}

TEST_CASE("an unregistered phone whose answers broke off is unregistered, and the detail says it answered",
          "[diagnosis][cucm]") {
  const Scanned s = scanned(RootCause::bad_response);
  const Outcome o = diagnose(s.evidence, s.fleet, risport(Registration::not_registered, "unregistered", true));
  CHECK(o.cause == RootCause::unregistered);
  CHECK_THAT(o.detail, Catch::Contains("answered, then broke off") && !Catch::Contains("does not answer"));
}

TEST_CASE("AXL lacking a device the CUCM authorised is not_associated, and the detail names the disagreement",
          "[diagnosis][cucm]") {
  const Scanned s = scanned(RootCause::itl_trust);
  REQUIRE(s.evidence.cucm == CucmAuth::authorized);
  CucmPhoneView view;
  view.axl = {false, false, false};
  const Outcome o = diagnose(s.evidence, s.fleet, view);
  CHECK(o.cause == RootCause::not_associated);
  CHECK_THAT(o.detail, Catch::Contains("authentication service authorised it"));
}

TEST_CASE("unregistered quotes RisPort's status and keeps what the phone did", "[diagnosis][cucm]") {
  const Outcome o = diagnose(silent(TransferStatus::connect_timeout), {},
                             risport(Registration::not_registered, "rejected", std::nullopt));
  CHECK(o.cause == RootCause::unregistered);
  CHECK_THAT(o.detail,
             Catch::StartsWith("RisPort: rejected; the phone does not answer (") && Catch::Contains("connect_timeout"));
}

TEST_CASE("AXL facts turn authentication failures into missing_roles, not_associated or bad_credentials",
          "[diagnosis][cucm]") {
  const auto no_roles = axl(true, true, false);
  const auto not_controlled = axl(false, false, false);
  const auto controlled = axl(true, false, false);
  const auto no_user = axl(std::nullopt, false, true);
  for (const auto scanned_cause :
       {RootCause::not_associated, RootCause::itl_trust, RootCause::auth_url_dns, RootCause::auth_failed}) {
    CAPTURE(to_string(scanned_cause));
    CHECK(cause(scanned_cause, no_roles) == RootCause::missing_roles);
    CHECK(cause(scanned_cause, not_controlled) == RootCause::not_associated);
    CHECK(cause(scanned_cause, no_user) == RootCause::bad_credentials);
  }
  CHECK(cause(RootCause::itl_trust, controlled) == RootCause::itl_trust);
  CHECK(cause(RootCause::ok, no_roles) == RootCause::ok);
  CHECK(cause(RootCause::bad_credentials, not_controlled) == RootCause::bad_credentials); // the password comes first
}

TEST_CASE("an inventory row's registration and httpd columns are RisPort's state", "[diagnosis][cucm]") {
  using Columns = std::vector<std::pair<std::string, std::string>>;
  const auto state = [](const Columns& columns) { return risport_from_columns(columns); };
  CHECK(state({}).registration == Registration::unknown);
  CHECK(state({{"registration", "unknown"}}).registration == Registration::unknown);
  CHECK(state({{"registration", ""}}).registration == Registration::unknown);
  CHECK(state({{"registration", "registered"}}).registration == Registration::registered);
  const auto rejected = state({{"site", "HQ"}, {"registration", "rejected"}, {"httpd", "no"}});
  CHECK(rejected.registration == Registration::not_registered);
  CHECK(rejected.status == "rejected");
  CHECK(rejected.web_server == false);
  CHECK(state({{"httpd", "yes"}}).web_server == true);
  CHECK_FALSE(state({{"httpd", "unknown"}}).web_server.has_value());
  CHECK(state({{"registration", "unregistered"}, {"registration", "registered"}}).registration ==
        Registration::registered); // the last column of a name counts
}

TEST_CASE("the run's AXL facts give each phone its association, case-insensitively", "[diagnosis][cucm]") {
  CucmFacts facts;
  CHECK(facts.phone("SEP001122334455", {}).axl.controlled == std::nullopt); // AXL not asked
  facts.axl = AxlUserFacts{false, true, {"SEP001122334455"}};
  const auto named = facts.phone("sep001122334455", {});
  CHECK(named.axl.controlled == true);
  CHECK(named.axl.roles_missing);
  CHECK(facts.phone("SEP00112233445A", {}).axl.controlled == false);
  CHECK_FALSE(facts.phone("", {}).axl.controlled.has_value()); // an unnamed phone: not known
  facts.axl->user_missing = true;
  const auto missing = facts.phone("SEP001122334455", {});
  CHECK(missing.axl.user_missing);
  CHECK_FALSE(missing.axl.roles_missing);
  CHECK_FALSE(missing.axl.controlled.has_value());
}

TEST_CASE("a phone RisPort has at another IPv4 address than the inventory's says so in its detail, whatever the cause",
          "[diagnosis][cucm]") {
  using Columns = std::vector<std::pair<std::string, std::string>>;
  const CucmFacts facts;
  const Columns moved{{"registration", "registered"}, {"httpd", "yes"}, {"registered_ip", "10.1.9.7"}};
  const auto view = facts.phone("SEP001122334455", moved, "10.1.2.3");
  CHECK(view.address.ip == "10.1.9.7");
  CHECK(view.address.inventory_differs == "10.1.2.3");
  const Scanned s = scanned(RootCause::unreachable);
  const auto outcome = diagnose(s.evidence, s.fleet, view);
  CHECK(outcome.cause == RootCause::unreachable); // registered, web server on: the address is the finding
  CHECK(outcome.detail.find("inventory says 10.1.2.3, the CUCM says 10.1.9.7") != std::string::npos);
  const Scanned ok = scanned(RootCause::ok);
  CHECK(diagnose(ok.evidence, ok.fleet, view).detail.find("the CUCM says 10.1.9.7") != std::string::npos);

  // Same address, a host name, or no address from RisPort: nothing to say.
  CHECK(facts.phone("SEP001122334455", moved, "10.1.9.7").address.inventory_differs.empty());
  CHECK(facts.phone("SEP001122334455", moved, "phone-7.example.net").address.inventory_differs.empty());
  CHECK(facts.phone("SEP001122334455", Columns{{"registration", "registered"}}, "10.1.2.3")
            .address.inventory_differs.empty());
  CHECK(
      diagnose(s.evidence, s.fleet, facts.phone("SEP001122334455", moved, "10.1.9.7")).detail.find("inventory says") ==
      std::string::npos);
}
