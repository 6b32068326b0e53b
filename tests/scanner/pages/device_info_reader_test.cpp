// The phone's identity from /DeviceInformationX (XML) and from the HTML device-information
// page: model, MAC (normalised), firmware, serial, SEP device name.
#include <scanner/pages/device_info_reader.hpp>

#include "page_test_support.hpp"

#include <string>

using scanner::pages::normalise_mac;
using scanner::pages::read_device_information;
using scanner::pages::read_device_information_html;
using scanner::pages::read_device_information_xml;

namespace {

// As doc/DOMAIN.md §4 describes it (newer firmware, with udi/time/timezone/date).
constexpr std::string_view device_information_x =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<DeviceInformation>\n"
    "<MACAddress>00:1b:54:aa:bb:0c</MACAddress>\n"
    "<HostName>SEP001B54AABB0C</HostName>\n"
    "<phoneDN>4711</phoneDN>\n"
    "<appLoadID>rootfs88xx.14-2-1-0001-125</appLoadID>\n"
    "<bootLoadID>sb288xx.BE-01-026</bootLoadID>\n"
    "<versionID>sip88xx.14-2-1-0001-125</versionID>\n"
    "<hardwareRevision>V01</hardwareRevision>\n"
    "<serialNumber> FCH2141ABCD </serialNumber>\n"
    "<modelNumber>CP-8841</modelNumber>\n"
    "<MessageWaiting>No</MessageWaiting>\n"
    "<udi>phone\nCisco IP Phone 8841\nCP-8841\nV01\nFCH2141ABCD</udi>\n"
    "<time>21:26:53</time>\n<timezone>Europe/London</timezone>\n<date>10/09/18</date>\n"
    "</DeviceInformation>\n";

} // namespace

TEST_CASE("device info: normalise_mac accepts common separators and upper-cases the digits") {
  CHECK(normalise_mac("00:1b:54:aa:bb:0c") == "001B54AABB0C");
  CHECK(normalise_mac("00-1B-54-AA-BB-0C") == "001B54AABB0C");
  CHECK(normalise_mac("001b.54aa.bb0c") == "001B54AABB0C");
  CHECK(normalise_mac(" 00 1b 54 aa bb 0c\n") == "001B54AABB0C");
  CHECK(normalise_mac("001B54AABB0C") == "001B54AABB0C");
}

TEST_CASE("device info: normalise_mac rejects what is not a MAC address") {
  CHECK(normalise_mac("").empty());
  CHECK(normalise_mac("00:1b:54:aa:bb").empty());       // 10 digits
  CHECK(normalise_mac("00:1b:54:aa:bb:0c:11").empty()); // 14 digits
  CHECK(normalise_mac("00:1b:54:aa:bb:0g").empty());    // not hex
  CHECK(normalise_mac("SEP001B54AABB0C").empty());      // a device name is not a MAC
  CHECK(normalise_mac("unknown").empty());
}

TEST_CASE("device info: DeviceInformationX gives model, normalised MAC, versionID, serial, SEP name") {
  const auto info = read_device_information_xml(device_information_x);
  REQUIRE(info.has_value());
  CHECK(info->model == "CP-8841");
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->firmware == "sip88xx.14-2-1-0001-125");
  CHECK(info->serial == "FCH2141ABCD");
  CHECK(info->host_name == "SEP001B54AABB0C");
  // The dispatcher recognises it as XML.
  const auto via_dispatch = read_device_information(device_information_x);
  REQUIRE(via_dispatch.has_value());
  CHECK(via_dispatch->firmware == info->firmware);
  CHECK(via_dispatch->mac == info->mac);
}

TEST_CASE("device info: DeviceInformationX element names are matched case-insensitively") {
  const auto info = read_device_information_xml(
      "<deviceinformation><macaddress>001b54aabb0c</macaddress><hostname>sep001b54aabb0c</hostname>"
      "<VERSIONID>SIP75.9-4-2SR3-1S</VERSIONID><SerialNumber>INM1234</SerialNumber>"
      "<ModelNumber>CP-7975G</ModelNumber></deviceinformation>");
  REQUIRE(info.has_value());
  CHECK(info->model == "CP-7975G");
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->host_name == "SEP001B54AABB0C");
  CHECK(info->firmware == "SIP75.9-4-2SR3-1S");
  CHECK(info->serial == "INM1234");
}

TEST_CASE("device info: firmware falls back to appLoadID when versionID is missing or empty") {
  const auto missing = read_device_information_xml("<DeviceInformation><modelNumber>CP-7941G</modelNumber>"
                                                   "<appLoadID>SCCP41.9-4-2SR3-1S</appLoadID></DeviceInformation>");
  REQUIRE(missing.has_value());
  CHECK(missing->firmware == "SCCP41.9-4-2SR3-1S");
  const auto empty =
      read_device_information_xml("<DeviceInformation><modelNumber>CP-7941G</modelNumber><versionID> </versionID>"
                                  "<appLoadID>SCCP41.9-4-2SR3-1S</appLoadID></DeviceInformation>");
  REQUIRE(empty.has_value());
  CHECK(empty->firmware == "SCCP41.9-4-2SR3-1S");
}

TEST_CASE("device info: a MAC missing from DeviceInformationX is taken from the SEP host name") {
  const auto info =
      read_device_information_xml("<DeviceInformation><HostName>SEP001B54AABB0C</HostName></DeviceInformation>");
  REQUIRE(info.has_value());
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->model.empty());
  CHECK(info->firmware.empty());
  CHECK(info->serial.empty());
}

TEST_CASE("device info: DeviceInformationX with entities, CDATA and a byte-order mark") {
  const auto info = read_device_information(
      "\xEF\xBB\xBF  <?xml version=\"1.0\"?><DeviceInformation><modelNumber>CP&#x2D;8865</modelNumber>"
      "<MACAddress><![CDATA[00-1B-54-AA-BB-0C]]></MACAddress>"
      "<versionID>sip8845_65.12&#45;5&#45;1SR3&#45;74</versionID></DeviceInformation>");
  REQUIRE(info.has_value());
  CHECK(info->model == "CP-8865");
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->firmware == "sip8845_65.12-5-1SR3-74");
}

TEST_CASE("device info: malformed DeviceInformationX is an error with a reason") {
  for (const char* xml :
       {"", "   ", "<DeviceInformation><modelNumber>CP-8841</DeviceInformation>",
        "<DeviceInformation><modelNumber>CP-8841",
        "<?xml version=\"1.0\"?><DeviceInformation>&bogus;</DeviceInformation>", "\x01\x02 not xml"}) {
    CAPTURE(xml);
    const auto info = read_device_information_xml(xml);
    REQUIRE_FALSE(info.has_value());
    CHECK_THAT(info.error(), Catch::Contains("DeviceInformationX"));
    CHECK(info.error().find('\n') == std::string::npos);
  }
  const auto truncated = read_device_information_xml("<DeviceInformation><modelNumber>CP-8841");
  REQUIRE_FALSE(truncated.has_value());
  CHECK_THAT(truncated.error(), Catch::Contains("not XML"));
}

TEST_CASE("device info: DeviceInformationX with another root or no identity is an error") {
  const auto other_root = read_device_information_xml("<?xml version=\"1.0\"?><CiscoIPPhoneError Number=\"4\"/>");
  REQUIRE_FALSE(other_root.has_value());
  CHECK_THAT(other_root.error(), Catch::Contains("CiscoIPPhoneError"));
  const auto anonymous = read_device_information_xml("<DeviceInformation><versionID>sip88xx.12-5-1SR3-74</versionID>"
                                                     "<MACAddress>not-a-mac</MACAddress></DeviceInformation>");
  REQUIRE_FALSE(anonymous.has_value());
  CHECK_THAT(anonymous.error(), Catch::Contains("neither"));
}

TEST_CASE("device info: the HTML device-information page gives the same fields by label") {
  const auto info = read_device_information_html(
      "<html><body><h1>Device information</h1><table>"
      "<tr><td><b>MAC address</b></td><td></td><td><b>00-1B-54-AA-BB-0C</b></td></tr>"
      "<tr><td><b>Host name</b></td><td></td><td><b>sep001b54aabb0c</b></td></tr>"
      "<tr><td><b>App load ID</b></td><td></td><td>rootfs88xx.14-2-1-0001-125</td></tr>"
      "<tr><td><b>Version</b></td><td></td><td>sip88xx.14&#x2D;2&#x2D;1&#x2D;0001&#x2D;125</td></tr>"
      "<tr><td><b>Serial number</b></td><td></td><td>FCH2141ABCD</td></tr>"
      "<tr><td><b>Model number</b></td><td></td><td>CP&#x2D;8841</td></tr>"
      "</table></body></html>");
  REQUIRE(info.has_value());
  CHECK(info->model == "CP-8841");
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->firmware == "sip88xx.14-2-1-0001-125");
  CHECK(info->serial == "FCH2141ABCD");
  CHECK(info->host_name == "SEP001B54AABB0C");
}

TEST_CASE("device info: HTML labels with colons, odd casing and inline values are read") {
  const auto info =
      read_device_information_html("<pre>MODEL NUMBER: CP-7965G\nMAC Address : 001B54AABB0C\nSoftware Version:"
                                   " SCCP45.9-4-2SR3-1S\nSerial Number: FCH1234</pre>");
  REQUIRE(info.has_value());
  CHECK(info->model == "CP-7965G");
  CHECK(info->mac == "001B54AABB0C");
  CHECK(info->firmware == "SCCP45.9-4-2SR3-1S");
  CHECK(info->serial == "FCH1234");
  CHECK(info->host_name.empty()); // no SEP name anywhere on the page
}

TEST_CASE("device info: without a Host name field a SEP name in the heading is used") {
  const auto info = read_device_information_html("<p>Cisco IP Phone CP-8841 ( SEP001B54AABB0C )</p><table>"
                                                 "<tr><td>Model Number</td><td>CP-8841</td></tr></table>");
  REQUIRE(info.has_value());
  CHECK(info->host_name == "SEP001B54AABB0C");
  CHECK(info->mac == "001B54AABB0C"); // from the device name, as the page shows no MAC field
}

TEST_CASE("device info: an empty Version field falls back to the app load ID") {
  const auto info = read_device_information_html("<table><tr><td>Model Number</td><td>CP-6901</td></tr>"
                                                 "<tr><td>Version</td><td></td></tr>"
                                                 "<tr><td>App Load ID</td><td>SIP6901.9-3-1-SR2-3</td></tr></table>");
  REQUIRE(info.has_value());
  CHECK(info->firmware == "SIP6901.9-3-1-SR2-3");
}

TEST_CASE("device info: an HTML page without model or MAC is an error with a reason") {
  for (const char* html :
       {"", "<html><body><h1>Login</h1><form><input name=user></form></body></html>",
        "<table><tr><td>Version</td><td>sip88xx.12-5-1SR3-74</td></tr></table>", "\xFF\xFE garbage <<<>>> &&&"}) {
    CAPTURE(html);
    const auto info = read_device_information_html(html);
    REQUIRE_FALSE(info.has_value());
    CHECK_THAT(info.error(), Catch::Contains("no model number or MAC address"));
  }
}

TEST_CASE("device info: the dispatcher reads an HTML body as HTML, an XML body as XML") {
  const auto html =
      read_device_information("  <html><table><tr><td>Model Number</td><td>CP-7821</td></tr></table></html>");
  REQUIRE(html.has_value());
  CHECK(html->model == "CP-7821");
  // An XML-looking body that does not parse is an XML error, not read as HTML.
  const auto broken = read_device_information("<?xml version=\"1.0\"?><DeviceInformation>");
  REQUIRE_FALSE(broken.has_value());
  CHECK_THAT(broken.error(), Catch::Contains("not XML"));
}

TEST_CASE("device information XML: real answers recorded as facts (7940, 6941)") {
  // real-pages/fusioninventory-website/FACTS.md: a CP-7940's answer (Latin-1, French "OUI").
  const auto cp7940 = read_device_information(
      "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<DeviceInformation>\n<MACAddress>0003E369A125</MACAddress>\n"
      "<HostName>SEP0003E369A125</HostName>\n<phoneDN>5920</phoneDN>\n<appLoadID>P00308010200</appLoadID>\n"
      "<bootLoadID>PC03A300</bootLoadID>\n<versionID>8.1(2.0)</versionID>\n<DSPLoadID>4.0(5.0)[A0]</DSPLoadID>\n"
      "<addonModule1></addonModule1>\n<addonModule2></addonModule2>\n<hardwareRevision>1.0</hardwareRevision>\n"
      "<serialNumber>INMXXXXXXX</serialNumber>\n<modelNumber>CP-7940</modelNumber>\n<Codec>ADLCodec</Codec>\n"
      "<Amps>3V Amp</Amps>\n<C3PORevision>2</C3PORevision>\n<MessageWaiting> OUI</MessageWaiting>\n"
      "</DeviceInformation>\n");
  REQUIRE(cp7940);
  CHECK(cp7940->model == "CP-7940");
  CHECK(cp7940->mac == "0003E369A125");
  CHECK(cp7940->firmware == "8.1(2.0)");
  CHECK(cp7940->host_name == "SEP0003E369A125");
  // real-pages/index-snippets/FACTS.md B: a CP-6941's answer, "= V02" as versionID, the load in
  // appLoadID, a lower-case serialNumber, no XML declaration.
  const auto cp6941 = read_device_information(
      "<DeviceInformation><MACAddress>2323CA58E460</MACAddress><HostName>SEP44ER3CA58E460</HostName>"
      "<phoneDN>11962323</phoneDN><appLoadID>SCCP 1.2.2.6</appLoadID><bootLoadID>0.0.0.24</bootLoadID>"
      "<versionID>= V02</versionID><addonModule1/><addonModule2/><hardwareRevision>5</hardwareRevision>"
      "<serialNumber>PXN232327VCNX</serialNumber><modelNumber>CP-6941</modelNumber><MessageWaiting>No"
      "</MessageWaiting><udi>phone Cisco Unified IP Phone CP-6941, Global CP-6941 PXN15271212X</udi>"
      "<time>11:03</time><timezone>W. Europe Standard/Daylight Time</timezone><date>16.12.13</date>"
      "</DeviceInformation>");
  REQUIRE(cp6941);
  CHECK(cp6941->model == "CP-6941");
  CHECK(cp6941->mac == "2323CA58E460");
  CHECK(cp6941->serial == "PXN232327VCNX");
  CHECK(cp6941->firmware == "SCCP 1.2.2.6");
}
