// Where the probe plan looks for pages: the links the menus of the pages read so far name.
#include <scanner/page_search.hpp>

#include <catch2/catch.hpp>

#include <string>

using scanner::PageSearch;
using scanner::pages::PageKind;

namespace {

std::string menu_page(const std::string& device, const std::string& network, const std::string& status) {
  return "<html><body><table><tr><td><a href=\"" + device + "\">Device information</a></td></tr><tr><td><a href=\"" +
         network + "\">Network setup</a></td></tr><tr><td><a href=\"" + status +
         "\">Status messages</a></td></tr></table></body></html>";
}

} // namespace

TEST_CASE("page search: a later page's menu never changes the links an earlier menu gave") {
  PageSearch search({"10.0.0.5"});
  search.record("/", 200, menu_page("/DeviceInformation", "/NetworkConfiguration", "/DeviceLog?2"));
  search.record("/DeviceLog?2", 200, menu_page("/Device_Information.html", "/Network_Setup.html", "/status.html"));
  CHECK(search.linked(PageKind::device_info) == "/DeviceInformation");
  CHECK(search.linked(PageKind::network_setup) == "/NetworkConfiguration");
  CHECK(search.linked(PageKind::status_messages) == "/DeviceLog?2");
  CHECK(search.asked("/DeviceLog?2"));
}

TEST_CASE("page search: a kind no menu linked yet is taken from the next page that links it") {
  PageSearch search({"10.0.0.5"});
  search.record("/", 200,
                "<html><body><a href=\"/DeviceInformation\">Device information</a>"
                "<a href=\"http://other-host/NetworkConfiguration\">Network setup</a></body></html>");
  CHECK(search.linked(PageKind::device_info) == "/DeviceInformation");
  CHECK_FALSE(search.linked(PageKind::network_setup).has_value());
  search.record("/DeviceInformation", 200,
                menu_page("/Device_Information.html", "/Network_Setup.html", "/status.html"));
  CHECK(search.linked(PageKind::device_info) == "/DeviceInformation");
  CHECK(search.linked(PageKind::network_setup) == "/Network_Setup.html");
  CHECK(search.linked(PageKind::status_messages) == "/status.html");
}

TEST_CASE("page search: a page that is not answered 200 or not HTML gives no links but is marked asked") {
  PageSearch search({"10.0.0.5"});
  search.record("/", 404, menu_page("/a", "/b", "/c"));
  search.record("/x", 200, "<?xml version=\"1.0\"?><a href=\"/NetworkConfiguration\">Network setup</a>");
  CHECK_FALSE(search.linked(PageKind::network_setup).has_value());
  CHECK(search.asked("/"));
  CHECK(search.asked("/x"));
}
