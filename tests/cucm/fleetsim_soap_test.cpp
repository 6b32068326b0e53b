// fleetsim's simulated AXL and RisPort70, read back with phonesweep's own cucm readers: proves
// the simulated CUCM speaks the client's language (and its limits hold) without a network.
#include <cucm/axl.hpp>
#include <cucm/axl_update.hpp>
#include <cucm/risport.hpp>
#include <cucm/soap.hpp>
#include <cucm/user_change.hpp>
#include <sim/fleetsim/soap_service.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace std::chrono_literals;

namespace {

fleetsim::Estate small_estate(std::size_t phones, bool cti_roles = true) {
  fleetsim::EstateOptions options;
  options.counts = fleetsim::realistic_mix(phones);
  options.port = 8080;
  options.closed_port = 9;
  options.cti_roles = cti_roles;
  return fleetsim::build_estate(options);
}

const std::optional<fleetsim::Credentials> good{fleetsim::Credentials{"phonesweep-app", "sim-secret-Pa55"}};
const auto t0 = fleetsim::SoapService::Clock::time_point{} + 1000s;

} // namespace

TEST_CASE("fleetsim AXL listPhone pages through the estate with skip and first", "[fleetsim][soap]") {
  const auto estate = small_estate(250);
  fleetsim::SoapService service(estate, {});
  std::vector<cucm::AxlPhone> all;
  for (std::size_t skip = 0;; skip += 100) {
    const auto reply = service.handle("/axl/", cucm::list_phone_request("%", skip, 100), good, t0);
    REQUIRE(reply.status == 200);
    const auto page = cucm::read_list_phone(reply.body);
    REQUIRE(page);
    all.insert(all.end(), page->begin(), page->end());
    if (page->size() < 100) break;
  }
  REQUIRE(all.size() == estate.phones.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& p = estate.phones[i];
    CHECK(all[i].name == p.device_name);
    CHECK(all[i].description == p.description);
    CHECK(all[i].device_pool == p.site);
    CHECK(all[i].model == fleetsim::axl_model_name(p.model->model));
  }
  CHECK(service.counters().axl_requests == 3);
}

TEST_CASE("fleetsim AXL product names follow the CUCM's spelling", "[fleetsim][soap]") {
  CHECK(fleetsim::axl_model_name("CP-8841") == "Cisco 8841");
  CHECK(fleetsim::axl_model_name("CP-7965G") == "Cisco 7965");
  CHECK(fleetsim::axl_model_name("ATA-187") == "Cisco ATA 187");
  CHECK(fleetsim::axl_model_name("DX80") == "Cisco DX80");
}

TEST_CASE("fleetsim AXL refuses a listPhone answer over its row limit with the real fault", "[fleetsim][soap]") {
  const auto estate = small_estate(120);
  fleetsim::SoapLimits limits;
  limits.axl_max_rows = 100;
  fleetsim::SoapService service(estate, limits);
  const auto reply = service.handle("/axl/", cucm::list_phone_request("%", 0, 1000), good, t0);
  CHECK(reply.status == 500);
  const auto fault = cucm::read_fault(reply.body);
  REQUIRE(fault);
  CHECK(fault->message.find("Query request too large. Total rows matched: 120 rows") == 0);
}

TEST_CASE("fleetsim AXL getAppUser lists the controlled devices and groups, unknown users fault", "[fleetsim][soap]") {
  const auto estate = small_estate(200);
  fleetsim::SoapService service(estate, {});
  const auto reply = service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), good, t0);
  REQUIRE(reply.status == 200);
  const auto user = cucm::read_user(reply.body);
  REQUIRE(user);
  CHECK(user->devices.size() == estate.cucm.controlled.size());
  for (const auto& d : user->devices) CHECK(estate.cucm.controlled.contains(d));
  std::set<std::string> groups;
  for (const auto& g : user->groups) groups.insert(g.name);
  CHECK(groups.contains("Standard CTI Enabled"));

  const auto no_cti_estate = small_estate(30, false);
  fleetsim::SoapService no_cti(no_cti_estate, {});
  const auto bare =
      cucm::read_user(no_cti.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), good, t0).body);
  REQUIRE(bare);
  REQUIRE(bare->groups.size() == 1);
  CHECK(bare->groups[0].name == "Standard AXL API Access");

  const auto missing = service.handle("/axl/", cucm::get_app_user_request("nobody"), good, t0);
  CHECK(missing.status == 500);
  const auto fault = cucm::read_fault(missing.body);
  REQUIRE(fault);
  CHECK(fault->axl_code == "5007");
}

TEST_CASE("fleetsim SOAP answers 401 to a wrong password and 404 elsewhere", "[fleetsim][soap]") {
  const auto estate = small_estate(30);
  fleetsim::SoapService service(estate, {});
  const std::optional<fleetsim::Credentials> wrong{fleetsim::Credentials{"phonesweep-app", "nope"}};
  CHECK(service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), wrong, t0).status == 401);
  CHECK(service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), std::nullopt, t0).status == 401);
  CHECK(service.handle("/nothing", "", good, t0).status == 404);
  CHECK(service.counters().unauthorized == 2);
}

TEST_CASE("fleetsim AXL counts a wrong password for the user as a failed logon and refuses a locked account",
          "[fleetsim][soap]") {
  const auto estate = small_estate(30);
  fleetsim::CredentialPolicy policy(estate.cucm, 3);
  fleetsim::SoapService service(estate, {}, &policy);
  const std::optional<fleetsim::Credentials> wrong{fleetsim::Credentials{"phonesweep-app", "nope"}};
  const std::optional<fleetsim::Credentials> stranger{fleetsim::Credentials{"someone", "nope"}};
  const std::string ask = cucm::get_app_user_request("phonesweep-app");
  CHECK(service.handle("/axl/", ask, good, t0).status == 200);
  CHECK(service.handle("/axl/", ask, stranger, t0).status == 401);
  CHECK(policy.failed_logons() == 0);
  CHECK(service.handle("/axl/", ask, wrong, t0).status == 401);
  CHECK(service.handle("/axl/", ask, wrong, t0).status == 401);
  CHECK(service.handle("/axl/", ask, good, t0).status == 200);
  CHECK(service.handle("/axl/", ask, wrong, t0).status == 401);
  CHECK(policy.failed_logons() == 3);
  CHECK(service.handle("/axl/", ask, good, t0).status == 401); // locked
}

TEST_CASE("fleetsim RisPort70 reports address, registration, Httpd and firmware of the named phones",
          "[fleetsim][soap]") {
  const auto estate = small_estate(300);
  fleetsim::SoapService service(estate, {});
  std::vector<std::string> names;
  for (const auto& p : estate.phones) names.push_back(p.device_name);
  names.push_back("SEPDOESNOTEXIST");
  const auto reply =
      service.handle(std::string(cucm::risport_path), cucm::select_cm_device_ext_request(names), good, t0);
  REQUIRE(reply.status == 200);
  const auto answer = cucm::read_select_cm_device(reply.body);
  REQUIRE(answer);
  REQUIRE(answer->devices.size() == estate.phones.size());
  std::map<std::string, cucm::RisDevice> by_name;
  for (const auto& d : answer->devices) by_name[d.name] = d;
  std::size_t unregistered = 0, httpd_off = 0;
  for (const auto& p : estate.phones) {
    const auto& d = by_name.at(p.device_name);
    CHECK(cucm::preferred_address(d) == fleetsim::ipv4_text(p.address));
    CHECK(d.status == (p.scenario == fleetsim::Scenario::unreachable ? "UnRegistered" : "Registered"));
    CHECK(d.httpd == (p.scenario == fleetsim::Scenario::silent ? "No" : "Yes"));
    CHECK(d.active_load == p.firmware->version);
    unregistered += d.status == "UnRegistered";
    httpd_off += d.httpd == "No";
  }
  CHECK(unregistered > 0);
  CHECK(httpd_off > 0);
}

TEST_CASE("fleetsim RisPort70 enforces its per-window limit with Cisco's throttle fault", "[fleetsim][soap]") {
  const auto estate = small_estate(30);
  fleetsim::SoapLimits limits;
  limits.risport_requests = 3;
  limits.risport_window = 10s;
  fleetsim::SoapService service(estate, limits);
  const std::vector<std::string> names{estate.phones[0].device_name};
  const auto ask = [&](auto at) {
    return service.handle(std::string(cucm::risport_path), cucm::select_cm_device_ext_request(names), good, at);
  };
  for (int i = 0; i < 3; ++i) CHECK(ask(t0 + std::chrono::seconds(i)).status == 200);
  const auto refused = ask(t0 + 5s);
  CHECK(refused.status == 500);
  const auto fault = cucm::read_fault(refused.body);
  REQUIRE(fault);
  CHECK(cucm::is_rate_control(*fault));
  CHECK(fault->code == "soapenv:Server.RateControl");
  CHECK(fault->message.find("AxisFault: Exceeded allowed rate for Reatime information.") == 0);
  CHECK(ask(t0 + 10s).status == 200); // the first left the window
  const auto c = service.counters();
  CHECK(c.risport_requests == 5);
  CHECK(c.risport_rate_faults == 1);
  CHECK(c.risport_max_in_window == 3);
}

TEST_CASE("fleetsim RisPort70 refuses more than 1000 names in one request", "[fleetsim][soap]") {
  const auto estate = small_estate(30);
  fleetsim::SoapService service(estate, {});
  std::vector<std::string> names(1001, estate.phones[0].device_name);
  const auto reply =
      service.handle(std::string(cucm::risport_path), cucm::select_cm_device_ext_request(names), good, t0);
  CHECK(reply.status == 500);
  CHECK_FALSE(cucm::read_select_cm_device(reply.body));
}

namespace {

std::vector<std::string> uncontrolled(const fleetsim::Estate& estate) {
  std::vector<std::string> names;
  for (const auto& p : estate.phones)
    if (!estate.cucm.controlled.contains(p.device_name)) names.push_back(p.device_name);
  return names;
}

} // namespace

TEST_CASE("fleetsim AXL updateAppUser replaces the device list, and the next logon of a phone uses it",
          "[fleetsim][soap][fix]") {
  const auto estate = small_estate(200);
  fleetsim::UserAccount account(estate);
  fleetsim::CredentialPolicy policy(estate.cucm, account, 0);
  fleetsim::SoapService service(estate, {}, &policy, &account);
  const auto before =
      cucm::read_user(service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), good, t0).body);
  REQUIRE(before);
  const auto outside = uncontrolled(estate);
  REQUIRE_FALSE(outside.empty());
  const std::string device = outside.front();
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", device) == fleetsim::CucmVerdict::unauthorized);

  cucm::UserLists lists;
  lists.devices = before->devices;
  lists.devices->push_back(device);
  const auto reply = service.handle("/axl/", cucm::update_user_request(false, "phonesweep-app", lists), good, t0);
  REQUIRE(reply.status == 200);
  CHECK(cucm::read_update(reply.body, false));
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", device) == fleetsim::CucmVerdict::authorized);
  const auto after =
      cucm::read_user(service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), good, t0).body);
  REQUIRE(after);
  CHECK(after->devices.size() == before->devices.size() + 1);
  CHECK(after->groups.size() == before->groups.size()); // groups were not written, so they stay

  // The whole list is replaced: writing fewer names drops the others, as on a CUCM.
  lists.devices = std::vector<std::string>{device};
  REQUIRE(service.handle("/axl/", cucm::update_user_request(false, "phonesweep-app", lists), good, t0).status == 200);
  CHECK(account.devices() == std::vector<std::string>{device});
  CHECK(policy.authenticate("phonesweep-app", "sim-secret-Pa55", before->devices.front()) ==
        fleetsim::CucmVerdict::unauthorized);
  CHECK(service.counters().axl_updates == 2);
}

TEST_CASE("fleetsim AXL refuses an update naming an unknown device or group and changes nothing",
          "[fleetsim][soap][fix]") {
  const auto estate = small_estate(50, false);
  fleetsim::SoapService service(estate, {});
  const auto devices = service.account().devices();
  cucm::UserLists lists;
  lists.devices = std::vector<std::string>{estate.phones.front().device_name, "SEPNOSUCHPHONE0"};
  lists.groups = std::vector<std::string>{"Standard CTI Enabled"};
  const auto unknown_device =
      service.handle("/axl/", cucm::update_user_request(false, "phonesweep-app", lists), good, t0);
  CHECK(unknown_device.status == 500);
  REQUIRE(cucm::read_fault(unknown_device.body));
  CHECK(cucm::read_fault(unknown_device.body)->message.find("SEPNOSUCHPHONE0") != std::string::npos);
  // The troubleshooting guide's spelling is no group a CUCM ships.
  lists.devices.reset();
  lists.groups = std::vector<std::string>{"Standard CTI Allow Control of All Phones"};
  CHECK(service.handle("/axl/", cucm::update_user_request(false, "phonesweep-app", lists), good, t0).status == 500);
  CHECK(service.account().devices() == devices);
  REQUIRE(service.account().groups().size() == 1);
  CHECK(service.counters().axl_updates == 0);
  // Names are the CUCM's: a device in lower case is the device; a group gets its CUCM spelling.
  lists.groups = std::vector<std::string>{"Standard AXL API Access", "standard cti enabled"};
  CHECK(service.handle("/axl/", cucm::update_user_request(false, "phonesweep-app", lists), good, t0).status == 200);
  REQUIRE(service.account().groups().size() == 2);
  CHECK(service.account().groups()[1].name == "Standard CTI Enabled");
  // Another user, or the end-user operation for an application user: no such user.
  const auto other = service.handle("/axl/", cucm::update_user_request(true, "phonesweep-app", lists), good, t0);
  REQUIRE(cucm::read_fault(other.body));
  CHECK(cucm::read_fault(other.body)->axl_code == "5007");
}

TEST_CASE("fleetsim end user: getUser gives associatedGroups only when returnedTags asks, updateUser writes them",
          "[fleetsim][soap][fix]") {
  fleetsim::EstateOptions options;
  options.counts = fleetsim::realistic_mix(40);
  options.port = 8080;
  options.closed_port = 9;
  options.end_user = true;
  const auto estate = fleetsim::build_estate(options);
  fleetsim::SoapService service(estate, {});
  CHECK(service.handle("/axl/", cucm::get_app_user_request("phonesweep-app"), good, t0).status == 500);
  const auto asked = cucm::read_user(service.handle("/axl/", cucm::get_user_request("phonesweep-app"), good, t0).body);
  REQUIRE(asked);
  CHECK(asked->groups_listed);
  CHECK(asked->devices.size() == estate.cucm.controlled.size());
  const std::string bare =
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getUser xmlns:ns="http://www.cisco.com/AXL/API/14.0"><userid>phonesweep-app</userid></ns:getUser></soapenv:Body></soapenv:Envelope>)";
  const auto without_tags = cucm::read_user(service.handle("/axl/", bare, good, t0).body);
  REQUIRE(without_tags);
  CHECK(without_tags->devices_listed);
  CHECK_FALSE(without_tags->groups_listed);

  cucm::UserLists lists;
  lists.devices = asked->devices;
  lists.devices->push_back(uncontrolled(estate).front());
  lists.groups = cucm::group_names(*asked);
  const auto reply = service.handle("/axl/", cucm::update_user_request(true, "phonesweep-app", lists), good, t0);
  REQUIRE(reply.status == 200);
  CHECK(cucm::read_update(reply.body, true));
  CHECK(service.account().controls(uncontrolled(estate).front()));
  CHECK(service.account().devices().size() == asked->devices.size() + 1);
  CHECK(service.account().groups().size() == asked->groups.size());
}
