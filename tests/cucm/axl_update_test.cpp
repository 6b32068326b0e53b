// What `phonesweep fix` sends to AXL and how it reads the answers (cucm/axl_update.hpp), and the
// list arithmetic that keeps a write from ever dropping a name (cucm/user_change.hpp).
#include <cucm/axl_update.hpp>
#include <cucm/preflight.hpp>
#include <cucm/user_change.hpp>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <string>
#include <vector>

namespace {

std::string local(const pugi::xml_node& n) {
  const std::string name = n.name();
  const auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

// The element children of `node`, by local name, in document order.
std::vector<std::string> children(const pugi::xml_node& node) {
  std::vector<std::string> out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element) out.push_back(local(c));
  return out;
}

pugi::xml_node find(const pugi::xml_node& root, const std::string& name) {
  return root.find_node([&](const pugi::xml_node& n) { return local(n) == name; });
}

cucm::AxlUser user(std::vector<std::string> devices, std::vector<std::string> groups) {
  cucm::AxlUser u;
  u.userid = "phonesweep-app";
  u.devices = std::move(devices);
  for (auto& g : groups) u.groups.push_back({g, {g}});
  u.devices_listed = u.groups_listed = true;
  return u;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("updateAppUser names the user first, then the whole device list, then the groups, escaped",
          "[cucm][axl][fix]") {
  cucm::UserLists lists;
  lists.devices = Names{"SEP00EBD5A1B2C3", "SEP<&>"};
  lists.groups = Names{"Standard CTI Enabled"};
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::update_user_request(false, "app&user", lists).c_str()));
  const auto update = find(doc, "updateAppUser");
  REQUIRE(update);
  CHECK(std::string(update.name()) == "ns:updateAppUser");
  CHECK(std::string(doc.document_element().attribute("xmlns:ns").value()) == "http://www.cisco.com/AXL/API/14.0");
  // The schema's order (UpdateAppUserReq): userid, ..., associatedDevices, associatedGroups.
  CHECK(children(update) == Names{"userid", "associatedDevices", "associatedGroups"});
  CHECK(std::string(update.child_value("userid")) == "app&user");
  Names devices;
  for (auto d = find(update, "associatedDevices").first_child(); d; d = d.next_sibling())
    devices.push_back(d.child_value());
  CHECK(devices == Names{"SEP00EBD5A1B2C3", "SEP<&>"});
  CHECK(std::string(find(find(update, "associatedGroups"), "userGroup").child_value("name")) == "Standard CTI Enabled");
  CHECK(cucm::axl_soap_action(cucm::update_operation(false)) == "\"CUCM:DB ver=14.0 updateAppUser\"");
}

TEST_CASE("updateUser leaves out a list it does not change, so the CUCM keeps it", "[cucm][axl][fix]") {
  cucm::UserLists lists;
  lists.groups = Names{"Standard CTI Enabled", "Standard CCM End Users"};
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::update_user_request(true, "pat", lists, "12.5").c_str()));
  const auto update = find(doc, "updateUser");
  REQUIRE(update);
  CHECK(children(update) == Names{"userid", "associatedGroups"});
  CHECK(std::string(doc.document_element().attribute("xmlns:ns").value()) == "http://www.cisco.com/AXL/API/12.5");
  CHECK(cucm::get_operation(true) == "getUser");
  CHECK(cucm::update_operation(true) == "updateUser");
}

TEST_CASE("update answers: the user's GUID, a fault's reason, and no other operation's answer", "[cucm][axl][fix]") {
  const std::string ok =
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:updateAppUserResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"><return>{0AE1F3C2-0000-4000-8000-000000000001}</return></ns:updateAppUserResponse></soapenv:Body></soapenv:Envelope>)";
  const auto read = cucm::read_update(ok, false);
  REQUIRE(read);
  CHECK(*read == "{0AE1F3C2-0000-4000-8000-000000000001}");
  const auto wrong_operation = cucm::read_update(ok, true);
  REQUIRE_FALSE(wrong_operation);
  CHECK(wrong_operation.error() == "not an AXL updateUserResponse");
  const std::string fault =
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Item not valid: no device named SEPX</faultstring><detail><axlError><axlcode>5007</axlcode><axlmessage>Item not valid</axlmessage><request>updateAppUser</request></axlError></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>)";
  const auto refused = cucm::read_update(fault, false);
  REQUIRE_FALSE(refused);
  CHECK(refused.error() == "soapenv:Client: Item not valid: no device named SEPX");
  CHECK_FALSE(cucm::read_update("<html>401</html>", false));
  CHECK_FALSE(cucm::read_update("not xml <<", false));
}

TEST_CASE("getUser asks for devices and groups by returnedTags, and an answer without a list leaves it unknown",
          "[cucm][axl][fix]") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::get_user_request("pat").c_str()));
  const auto tags = find(find(doc, "getUser"), "returnedTags");
  REQUIRE(tags);
  CHECK(children(tags) == Names{"userid", "associatedDevices", "associatedGroups"});

  const std::string without_groups =
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getUserResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"><return><user uuid="{1}"><userid>pat</userid><associatedDevices/></user></return></ns:getUserResponse></soapenv:Body></soapenv:Envelope>)";
  const auto read = cucm::read_user(without_groups);
  REQUIRE(read);
  CHECK(read->devices_listed);
  CHECK(read->devices.empty());
  CHECK_FALSE(read->groups_listed);
}

TEST_CASE("group names: the guide's spelling of All Devices is the CUCM's group, and case does not matter",
          "[cucm][preflight][fix]") {
  CHECK(cucm::cucm_group_name("Standard CTI Allow Control of All Phones") ==
        "Standard CTI Allow Control of All Devices");
  CHECK(cucm::cucm_group_name("standard cti allow control of all phones") ==
        "Standard CTI Allow Control of All Devices");
  CHECK(cucm::cucm_group_name("Standard CTI Enabled") == "Standard CTI Enabled");
  CHECK(cucm::same_group("Standard CTI Allow Control of All Phones", "STANDARD CTI ALLOW CONTROL OF ALL DEVICES"));
  CHECK_FALSE(cucm::same_group("Standard CTI Enabled", "Standard CTI Secure Connection"));
  CHECK(cucm::same_device("sep00ebd5a1b2c3", "SEP00EBD5A1B2C3"));
}

TEST_CASE("still_needed: what a user already has is not added again, so a second apply changes nothing",
          "[cucm][fix]") {
  const auto u = user({"SEP000000000001", "SEP000000000002"}, {"Standard AXL API Access"});
  cucm::ListChange wanted;
  wanted.add_devices = {"sep000000000002", "SEP000000000003", "SEP000000000003", "SEP000000000004"};
  wanted.add_groups = {"Standard CTI Enabled", "Standard AXL API Access"};
  wanted.remove_devices = {"SEP000000000001", "SEP0000000000FF"};
  const auto needed = cucm::still_needed(u, wanted);
  CHECK(needed.add_devices == Names{"SEP000000000003", "SEP000000000004"});
  CHECK(needed.add_groups == Names{"Standard CTI Enabled"});
  CHECK(needed.remove_devices == Names{"SEP000000000001"});
  CHECK(needed.remove_groups.empty());

  const auto after = user({"SEP000000000002", "SEP000000000003", "SEP000000000004"},
                          {"Standard AXL API Access", "Standard CTI Enabled"});
  cucm::ListChange again;
  again.add_devices = needed.add_devices;
  again.add_groups = needed.add_groups;
  CHECK(cucm::still_needed(after, again).empty());
}

TEST_CASE("a written list keeps every name nobody asked to remove, in its order", "[cucm][fix]") {
  const Names current{"SEP000000000001", "SEP000000000002", "SEP000000000003"};
  CHECK(cucm::changed_devices(current, {"SEP000000000009", "sep000000000002"}, {}) ==
        Names{"SEP000000000001", "SEP000000000002", "SEP000000000003", "SEP000000000009"});
  CHECK(cucm::changed_devices(current, {}, {"sep000000000002"}) == Names{"SEP000000000001", "SEP000000000003"});
  CHECK(cucm::changed_groups({"Standard CTI Allow Control of All Phones"},
                             {"Standard CTI Allow Control of All Devices"},
                             {}) == Names{"Standard CTI Allow Control of All Phones"});
}

TEST_CASE("lost_since names what a user lost since an earlier reading, not what it gained", "[cucm][fix]") {
  const auto now = user({"SEP000000000001", "SEP000000000009"}, {"Standard CTI Allow Control of All Devices"});
  const auto lost = cucm::lost_since({"sep000000000001", "SEP000000000002"},
                                     {"Standard CTI Allow Control of All Phones", "Standard CTI Enabled"}, now);
  CHECK(lost.devices == Names{"SEP000000000002"});
  CHECK(lost.groups == Names{"Standard CTI Enabled"});
  CHECK(cucm::lost_since({"SEP000000000001"}, {}, now).empty());
}
