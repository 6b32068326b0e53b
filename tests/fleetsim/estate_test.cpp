#include <sim/fleetsim/credential_policy.hpp>
#include <sim/fleetsim/estate.hpp>
#include <sim/fleetsim/estate_files.hpp>
#include <sim/fleetsim/http_text.hpp>
#include <sim/fleetsim/mix.hpp>
#include <sim/fleetsim/truth.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

using namespace fleetsim;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t count_of(const MixCounts& counts, Scenario s) { return counts[index_of(s)]; }

Estate small_estate(CredentialMode mode = CredentialMode::good, std::uint64_t seed = 7) {
  EstateOptions options;
  options.counts = realistic_mix(200);
  options.seed = seed;
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

TEST_CASE("scenario names round-trip", "[fleetsim][mix]") {
  for (const Scenario s : all_scenarios()) CHECK(parse_scenario(to_string(s)) == s);
  CHECK_FALSE(parse_scenario("nonsense"));
}

TEST_CASE("default mix: counts add up, every default scenario present, no hostile one, mostly healthy",
          "[fleetsim][mix]") {
  for (const std::size_t phones : {21UL, 50UL, 60UL, 500UL, 1000UL, 10000UL}) {
    const MixCounts counts = realistic_mix(phones);
    CAPTURE(phones);
    CHECK(total(counts) == phones);
    for (const Scenario s : all_scenarios()) {
      CAPTURE(to_string(s));
      if (in_default_mix(s)) CHECK(count_of(counts, s) >= 1);
      else CHECK(count_of(counts, s) == 0);
    }
    if (phones >= 500) {
      CHECK(count_of(counts, Scenario::healthy) >= phones * 55 / 100);
      CHECK(count_of(counts, Scenario::healthy) <= phones * 65 / 100);
    }
  }
  const MixCounts tiny = realistic_mix(5);
  CHECK(total(tiny) == 5);
  CHECK(count_of(tiny, Scenario::healthy) >= 3);
}

TEST_CASE("parse_mix: named, healthy and explicit lists", "[fleetsim][mix]") {
  auto healthy = parse_mix("healthy", 40);
  REQUIRE(healthy);
  CHECK(count_of(*healthy, Scenario::healthy) == 40);
  CHECK(total(*healthy) == 40);

  auto explicit_mix = parse_mix("healthy=100, itl_trust=5,drip=1", 999);
  REQUIRE(explicit_mix);
  CHECK(total(*explicit_mix) == 106);
  CHECK(count_of(*explicit_mix, Scenario::itl_trust) == 5);
  CHECK(count_of(*explicit_mix, Scenario::drip) == 1);

  CHECK_FALSE(parse_mix("healthy=x", 1));
  CHECK_FALSE(parse_mix("bogus=3", 1));
  CHECK_FALSE(parse_mix("healthy=0", 10));
  CHECK(parse_mix("healthy3", 1).error().find("name=count") != std::string::npos);
}

TEST_CASE("addressing skips .0 and .255 and inverts", "[fleetsim][address]") {
  CHECK(ipv4_text(phone_address(0)) == "127.16.0.1");
  CHECK(ipv4_text(phone_address(253)) == "127.16.0.254");
  CHECK(ipv4_text(phone_address(254)) == "127.16.1.1");
  CHECK(ipv4_text(phone_address(254 * 256)) == "127.17.0.1");
  for (std::size_t i : {0UL, 1UL, 253UL, 254UL, 255UL, 65023UL, 65024UL, 1000000UL}) {
    const std::uint32_t a = phone_address(i);
    CHECK((a & 0xFF) != 0);
    CHECK((a & 0xFF) != 255);
    CHECK(phone_index(a) == i);
  }
  CHECK_FALSE(phone_index(*parse_ipv4("127.16.0.0")));
  CHECK_FALSE(phone_index(*parse_ipv4("127.16.3.255")));
  CHECK_FALSE(phone_index(*parse_ipv4("127.0.0.1")));
  CHECK_FALSE(parse_ipv4("127.16.0"));
  CHECK_FALSE(parse_ipv4("127.16.0.256"));
}

TEST_CASE("the estate is deterministic per seed and identities are unique", "[fleetsim][estate]") {
  const Estate a = small_estate(CredentialMode::good, 7);
  const Estate b = small_estate(CredentialMode::good, 7);
  const Estate c = small_estate(CredentialMode::good, 8);
  REQUIRE(a.phones.size() == 200);
  CHECK(inventory_csv(a) == inventory_csv(b));
  CHECK(truth_csv(a) == truth_csv(b));
  CHECK(inventory_csv(a) != inventory_csv(c));
  std::set<std::string> names;
  for (const Phone& p : a.phones) {
    CHECK(p.device_name.size() == 15);
    CHECK(p.device_name.rfind("SEP", 0) == 0);
    names.insert(p.device_name);
    if (p.scenario == Scenario::unsupported_model) {
      CHECK_FALSE(has_screenshot_service(*p.model));
    } else {
      CHECK(has_screenshot_service(*p.model));
    }
    if (p.scenario == Scenario::not_found) CHECK(p.model->screenshot == ImageFormat::png);
  }
  CHECK(names.size() == a.phones.size());
}

TEST_CASE("the CUCM model authorises exactly the controlled devices", "[fleetsim][cucm]") {
  const Estate e = small_estate();
  const Phone& ok = first_of(e, Scenario::healthy);
  const Phone& stranger = first_of(e, Scenario::not_associated);
  CHECK(authorize(e.cucm, "phonesweep-app", "sim-secret-Pa55", ok.device_name) == CucmVerdict::authorized);
  CHECK(authorize(e.cucm, "phonesweep-app", "sim-secret-Pa55", stranger.device_name) == CucmVerdict::unauthorized);
  CHECK(authorize(e.cucm, "phonesweep-app", "wrong", ok.device_name) == CucmVerdict::unauthorized);
  CHECK(authorize(e.cucm, "someone", "sim-secret-Pa55", ok.device_name) == CucmVerdict::unauthorized);
  CHECK(authorize(e.cucm, "phonesweep-app", "", ok.device_name) == CucmVerdict::error);
  CHECK(to_body(CucmVerdict::unauthorized) == "UN-AUTHORIZED");

  const Estate rotated = small_estate(CredentialMode::bad_password);
  CHECK(authorize(rotated.cucm, "phonesweep-app", "sim-secret-Pa55",
                  first_of(rotated, Scenario::healthy).device_name) == CucmVerdict::unauthorized);
}

// The CUCM counts failed logons as doc/DOMAIN.md §7 says a CUCM does, and locks the account.
TEST_CASE("credential policy: a wrong password for the user is a failed logon, other names and a "
          "right password for a device not controlled are not",
          "[fleetsim][cucm]") {
  const Estate e = small_estate();
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
          "the right password too",
          "[fleetsim][cucm]") {
  const Estate e = small_estate();
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
  const Estate e = small_estate(CredentialMode::bad_password);
  CredentialPolicy policy(e.cucm, 0);
  const Credentials scanner{"phonesweep-app", "sim-secret-Pa55"};
  const auto ask = [&](std::string_view user, std::string_view password, std::string_view device) {
    return policy.authenticate(user, password, device);
  };
  // Broken trust, a stale or foreign authentication URL, a fault before any login: no logon.
  for (const Scenario s : {Scenario::itl_trust, Scenario::auth_url_dns, Scenario::auth_failed, Scenario::phone_error_1,
                           Scenario::unsupported_model})
    screenshot_reply(first_of(e, s), scanner, ask);
  screenshot_reply(first_of(e, Scenario::healthy), std::nullopt, ask);
  CHECK(policy.failed_logons() == 0);
  CHECK(screenshot_reply(first_of(e, Scenario::healthy), scanner, ask) == ScreenshotReply::error_4);
  CHECK(screenshot_reply(first_of(e, Scenario::not_associated), scanner, ask) == ScreenshotReply::error_4);
  CHECK(policy.failed_logons() == 2);
}

TEST_CASE("screenshot replies follow the scenario and the credentials", "[fleetsim][screenshot]") {
  const Estate e = small_estate();
  const Credentials good{"phonesweep-app", "sim-secret-Pa55"};
  const Credentials bad{"phonesweep-app", "nope"};
  const auto reply = [&](Scenario s, const std::optional<Credentials>& c) {
    return screenshot_reply(first_of(e, s), e.cucm, c);
  };
  CHECK(reply(Scenario::healthy, good) == ScreenshotReply::image);
  CHECK(reply(Scenario::healthy, bad) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::healthy, std::nullopt) == ScreenshotReply::ask_credentials);
  CHECK(reply(Scenario::no_itl, good) == ScreenshotReply::image);
  CHECK(reply(Scenario::itl_trust_ok_screenshot, good) == ScreenshotReply::image);
  CHECK(reply(Scenario::by_name, good) == ScreenshotReply::image);
  CHECK(reply(Scenario::not_associated, good) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::itl_trust, good) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::not_associated_itl, good) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::auth_url_dns, good) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::auth_failed, good) == ScreenshotReply::error_4);
  CHECK(reply(Scenario::unsupported_model, good) == ScreenshotReply::not_found);
  CHECK(reply(Scenario::not_found, std::nullopt) == ScreenshotReply::not_found);
  CHECK(reply(Scenario::phone_error_1, good) == ScreenshotReply::error_1);
  CHECK(reply(Scenario::phone_error_3, good) == ScreenshotReply::error_3);
  CHECK(reply(Scenario::http_500, good) == ScreenshotReply::server_error);
  CHECK(reply(Scenario::truncated, good) == ScreenshotReply::truncated);
  CHECK(reply(Scenario::garbage, good) == ScreenshotReply::garbage);
  CHECK(reply(Scenario::reset, good) == ScreenshotReply::reset);
  CHECK(reply(Scenario::drip, good) == ScreenshotReply::drip);
  CHECK(reply(Scenario::silent, good) == ScreenshotReply::silent);

  const Estate rotated = small_estate(CredentialMode::bad_password);
  for (const Phone& p : rotated.phones) {
    if (depends_on_credentials(p.scenario)) CHECK(screenshot_reply(p, rotated.cucm, good) == ScreenshotReply::error_4);
  }
}

TEST_CASE("truth per scenario with good credentials", "[fleetsim][truth]") {
  struct Row {
    Scenario scenario;
    RootCause cause;
    ItlState itl;
    CucmAuth cucm;
  };
  using S = Scenario;
  using R = RootCause;
  using I = ItlState;
  using A = CucmAuth;
  const std::vector<Row> table{
      {S::healthy, R::ok, I::ok, A::not_checked},
      {S::no_itl, R::ok, I::not_installed, A::not_checked},
      {S::itl_trust_ok_screenshot, R::ok, I::trust_failed, A::not_checked},
      {S::by_name, R::ok, I::ok, A::not_checked},
      {S::unsupported_model, R::unsupported, I::unknown, A::not_checked},
      {S::not_found, R::unsupported, I::ok, A::not_checked},
      {S::phone_error_1, R::phone_error, I::ok, A::not_checked},
      {S::phone_error_3, R::phone_error, I::ok, A::not_checked},
      {S::http_500, R::http_error, I::ok, A::not_checked},
      {S::truncated, R::bad_response, I::ok, A::not_checked},
      {S::garbage, R::bad_response, I::ok, A::not_checked},
      {S::reset, R::bad_response, I::ok, A::not_checked},
      {S::drip, R::timeout, I::ok, A::not_checked},
      {S::silent, R::timeout, I::unknown, A::not_checked},
      {S::unreachable, R::unreachable, I::unknown, A::not_checked},
      {S::dns_unresolved, R::dns_unresolved, I::unknown, A::not_checked},
      {S::not_associated, R::not_associated, I::ok, A::unauthorized},
      {S::itl_trust, R::itl_trust, I::trust_failed, A::authorized},
      {S::not_associated_itl, R::not_associated, I::trust_failed, A::unauthorized},
      {S::auth_url_dns, R::auth_url_dns, I::ok, A::authorized},
      {S::auth_failed, R::auth_failed, I::ok, A::authorized},
      {S::huge_screenshot, R::bad_response, I::ok, A::not_checked},
      {S::endless_headers, R::bad_response, I::ok, A::not_checked},
      {S::bad_utf8, R::ok, I::ok, A::not_checked},
      {S::markup, R::ok, I::ok, A::not_checked},
      {S::deep_xml, R::ok, I::ok, A::not_checked},
      {S::huge_xml, R::ok, I::ok, A::not_checked},
      {S::redirect_loop, R::http_error, I::ok, A::not_checked},
      {S::gzip_bomb, R::bad_response, I::ok, A::not_checked},
      {S::tls_stall, R::timeout, I::unknown, A::not_checked},
      {S::https_phone, R::ok, I::ok, A::not_checked},
      {S::tls_broken, R::tls_error, I::unknown, A::not_checked},
      {S::redirect_away, R::http_error, I::ok, A::not_checked},
  };
  REQUIRE(table.size() == scenario_count);
  const TruthContext good{CredentialMode::good, true};
  for (const Row& row : table) {
    CAPTURE(to_string(row.scenario));
    const Truth t = derive_truth(row.scenario, good);
    CHECK(to_string(t.root_cause) == to_string(row.cause));
    CHECK(to_string(t.itl) == to_string(row.itl));
    CHECK(to_string(t.cucm) == to_string(row.cucm));
  }
}

TEST_CASE("truth with a rotated password: a phone whose screenshot would be asked is bad_credentials, "
          "not asked about, faults before the screenshot keep their cause",
          "[fleetsim][truth]") {
  const TruthContext bad{CredentialMode::bad_password, false};
  const TruthContext good{CredentialMode::good, true};
  const std::set<Scenario> before_screenshot{Scenario::dns_unresolved, Scenario::unreachable,
                                             Scenario::silent,         Scenario::tls_stall,
                                             Scenario::tls_broken,     Scenario::unsupported_model};
  for (const Scenario s : all_scenarios()) {
    CAPTURE(to_string(s));
    const Truth t = derive_truth(s, bad);
    if (before_screenshot.contains(s)) {
      const Truth same = derive_truth(s, good);
      CHECK(t.root_cause == same.root_cause);
      CHECK(t.itl == same.itl);
      CHECK(t.cucm == same.cucm);
    } else {
      CHECK(t.root_cause == RootCause::bad_credentials);
      CHECK(t.cucm == CucmAuth::not_checked); // a guarded scanner asks the CUCM about canaries only
      CHECK(t.itl == expected_itl(s));
    }
  }
}

TEST_CASE("not_associated needs proof that the credentials work elsewhere", "[fleetsim][truth]") {
  auto only = parse_mix("not_associated=3,http_500=1", 0);
  REQUIRE(only);
  const TruthContext context = truth_context(*only, CredentialMode::good);
  CHECK_FALSE(context.credentials_proven_elsewhere);
  CHECK(derive_truth(Scenario::not_associated, context).root_cause == RootCause::bad_credentials);
  auto with_healthy = parse_mix("not_associated=3,healthy=1", 0);
  CHECK(truth_context(*with_healthy, CredentialMode::good).credentials_proven_elsewhere);
}

TEST_CASE("inventory, truth and hosts files agree", "[fleetsim][files]") {
  const Estate e = small_estate();
  const auto inventory = lines_of(inventory_csv(e));
  const auto truth = lines_of(truth_csv(e));
  const auto hosts = lines_of(hosts_file(e));
  REQUIRE(inventory.size() == e.phones.size() + 1);
  REQUIRE(truth.size() == e.phones.size() + 1);
  CHECK(inventory[0] == "address,name,model,site,description");
  CHECK(truth[0] == "address,root_cause,itl_state,cucm_auth,device_name,scenario,model,family,locale,inventory_model");
  CHECK(hosts[0] == "127.0.0.1 cucm.sim.test");
  for (const auto& line : hosts) CHECK(line.find("cucm-old") == std::string::npos);

  std::set<std::string> resolvable;
  for (std::size_t i = 1; i < hosts.size(); ++i) resolvable.insert(hosts[i].substr(hosts[i].find(' ') + 1));
  for (std::size_t i = 0; i < e.phones.size(); ++i) {
    const Phone& p = e.phones[i];
    const std::string address = inventory[i + 1].substr(0, inventory[i + 1].find(','));
    CHECK(truth[i + 1].substr(0, truth[i + 1].find(',')) == address);
    CHECK(inventory[i + 1].find("," + p.device_name + ",") != std::string::npos);
    // The inventory names the model, or leaves it blank for the phone to name it.
    CHECK(inventory[i + 1].find("," + p.device_name + "," +
                                (p.inventory_names_model ? std::string(p.model->model) : std::string()) + ",") !=
          std::string::npos);
    CHECK(truth[i + 1].find("," + std::string(to_string(p.scenario))) != std::string::npos);
    switch (p.scenario) {
    case Scenario::by_name:
      CHECK(address == phone_host_name(i) + ":8080");
      CHECK(resolvable.contains(phone_host_name(i)));
      CHECK(e.find_by_host(address) == &p);
      break;
    case Scenario::dns_unresolved:
      CHECK(address == phone_host_name(i) + ":8080");
      CHECK_FALSE(resolvable.contains(phone_host_name(i)));
      break;
    case Scenario::unreachable: CHECK(address == ipv4_text(phone_address(i)) + ":9"); break;
    default: CHECK(address == ipv4_text(phone_address(i)) + ":8080"); CHECK(e.find_by_host(address) == &p);
    }
  }
  CHECK(resolvable.size() == realistic_mix(200)[index_of(Scenario::by_name)]);
}

TEST_CASE("csv fields are quoted when needed", "[fleetsim][files]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("form and basic-auth decoding", "[fleetsim][http]") {
  const auto form = parse_form("UserID=phonesweep-app&Password=p%40ss+word&devicename=SEP1&x");
  CHECK(form.at("UserID") == "phonesweep-app");
  CHECK(form.at("Password") == "p@ss word");
  CHECK(form.at("devicename") == "SEP1");
  CHECK(form.at("x").empty());

  for (const std::string pw : {"", "a", "ab", "abc", "sim-secret-Pa55", "with:colon"}) {
    const auto creds = parse_basic_auth("Basic " + base64_encode("user:" + pw));
    REQUIRE(creds);
    CHECK(creds->user == "user");
    CHECK(creds->password == pw);
  }
  CHECK(base64_encode("user:pass") == "dXNlcjpwYXNz");
  CHECK(parse_basic_auth("basic dXNlcjpwYXNz"));
  CHECK_FALSE(parse_basic_auth("Bearer dXNlcjpwYXNz"));
  CHECK_FALSE(parse_basic_auth("Basic !!!"));
  CHECK_FALSE(parse_basic_auth("Basic " + base64_encode("nocolon")));
}

TEST_CASE("phones served raw are inventoried on the raw server's port, the others on the shared one",
          "[fleetsim][files]") {
  EstateOptions options;
  auto counts = parse_mix("healthy=2,endless_headers=2,tls_stall=2,gzip_bomb=1", 0);
  REQUIRE(counts);
  options.counts = *counts;
  options.port = 8080;
  options.closed_port = 9;
  options.raw_port = 8443;
  const Estate e = build_estate(options);
  for (const Phone& p : e.phones) {
    CAPTURE(to_string(p.scenario));
    const std::string port = served_raw(p.scenario) ? ":8443" : ":8080";
    const std::string scheme = speaks_https(p.scenario) ? "https://" : "";
    CHECK(p.inventory_address == scheme + ipv4_text(p.address) + port);
    CHECK(e.find_by_host(p.inventory_address) == &p);
  }
}
