// doc/DESIGN.md's root causes, top to bottom: where the evidence proves two causes at once, the one
// higher in the table wins, and every cause is reachable. One row per conflict the evidence can
// show; the CUCM's view (RisPort, AXL) is part of the evidence.
#include <diagnosis/diagnose.hpp>
#include <tests/diagnosis/evidence_builders.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace diagnosis_test;

namespace {

struct Row {
  std::string what;
  Evidence evidence;
  FleetFacts fleet;
  CucmPhoneView cucm;
  RootCause wins;
  RootCause beats; // the other cause the evidence proves (== wins: nothing else)
};

CucmPhoneView not_registered() {
  CucmPhoneView v;
  v.risport = {Registration::not_registered, "unregistered", std::nullopt};
  return v;
}

CucmPhoneView web_off() {
  CucmPhoneView v;
  v.risport = {Registration::registered, "", false};
  return v;
}

CucmPhoneView axl(std::optional<bool> controlled, bool roles_missing = false, bool user_missing = false) {
  CucmPhoneView v;
  v.axl = {user_missing, roles_missing, controlled};
  return v;
}

Row alone(RootCause cause) {
  const Scanned s = scanned(cause);
  return {"only " + std::string(to_string(cause)), s.evidence, s.fleet, {}, cause, cause};
}

Row with(RootCause base, std::string what, CucmPhoneView cucm, RootCause wins, RootCause beats) {
  const Scanned s = scanned(base);
  return {std::move(what), s.evidence, s.fleet, std::move(cucm), wins, beats};
}

std::vector<Row> table() {
  std::vector<Row> rows;
  for (const auto cause :
       {RootCause::ok, RootCause::dns_unresolved, RootCause::unreachable, RootCause::timeout, RootCause::tls_error,
        RootCause::bad_credentials, RootCause::not_associated, RootCause::itl_trust, RootCause::auth_url_dns,
        RootCause::auth_failed, RootCause::phone_error, RootCause::unsupported, RootCause::http_error,
        RootCause::bad_response})
    rows.push_back(alone(cause));

  auto both_risport = not_registered();
  both_risport.risport.web_server = false;
  auto unresolved_itl = scanned(RootCause::itl_trust).evidence;
  unresolved_itl.auth_url_lookup = NameLookup::unresolved;
  auto itl_not_associated = scanned(RootCause::not_associated).evidence;
  itl_not_associated.itl = ItlState::trust_failed;
  auto unreachable_ata = silent(TransferStatus::connect_failed);
  unreachable_ata.model_without_screenshot = true;
  auto image_itl = scanned(RootCause::ok).evidence;
  image_itl.itl = ItlState::trust_failed;

  rows.push_back(with(RootCause::ok, "a screenshot, RisPort unregistered", not_registered(), RootCause::ok,
                      RootCause::unregistered));
  rows.push_back(
      with(RootCause::ok, "a screenshot, AXL lacks the device", axl(false), RootCause::ok, RootCause::not_associated));
  rows.push_back(
      {"a screenshot, a failed trust list", image_itl, works_elsewhere(), {}, RootCause::ok, RootCause::itl_trust});
  rows.push_back(with(RootCause::dns_unresolved, "a name that does not resolve, RisPort unregistered", not_registered(),
                      RootCause::dns_unresolved, RootCause::unregistered));
  rows.push_back(with(RootCause::unreachable, "silent, RisPort unregistered and Httpd No", both_risport,
                      RootCause::unregistered, RootCause::web_disabled));
  rows.push_back(with(RootCause::unreachable, "silent, RisPort Httpd No", web_off(), RootCause::web_disabled,
                      RootCause::unreachable));
  rows.push_back(with(RootCause::timeout, "no answer in time, RisPort unregistered", not_registered(),
                      RootCause::unregistered, RootCause::timeout));
  rows.push_back({"unreachable, a model without screenshot service",
                  unreachable_ata,
                  works_elsewhere(),
                  {},
                  RootCause::unreachable,
                  RootCause::unsupported});
  rows.push_back(with(RootCause::bad_credentials, "rejected everywhere, AXL: roles missing", axl(true, true),
                      RootCause::bad_credentials, RootCause::missing_roles));
  rows.push_back(with(RootCause::auth_failed, "AXL: no such user, and not controlled", axl(std::nullopt, false, true),
                      RootCause::bad_credentials, RootCause::auth_failed));
  rows.push_back(with(RootCause::not_associated, "rejected here, AXL: roles missing", axl(true, true),
                      RootCause::missing_roles, RootCause::not_associated));
  rows.push_back(with(RootCause::auth_failed, "AXL: roles missing and not controlled", axl(false, true),
                      RootCause::missing_roles, RootCause::not_associated));
  rows.push_back({"rejected here, a failed trust list",
                  itl_not_associated,
                  works_elsewhere(),
                  {},
                  RootCause::not_associated,
                  RootCause::itl_trust});
  rows.push_back(with(RootCause::itl_trust, "a failed trust list, AXL lacks the device", axl(false),
                      RootCause::not_associated, RootCause::itl_trust));
  rows.push_back({"a failed trust list, the authentication URL does not resolve",
                  unresolved_itl,
                  works_elsewhere(),
                  {},
                  RootCause::itl_trust,
                  RootCause::auth_url_dns});
  rows.push_back(with(RootCause::auth_url_dns, "the authentication URL does not resolve, AXL controls it", axl(true),
                      RootCause::auth_url_dns, RootCause::auth_failed));
  return rows;
}

} // namespace

TEST_CASE("precedence: where the evidence proves two causes, the one higher in doc/DESIGN.md's table wins",
          "[diagnosis][precedence]") {
  for (const Row& row : table()) {
    CAPTURE(row.what);
    const Outcome outcome = diagnose(row.evidence, row.fleet, row.cucm);
    CHECK(to_string(outcome.cause) == to_string(row.wins));
    CHECK(static_cast<int>(row.wins) <= static_cast<int>(row.beats)); // the table says so
    CHECK_FALSE(outcome.detail.empty());
  }
}

TEST_CASE("precedence: every root cause is proven by some evidence in the table", "[diagnosis][precedence]") {
  std::set<RootCause> proven;
  for (const Row& row : table()) proven.insert(diagnose(row.evidence, row.fleet, row.cucm).cause);
  for (int i = 0; i < root_cause_count; ++i) {
    CAPTURE(to_string(static_cast<RootCause>(i)));
    CHECK(proven.contains(static_cast<RootCause>(i)));
  }
}
