// AXL and RisPort70 answers shaped like the real ones (doc/DOMAIN.md §6): prefixes and namespaces
// as the CUCM writes them, uuid attributes, nil elements, faults with the real texts.
#include <cucm/axl.hpp>
#include <cucm/inventory_csv.hpp>
#include <cucm/rate_limiter.hpp>
#include <cucm/risport.hpp>
#include <cucm/soap.hpp>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

using namespace std::chrono_literals;

namespace {

constexpr const char* list_phone_answer = R"(<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:listPhoneResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"><return><phone uuid="{8D6F2A1C-7E55-4B4A-9D35-0B3C3E7F1A01}"><name>SEP00EBD5A1B2C3</name><description>Reception LON-1 ext 20000</description><model>Cisco 8841</model><devicePoolName uuid="{1B1B9EB6-7803-11D3-BDF0-00108302EAD1}">LON-1</devicePoolName></phone><phone uuid="{8D6F2A1C-7E55-4B4A-9D35-0B3C3E7F1A02}"><name>SEP0CD0F8000001</name><description>Finance &amp; Legal, "quiet" room</description><model>Cisco 7965</model><devicePoolName uuid="{1B1B9EB6-7803-11D3-BDF0-00108302EAD2}">NYC-1</devicePoolName></phone></return></ns:listPhoneResponse></soapenv:Body></soapenv:Envelope>)";

constexpr const char* get_app_user_answer = R"(<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getAppUserResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"><return><appUser uuid="{0AE1F3C2-0000-4000-8000-000000000001}"><userid>phonesweep-app</userid><password/><digestCredentials/><presenceGroupName uuid="{AD243D17-98B4-4118-8FEB-5FF2E1B781AC}">Standard Presence group</presenceGroupName><acceptPresenceSubscription>false</acceptPresenceSubscription><associatedDevices><device>SEP00EBD5A1B2C3</device><device>SEP0CD0F8000001</device></associatedDevices><associatedGroups><userGroup><name>Standard CTI Enabled</name><userRoles><userRole>Standard CTI Enabled</userRole></userRoles></userGroup><userGroup><name>Standard CTI Allow Control of All Phones</name><userRoles><userRole>Standard CTI Allow Control of All Phones</userRole></userRoles></userGroup></associatedGroups></appUser></return></ns:getAppUserResponse></soapenv:Body></soapenv:Envelope>)";

constexpr const char* get_user_answer =
    R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getUserResponse xmlns:ns="http://www.cisco.com/AXL/API/12.5"><return><user uuid="{11111111-2222-3333-4444-555555555555}"><firstName>Pat</firstName><lastName>Example</lastName><userid>pexample</userid><associatedDevices/><associatedGroups><userGroup><name>Standard CCM End Users</name><userRoles><userRole>Standard CCM End Users</userRole><userRole>Standard CCMUSER Administration</userRole></userRoles></userGroup></associatedGroups></user></return></ns:getUserResponse></soapenv:Body></soapenv:Envelope>)";

constexpr const char* user_not_found = R"(<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Item not valid: The specified User was not found</faultstring><detail><axlError><axlcode>5007</axlcode><axlmessage>Item not valid: The specified User was not found</axlmessage><request>getAppUser</request></axlError></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>)";

constexpr const char* rate_fault =
    R"(<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.RateControl</faultcode><faultstring>AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime information is 15 requests per minute.If problem persists, please contact system administrator.</faultstring><detail><ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">cucm-pub</ns1:hostname></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>)";

constexpr const char* select_answer =
    R"(<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><ns1:selectCmDeviceResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="http://schemas.cisco.com/ast/soap"><ns1:selectCmDeviceReturn><ns1:SelectCmDeviceResult><ns1:TotalDevicesFound>3</ns1:TotalDevicesFound><ns1:CmNodes><ns1:item><ns1:ReturnCode>Ok</ns1:ReturnCode><ns1:Name>cucm-sub1</ns1:Name><ns1:NoChange>false</ns1:NoChange><ns1:CmDevices><ns1:item><ns1:Name>SEP00EBD5A1B2C3</ns1:Name><ns1:DirNumber>20000-Registered</ns1:DirNumber><ns1:DeviceClass>Phone</ns1:DeviceClass><ns1:Protocol>SIP</ns1:Protocol><ns1:Model>36213</ns1:Model><ns1:Product>36227</ns1:Product><ns1:Httpd>Yes</ns1:Httpd><ns1:IPAddress><ns1:item><ns1:IP>10.20.1.17</ns1:IP><ns1:IPAddrType>ipv4</ns1:IPAddrType><ns1:Attribute>Unknown</ns1:Attribute></ns1:item></ns1:IPAddress><ns1:Description>Reception LON-1 ext 20000</ns1:Description><ns1:Status>Registered</ns1:Status><ns1:StatusReason>0</ns1:StatusReason><ns1:ActiveLoadID>sip88xx.14-2-1-0101-40</ns1:ActiveLoadID><ns1:TimeStamp>1717000000</ns1:TimeStamp></ns1:item><ns1:item><ns1:Name>SEP0CD0F8000001</ns1:Name><ns1:Httpd>No</ns1:Httpd><ns1:IPAddress><ns1:item><ns1:IP>2001:db8::17</ns1:IP><ns1:IPAddrType>ipv6</ns1:IPAddrType></ns1:item><ns1:item><ns1:IP>10.20.1.18</ns1:IP><ns1:IPAddrType>ipv4</ns1:IPAddrType></ns1:item></ns1:IPAddress><ns1:Status>Registered</ns1:Status><ns1:ActiveLoadID>SIP45.9-4-2SR4-3S</ns1:ActiveLoadID><ns1:TimeStamp>1717000100</ns1:TimeStamp></ns1:item></ns1:CmDevices></ns1:item><ns1:item><ns1:ReturnCode>NotFound</ns1:ReturnCode><ns1:Name>cucm-sub2</ns1:Name><ns1:NoChange>false</ns1:NoChange><ns1:CmDevices xsi:nil="true"/></ns1:item><ns1:item><ns1:ReturnCode>Ok</ns1:ReturnCode><ns1:Name>cucm-sub3</ns1:Name><ns1:CmDevices><ns1:item><ns1:Name>SEPF87B20000002</ns1:Name><ns1:Httpd>Yes</ns1:Httpd><ns1:IPAddress><ns1:item><ns1:IP>10.20.1.19</ns1:IP><ns1:IPAddrType>ipv4</ns1:IPAddrType></ns1:item></ns1:IPAddress><ns1:Status>UnRegistered</ns1:Status><ns1:ActiveLoadID></ns1:ActiveLoadID><ns1:TimeStamp>1716000000</ns1:TimeStamp></ns1:item></ns1:CmDevices></ns1:item></ns1:CmNodes></ns1:SelectCmDeviceResult><ns1:StateInfo>&lt;StateInfo&gt;&lt;Node Name="cucm-sub1" SubsystemStartTime="1716900000" StateId="42" TotalItemsFound="3" TotalItemsReturned="3"/&gt;&lt;/StateInfo&gt;</ns1:StateInfo></ns1:selectCmDeviceReturn></ns1:selectCmDeviceResponse></soapenv:Body></soapenv:Envelope>)";

std::string local(const pugi::xml_node& n) {
  const std::string name = n.name();
  const auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

pugi::xml_node find(const pugi::xml_node& root, const std::string& name) {
  return root.find_node([&](const pugi::xml_node& n) { return local(n) == name; });
}

} // namespace

TEST_CASE("AXL listPhone request asks for one page of names, descriptions, models and device pools", "[cucm][axl]") {
  const std::string request = cucm::list_phone_request("SEP%<&", 2000, 1000);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(request.c_str()));
  const auto list = find(doc, "listPhone");
  REQUIRE(list);
  CHECK(std::string(list.name()) == "ns:listPhone");
  CHECK(std::string(doc.document_element().attribute("xmlns:ns").value()) == "http://www.cisco.com/AXL/API/14.0");
  CHECK(std::string(find(list, "searchCriteria").child_value("name")) == "SEP%<&");
  for (const char* tag : {"name", "description", "model", "devicePoolName"})
    CHECK(find(find(list, "returnedTags"), tag));
  CHECK(std::string(list.child_value("skip")) == "2000");
  CHECK(std::string(list.child_value("first")) == "1000");
  CHECK(cucm::axl_soap_action("listPhone") == "\"CUCM:DB ver=14.0 listPhone\"");
}

TEST_CASE("AXL listPhone answer gives every phone with its device pool, entities are decoded", "[cucm][axl]") {
  const auto phones = cucm::read_list_phone(list_phone_answer);
  REQUIRE(phones);
  REQUIRE(phones->size() == 2);
  CHECK((*phones)[0].name == "SEP00EBD5A1B2C3");
  CHECK((*phones)[0].model == "Cisco 8841");
  CHECK((*phones)[0].device_pool == "LON-1");
  CHECK((*phones)[1].description == "Finance & Legal, \"quiet\" room");
  CHECK((*phones)[1].device_pool == "NYC-1");
}

TEST_CASE("AXL listPhone answer past the last page is an empty list", "[cucm][axl]") {
  const auto phones = cucm::read_list_phone(
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:listPhoneResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"><return/></ns:listPhoneResponse></soapenv:Body></soapenv:Envelope>)");
  REQUIRE(phones);
  CHECK(phones->empty());
}

TEST_CASE("AXL readers turn faults, HTML and wrong operations into one-line reasons", "[cucm][axl]") {
  const auto fault = cucm::read_list_phone(user_not_found);
  REQUIRE_FALSE(fault);
  CHECK(fault.error() == "soapenv:Client: Item not valid: The specified User was not found");
  const auto html = cucm::read_list_phone("<html><body>HTTP Status 401 - Unauthorized</body></html>");
  REQUIRE_FALSE(html);
  CHECK(html.error() == "not an AXL listPhoneResponse");
  CHECK_FALSE(cucm::read_list_phone("not xml <<<"));
  CHECK_FALSE(cucm::read_user(list_phone_answer));
}

TEST_CASE("AXL getAppUser answer gives controlled devices, groups and roles", "[cucm][axl]") {
  const auto user = cucm::read_user(get_app_user_answer);
  REQUIRE(user);
  CHECK(user->userid == "phonesweep-app");
  CHECK(user->devices == std::vector<std::string>{"SEP00EBD5A1B2C3", "SEP0CD0F8000001"});
  REQUIRE(user->groups.size() == 2);
  CHECK(user->groups[0].name == "Standard CTI Enabled");
  CHECK(user->groups[1].roles == std::vector<std::string>{"Standard CTI Allow Control of All Phones"});
}

TEST_CASE("AXL getUser answer of an end user without devices", "[cucm][axl]") {
  const auto user = cucm::read_user(get_user_answer);
  REQUIRE(user);
  CHECK(user->userid == "pexample");
  CHECK(user->devices.empty());
  REQUIRE(user->groups.size() == 1);
  CHECK(user->groups[0].roles.size() == 2);
}

TEST_CASE("AXL getAppUser and getUser requests name the user, escaped", "[cucm][axl]") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::get_app_user_request("a&b").c_str()));
  CHECK(std::string(find(doc, "getAppUser").child_value("userid")) == "a&b");
  REQUIRE(doc.load_string(cucm::get_user_request("pat", "12.5").c_str()));
  CHECK(find(doc, "getUser"));
  CHECK(std::string(doc.document_element().attribute("xmlns:ns").value()) == "http://www.cisco.com/AXL/API/12.5");
}

TEST_CASE("SOAP faults: the AXL error code and RisPort's throttle with Cisco's typo are recognised", "[cucm][soap]") {
  const auto not_found = cucm::read_fault(user_not_found);
  REQUIRE(not_found);
  CHECK(not_found->code == "soapenv:Client");
  CHECK(not_found->axl_code == "5007");
  CHECK_FALSE(cucm::is_rate_control(*not_found));
  const auto throttle = cucm::read_fault(rate_fault);
  REQUIRE(throttle);
  CHECK(cucm::is_rate_control(*throttle));
  CHECK(cucm::is_rate_control(cucm::Fault{"Server", "Exceeded allowed rate for Reatime information.", ""}));
  CHECK_FALSE(cucm::read_fault(select_answer));
  CHECK_FALSE(cucm::read_fault("<<not xml"));
}

TEST_CASE("RisPort70 selectCmDeviceExt request selects the given names, any status", "[cucm][risport]") {
  const std::vector<std::string> names{"SEP00EBD5A1B2C3", "SEP0CD0F8000001"};
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::select_cm_device_ext_request(names).c_str()));
  const auto criteria = find(doc, "CmSelectionCriteria");
  REQUIRE(find(doc, "selectCmDeviceExt"));
  CHECK(std::string(find(criteria, "SelectBy").child_value()) == "Name");
  CHECK(std::string(find(criteria, "Status").child_value()) == "Any");
  CHECK(std::string(find(criteria, "MaxReturnedDevices").child_value()) == "2");
  std::vector<std::string> items;
  for (auto item : find(criteria, "SelectItems").children()) items.push_back(find(item, "Item").child_value());
  CHECK(items == names);
}

TEST_CASE("RisPort70 selectCmDeviceExt request by IPv4 address selects the given addresses, any status",
          "[cucm][risport]") {
  const std::vector<std::string> addresses{"10.1.2.3", "10.1.9.7"};
  pugi::xml_document doc;
  REQUIRE(doc.load_string(cucm::select_cm_device_ext_request(addresses, cucm::SelectBy::ipv4_address).c_str()));
  const auto criteria = find(doc, "CmSelectionCriteria");
  CHECK(std::string(find(criteria, "SelectBy").child_value()) == "IPV4Address");
  CHECK(std::string(find(criteria, "Status").child_value()) == "Any");
  CHECK(std::string(find(criteria, "MaxReturnedDevices").child_value()) == "2");
  std::vector<std::string> items;
  for (auto item : find(criteria, "SelectItems").children()) items.push_back(find(item, "Item").child_value());
  CHECK(items == addresses);
}

TEST_CASE("RisPort70 answer: devices from every node, IPv4 preferred, nil nodes and state info ignored",
          "[cucm][risport]") {
  const auto answer = cucm::read_select_cm_device(select_answer);
  REQUIRE(answer);
  CHECK(answer->total_found == 3);
  REQUIRE(answer->devices.size() == 3);
  const auto& first = answer->devices[0];
  CHECK(first.name == "SEP00EBD5A1B2C3");
  CHECK(first.status == "Registered");
  CHECK(first.httpd == "Yes");
  CHECK(first.active_load == "sip88xx.14-2-1-0101-40");
  CHECK(first.node == "cucm-sub1");
  CHECK(first.timestamp == 1717000000);
  CHECK(cucm::preferred_address(first) == "10.20.1.17");
  CHECK(cucm::preferred_address(answer->devices[1]) == "10.20.1.18");
  CHECK(answer->devices[1].httpd == "No");
  CHECK(answer->devices[2].status == "UnRegistered");
  CHECK(answer->devices[2].node == "cucm-sub3");
}

TEST_CASE("RisPort70 answer without devices and a throttle fault", "[cucm][risport]") {
  const auto empty = cucm::read_select_cm_device(
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:selectCmDeviceResponse xmlns:ns1="http://schemas.cisco.com/ast/soap"><ns1:selectCmDeviceReturn><ns1:SelectCmDeviceResult><ns1:TotalDevicesFound>0</ns1:TotalDevicesFound><ns1:CmNodes xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="1" /></ns1:SelectCmDeviceResult><ns1:StateInfo></ns1:StateInfo></ns1:selectCmDeviceReturn></ns1:selectCmDeviceResponse></soapenv:Body></soapenv:Envelope>)");
  REQUIRE(empty);
  CHECK(empty->devices.empty());
  const auto throttled = cucm::read_select_cm_device(rate_fault);
  REQUIRE_FALSE(throttled);
  CHECK(throttled.error().find("Server.RateControl") != std::string::npos);
}

TEST_CASE("RisPort batches never exceed 1000 names and keep every name once, in order", "[cucm][risport]") {
  std::vector<std::string> names;
  for (int i = 0; i < 2501; ++i) names.push_back("SEP" + std::to_string(i));
  const auto parts = cucm::batches(names);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].size() == 1000);
  CHECK(parts[2].size() == 501);
  CHECK(parts[2].front() == "SEP2000");
  CHECK(cucm::batches(names, 0).size() == 2501);
  CHECK(cucm::batches(std::vector<std::string>{}).empty());
}

TEST_CASE("rate specs parse as REQUESTS/SECONDS", "[cucm][rate]") {
  const auto standard = cucm::parse_rate("15/60");
  REQUIRE(standard);
  CHECK(standard->requests == 15);
  CHECK(standard->window == 60s);
  CHECK(cucm::parse_rate("18")->window == 60s);
  CHECK(cucm::parse_rate("2/1.5")->window == 1500ms);
  for (const char* bad : {"", "0/60", "x/60", "15/", "15/0", "15/abc", "-1/60"}) {
    INFO(bad);
    CHECK_FALSE(cucm::parse_rate(bad));
  }
}

TEST_CASE("the rate limiter allows N requests per window, counted from their finish", "[cucm][rate]") {
  cucm::RateLimiter limiter({3, 60s});
  const auto t0 = cucm::Clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i) {
    CHECK(limiter.delay(t0 + std::chrono::seconds(i)) == cucm::Clock::duration::zero());
    limiter.record(t0 + std::chrono::seconds(i));
  }
  CHECK(limiter.delay(t0 + 3s) == 57s); // the first finished at t0, free again at t0 + 60
  CHECK(limiter.delay(t0 + 60s) == cucm::Clock::duration::zero());
  limiter.record(t0 + 60s);
  CHECK(limiter.delay(t0 + 60s) == 1s); // now the second (t0 + 1) is the oldest of the three
}

TEST_CASE("the rate limiter backs off longer after each throttle fault, at most one window", "[cucm][rate]") {
  cucm::RateLimiter limiter({15, 60s});
  CHECK(limiter.after_fault() == 4s);
  CHECK(limiter.after_fault() == 8s);
  CHECK(limiter.after_fault() == 16s);
  CHECK(limiter.after_fault() == 32s);
  CHECK(limiter.after_fault() == 60s);
  CHECK(limiter.after_fault() == 60s);
  CHECK(limiter.consecutive_faults() == 6);
  limiter.record(cucm::Clock::now());
  CHECK(limiter.consecutive_faults() == 0);
  CHECK(limiter.after_fault() == 4s);
}

TEST_CASE("discovered inventory CSV has the reader's columns, the CUCM's state, and quotes descriptions",
          "[cucm][csv]") {
  std::vector<cucm::DiscoveredPhone> phones(4);
  phones[0].axl = {"SEP1", "Desk, 1st floor", "Cisco 8841", "LON-1"};
  phones[0].ris =
      cucm::RisDevice{"SEP1", "Registered", "Yes", {{"10.0.0.1", "ipv4"}}, "36213", "sip88xx.14", "", "n1", 1};
  phones[1].axl = {"SEP2", "Lobby", "Cisco 7965", "NYC-1"};
  phones[1].ris = cucm::RisDevice{"SEP2", "UnRegistered", "No", {{"2001:db8::2", "ipv6"}}, "", "", "", "n1", 1};
  phones[2].axl = {"SEP3", "Never plugged in", "Cisco 8811", "PAR-1"};
  phones[3].axl = {"SEP4", "x", "Cisco 8811", "PAR-1"};
  phones[3].ris = cucm::RisDevice{"SEP4", "PartiallyRegistered", "", {{"10.0.0.4", ""}}, "", "", "", "n1", 1};

  const auto plain = cucm::inventory_csv(phones);
  CHECK(plain.text == "address,name,model,site,description,registration,httpd,firmware\n"
                      "10.0.0.1,SEP1,Cisco 8841,LON-1,\"Desk, 1st floor\",registered,yes,sip88xx.14\n"
                      "2001:db8::2,SEP2,Cisco 7965,NYC-1,Lobby,unregistered,no,\n"
                      "10.0.0.4,SEP4,Cisco 8811,PAR-1,x,partially_registered,unknown,\n");
  CHECK(plain.rows == 3);
  CHECK(plain.without_address == std::vector<std::string>{"SEP3"});

  const auto ported = cucm::inventory_csv(phones, 8080);
  CHECK(ported.text.find("\n10.0.0.1:8080,SEP1,") != std::string::npos);
  CHECK(ported.text.find("\n[2001:db8::2]:8080,SEP2,") != std::string::npos);
}
