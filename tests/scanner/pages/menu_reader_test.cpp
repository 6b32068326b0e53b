// The menu reader: which link of a phone page leads to device information, network setup and
// status messages (by target, then by text in any language), and where a link leads on the phone.
#include <scanner/pages/menu_reader.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using scanner::pages::classify_link;
using scanner::pages::link_path;
using scanner::pages::page_links;
using scanner::pages::PageKind;
using scanner::pages::read_menu;

namespace {

const std::vector<std::string> phone_hosts{"10.1.2.3", "phone-7.example.net"};

std::string menu_page(std::string_view items) {
  return "<html><body><table><tr><td>" + std::string(items) + "</td></tr></table></body></html>";
}

} // namespace

TEST_CASE("menu: links are read with their text, entities decoded, inner markup dropped") {
  const auto links = page_links(
      "<a href=\"/DeviceLog?2\">Status <b>Messages</b></a> <A HREF='Network_Setup.html'>Network&nbsp;Setup</A>"
      "<a href=/x?a=1&amp;b=2>X</a><a name=top>no target</a>");
  REQUIRE(links.size() == 3);
  CHECK(links[0].href == "/DeviceLog?2");
  CHECK(links[0].text == "Status Messages");
  CHECK(links[1].href == "Network_Setup.html");
  CHECK(links[1].text == "Network Setup");
  CHECK(links[2].href == "/x?a=1&b=2");
}

TEST_CASE("menu: links in comments, scripts and styles are not links") {
  const auto links = page_links("<!-- <a href=/a>A</a> --><script>document.write('<a href=/b>B</a>')</script>"
                                "<style>a[href='/c'] {}</style><a href=/d>D</a>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].href == "/d");
}

TEST_CASE("menu: the paths real menus use are recognised by target, whatever the text") {
  CHECK(classify_link("/CGI/Java/Serviceability?adapter=device.settings.status.messages", "x") ==
        PageKind::status_messages);
  CHECK(classify_link("/?adapter=device.statistics.configuration", "") == PageKind::network_setup);
  CHECK(classify_link("http://x.x.x.x/status.html", "") == PageKind::status_messages);
  CHECK(classify_link("/DeviceLog?2", "") == PageKind::status_messages);
  CHECK(classify_link("/NetworkConfiguration", "") == PageKind::network_setup);
  CHECK(classify_link("Network_Setup.htm", "") == PageKind::network_setup);
  CHECK(classify_link("Status_Messages.html", "") == PageKind::status_messages);
  CHECK(classify_link("/DeviceInformation", "") == PageKind::device_info);
  CHECK(classify_link("Device_Information.html", "") == PageKind::device_info);
  // The 7937's menu as two scraper users reported it (real-pages/github-issues/FACTS.md #4, #5).
  CHECK(classify_link("/localmenus.cgi?func=604", "") == PageKind::device_info);
  CHECK(classify_link("/localmenus.cgi?func=219", "") == PageKind::network_setup);
  CHECK_FALSE(classify_link("/DeviceLog?0", "Debug Display"));
  CHECK_FALSE(classify_link("/StreamingStatistics?1", "Stream 1"));
  CHECK_FALSE(classify_link("/console.html", "Console Logs"));
}

TEST_CASE("menu: unknown paths are recognised by their text in seven languages") {
  struct Case {
    const char* text;
    PageKind kind;
  };
  for (const Case& c : {
           Case{"Status messages", PageKind::status_messages},
           Case{"Mensajes de estado", PageKind::status_messages},
           Case{"Messages d'\xC3\xA9tat", PageKind::status_messages},
           Case{"Statusmeldungen", PageKind::status_messages},
           Case{"Messaggi di stato", PageKind::status_messages},
           Case{"Mensagens de status", PageKind::status_messages},
           Case{"Statusberichten", PageKind::status_messages},
           Case{"Network setup", PageKind::network_setup},
           Case{"Network Configuration", PageKind::network_setup},
           Case{"Configuraci\xC3\xB3n de red", PageKind::network_setup},
           Case{"Configuration r\xC3\xA9seau", PageKind::network_setup},
           Case{"Netzwerkeinrichtung", PageKind::network_setup},
           Case{"Configurazione di rete", PageKind::network_setup},
           Case{"Configura\xC3\xA7\xC3\xA3o de rede", PageKind::network_setup},
           Case{"Netwerkinstellingen", PageKind::network_setup},
           Case{"Device information", PageKind::device_info},
           Case{"Informaci\xC3\xB3n del dispositivo", PageKind::device_info},
           Case{"Informations sur l'appareil", PageKind::device_info},
           Case{"Ger\xC3\xA4teinformationen", PageKind::device_info},
           Case{"Informazioni dispositivo", PageKind::device_info},
           Case{"Informa\xC3\xA7\xC3\xB5"
                "es do dispositivo",
                PageKind::device_info},
           Case{"Apparaatinformatie", PageKind::device_info},
       }) {
    CAPTURE(c.text);
    const auto kind = classify_link("/p/7.html", c.text);
    REQUIRE(kind);
    CHECK(*kind == c.kind);
  }
  for (const char* text : {"Network statistics", "Estad\xC3\xADsticas de red", "Device logs", "Ethernet information",
                           "Console logs", "Stream 1", "Netzwerkstatistik"}) {
    CAPTURE(text);
    CHECK_FALSE(classify_link("/p/7.html", text));
  }
}

TEST_CASE("menu: the first link of each kind wins") {
  const auto menu =
      read_menu(menu_page("<a href=/a>Device Information</a><a href=/b>Network Setup</a><a href=/c>Status Messages</a>"
                          "<a href=/d>Status Messages</a>"));
  REQUIRE(menu[PageKind::device_info]);
  CHECK(menu[PageKind::device_info]->href == "/a");
  REQUIRE(menu[PageKind::network_setup]);
  CHECK(menu[PageKind::network_setup]->href == "/b");
  REQUIRE(menu[PageKind::status_messages]);
  CHECK(menu[PageKind::status_messages]->href == "/c");
  CHECK_FALSE(read_menu("<html>no links</html>")[PageKind::status_messages]);
}

TEST_CASE("menu: links resolve against the page's path and stay on the phone") {
  CHECK(link_path("Network_Setup.html", "/", phone_hosts) == "/Network_Setup.html");
  CHECK(link_path("Network_Setup.html", "/Device_Information.html", phone_hosts) == "/Network_Setup.html");
  CHECK(link_path("log/status.html", "/ui/home.html", phone_hosts) == "/ui/log/status.html");
  CHECK(link_path("../net.html", "/ui/sub/home.html", phone_hosts) == "/ui/net.html");
  CHECK(link_path("../../../../net.html", "/a.html", phone_hosts) == "/net.html");
  CHECK(link_path("?adapter=device.statistics.configuration", "/", phone_hosts) ==
        "/?adapter=device.statistics.configuration");
  CHECK(link_path("/DeviceLog?2#top", "/", phone_hosts) == "/DeviceLog?2");
  CHECK(link_path("http://10.1.2.3/NetworkConfiguration", "/", phone_hosts) == "/NetworkConfiguration");
  CHECK(link_path("HTTP://Phone-7.Example.NET:80/status.html", "/", phone_hosts) == "/status.html");
  CHECK(link_path("http://10.1.2.3", "/", phone_hosts) == "/");
  CHECK(link_path("//10.1.2.3/?adapter=x", "/", phone_hosts) == "/?adapter=x");
}

TEST_CASE("menu: links off the phone's host, other schemes and odd paths are never followed") {
  for (const char* href : {"http://www.cisco.com/", "http://x.x.x.x/status.html", "//evil.example/status.html",
                           "https://10.1.2.30/status.html", "javascript:alert(1)", "mailto:a@b", "ftp://10.1.2.3/x",
                           "#top", "", "/a b.html", "/a\x01.html", "http://10.1.2.3@evil.example/x"}) {
    CAPTURE(href);
    CHECK_FALSE(link_path(href, "/", phone_hosts));
  }
}

TEST_CASE("menu: a hostile page is read in linear time and yields a bounded number of links") {
  std::string page;
  for (int i = 0; i < 200000; ++i) page += "<a href=\"/x\">";
  page += "<a href='unclosed";
  for (int i = 0; i < 200000; ++i) page += "<<<a";
  const auto links = page_links(page);
  CHECK(links.size() <= 256);
  (void)read_menu(page);
}

TEST_CASE("menu: an anchor left open in a table cell ends with the cell, not with the page title") {
  // The real 7940 page: "<A HREF=…><IMG SRC=\"/Images/Logo\"</A></TD>" swallows its own </A>.
  const auto menu = read_menu("<TR><td><A HREF=\"http://www.cisco.com\"><IMG SRC=\"/Images/Logo\"</A></TD>"
                              "<td><font size=6>Network Configuration</font></TD></TR>"
                              "<TR><TD><a href='/NetworkConfiguration'>Network Configuration</A></TD></TR>");
  REQUIRE(menu[PageKind::network_setup]);
  CHECK(menu[PageKind::network_setup]->href == "/NetworkConfiguration");
}

TEST_CASE("menu: a link to a known page path wins over an earlier one recognised by text only") {
  const auto menu = read_menu(menu_page("<a href=/help.html>Status messages</a> <a href=/DeviceLog?2>Log</a>"));
  REQUIRE(menu[PageKind::status_messages]);
  CHECK(menu[PageKind::status_messages]->href == "/DeviceLog?2");
  const auto usable_only =
      read_menu(menu_page("<a href=http://elsewhere/status.html>x</a><a href=/s>Status messages</a>"),
                [](std::string_view href) { return href.front() == '/'; });
  REQUIRE(usable_only[PageKind::status_messages]);
  CHECK(usable_only[PageKind::status_messages]->href == "/s");
}

TEST_CASE("menu: upper-case <SCRIPT>, <STYLE> and <A> are told apart from other tags starting with s or a") {
  const auto links = page_links("<SCRIPT>x('<a href=/b>')</SCRIPT><STYLE>a{}</STYLE><span><abbr>"
                                "<A HREF=/d>D</A></abbr><strong><a\thref=/e>E</a></strong><section>");
  REQUIRE(links.size() == 2);
  CHECK(links[0].href == "/d");
  CHECK(links[1].href == "/e");
}

TEST_CASE("menu: a refused link gives way to the next of its kind, and usable is asked only of untaken kinds") {
  int asked = 0;
  const auto menu =
      read_menu(menu_page("<a href=/off/status.html>x</a><a href=/Network_Setup.html>n</a>"
                          "<a href=/DeviceLog?2>y</a><a href=/help>Help</a><a href=/s>Status messages</a>"),
                [&asked](std::string_view href) {
                  ++asked;
                  return href.rfind("/off", 0) != 0;
                });
  REQUIRE(menu[PageKind::status_messages]);
  CHECK(menu[PageKind::status_messages]->href == "/DeviceLog?2");
  REQUIRE(menu[PageKind::network_setup]);
  CHECK(menu[PageKind::network_setup]->href == "/Network_Setup.html");
  CHECK(asked == 3); // the two status links by target and the network link; none for unknown links
}
