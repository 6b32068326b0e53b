// The "Network setup" page (HTML of every generation, and the XML variant) and url_host.
#include <scanner/pages/network_setup_reader.hpp>

#include "page_test_support.hpp"

#include <string>

using scanner::pages::read_network_setup;
using scanner::pages::url_host;

TEST_CASE("network setup: the 88xx page gives auth URL, ITL file and signature, TVS, host") {
  const auto s = read_network_setup(
      "<HTML><BODY><TABLE><TR><TD><B>Network setup</B></TD></TR></TABLE>"
      "<TABLE BORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\">"
      "<TR><TD><B> MAC address</B></TD><td width=20></TD><TD><B>001B54AABB0C</B></TD></TR>"
      "<TR><TD><B> Host name</B></TD><td width=20></TD><TD><B>SEP001B54AABB0C</B></TD></TR>"
      "<TR><TD><B> Unified CM 1</B></TD><td width=20></TD><TD><B>cucm.example  Active</B></TD></TR>"
      "<TR><TD><B> Idle URL</B></TD><td width=20></TD><TD><B></B></TD></TR>"
      "<TR><TD><B> Authentication URL</B></TD><td width=20></TD>"
      "<TD><B>https&#x3A;&#x2F;&#x2F;cucm.example&#x3A;8443&#x2F;ccmcip&#x2F;authenticate.jsp</B></TD></TR>"
      "<TR><TD><B> Web access enabled</B></TD><td width=20></TD><TD><B>Yes</B></TD></TR>"
      "<TR><TD><B> CTL file</B></TD><td width=20></TD><TD><B>No CTL installed</B></TD></TR>"
      "<TR><TD><B> ITL file</B></TD><td width=20></TD><TD><B>5A2F0C9B1D7E4E38A1B6C0D2E4F60718</B></TD></TR>"
      "<TR><TD><B> ITL signature</B></TD><td width=20></TD><TD><B>9C0E4F1A2B3C4D5E</B></TD></TR>"
      "<TR><TD><B> CAPF server</B></TD><td width=20></TD><TD><B>cucm.example:3804</B></TD></TR>"
      "<TR><TD><B> TVS</B></TD><td width=20></TD><TD><B>10.1.1.10:2445</B></TD></TR>"
      "</TABLE></BODY></HTML>");
  CHECK(s.auth_url == "https://cucm.example:8443/ccmcip/authenticate.jsp");
  CHECK(s.itl_file == "5A2F0C9B1D7E4E38A1B6C0D2E4F60718");
  CHECK(s.itl_signature == "9C0E4F1A2B3C4D5E");
  CHECK(s.tvs == "10.1.1.10:2445");
  CHECK(s.web_access == "Yes");
  CHECK(s.host_name == "SEP001B54AABB0C");
}

TEST_CASE("network setup: labels are matched loosely and fields shown empty stay empty") {
  const auto s = read_network_setup("<table><tr><td>HOST NAME:</td><td>SEP001B54AABB0C</td></tr>"
                                    "<tr><td>authentication url</td><td></td></tr>"
                                    "<tr><td>ITL File:</td><td>No ITL installed</td></tr>"
                                    "<tr><td>ITL Signature</td><td></td><td></td></tr>"
                                    "<tr><td>Web Access</td><td>Enabled</td></tr></table>");
  CHECK(s.host_name == "SEP001B54AABB0C");
  CHECK(s.auth_url.empty());
  CHECK(s.itl_file == "No ITL installed");
  CHECK(s.itl_signature.empty());
  CHECK(s.tvs.empty());
  CHECK(s.web_access == "Enabled");
}

TEST_CASE("network setup: a value shown in an input field next to its label is read") {
  const auto s =
      read_network_setup("<html><body><form><table>"
                         "<tr><td>Host Name</td><td><input type=text name=h value=\"SEP001B54AABB0C\"></td></tr>"
                         "<tr><td>Authentication URL</td><td><INPUT TYPE=\"text\" "
                         "VALUE='http://cucm.example:8080/ccmcip/authenticate.jsp?x=1&amp;y=2'></td></tr>"
                         "<tr><td>TVS</td><td><input type=hidden value=secret><input value=\"10.0.0.5:2445\"></td></tr>"
                         "</table></form></body></html>");
  CHECK(s.host_name == "SEP001B54AABB0C");
  CHECK(s.auth_url == "http://cucm.example:8080/ccmcip/authenticate.jsp?x=1&y=2");
  CHECK(s.tvs == "10.0.0.5:2445");
}

TEST_CASE("network setup: the XML variant is read by element name, exact auth URL preferred") {
  const auto s =
      read_network_setup("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration>\n"
                         "<HostName>SEP001B54AABB0C</HostName>\n"
                         "<secureAuthenticationURL>https://cucm.example:8443/ccmcip/authenticate.jsp"
                         "</secureAuthenticationURL>\n"
                         "<authenticationURL>http://cucm.example:8080/ccmcip/authenticate.jsp</authenticationURL>\n"
                         "<WebAccess>Yes</WebAccess>\n<ITLFile>No ITL installed</ITLFile>\n"
                         "<ITL_Signature>ABCDEF</ITL_Signature>\n<TVS>10.0.0.5:2445</TVS>\n"
                         "</NetworkConfiguration>\n");
  CHECK(s.auth_url == "http://cucm.example:8080/ccmcip/authenticate.jsp");
  CHECK(s.host_name == "SEP001B54AABB0C");
  CHECK(s.web_access == "Yes");
  CHECK(s.itl_file == "No ITL installed");
  CHECK(s.itl_signature == "ABCDEF");
  CHECK(s.tvs == "10.0.0.5:2445");
}

TEST_CASE("network setup: in XML any element naming the authentication URL counts, even nested") {
  const auto s = read_network_setup("<NetworkConfiguration><vendor><SecureAuthenticationURL> https://cucm:8443/a.jsp "
                                    "</SecureAuthenticationURL></vendor></NetworkConfiguration>");
  CHECK(s.auth_url == "https://cucm:8443/a.jsp");
}

TEST_CASE("network setup: XML that does not parse is read as HTML") {
  const auto s =
      read_network_setup("<?xml version=\"1.0\"?><NetworkConfiguration><table>"
                         "<tr><td>Authentication URL</td><td>http://cucm:8080/ccmcip/authenticate.jsp</td></tr>"
                         "</table>");
  CHECK(s.auth_url == "http://cucm:8080/ccmcip/authenticate.jsp");
}

TEST_CASE("network setup: a page without these fields, garbage or nothing gives empty fields") {
  for (const std::string& page :
       {std::string(), std::string("<html><body>Login required</body></html>"), std::string("\x00\xFF<<>>&", 7),
        std::string("<?xml version=\"1.0\"?><Other/>"), std::string(100000, '<')}) {
    CAPTURE(page.size());
    const auto s = read_network_setup(page);
    CHECK(s.auth_url.empty());
    CHECK(s.itl_file.empty());
    CHECK(s.itl_signature.empty());
    CHECK(s.tvs.empty());
    CHECK(s.web_access.empty());
    CHECK(s.host_name.empty());
  }
}

TEST_CASE("url_host: the host of ordinary URLs, with and without a port or path") {
  CHECK(url_host("http://cucm:8080/ccmcip/authenticate.jsp") == "cucm");
  CHECK(url_host("https://cucm.example.net:8443/ccmcip/authenticate.jsp") == "cucm.example.net");
  CHECK(url_host("http://cucm.example.net/ccmcip/authenticate.jsp") == "cucm.example.net");
  CHECK(url_host("http://10.1.1.10:8080") == "10.1.1.10");
  CHECK(url_host("http://cucm") == "cucm");
  CHECK(url_host("HTTP://CUCM:8080/") == "CUCM");
  CHECK(url_host("  http://cucm:8080/x  ") == "cucm");
  CHECK(url_host("http://cucm?x=1") == "cucm");
  CHECK(url_host("http://cucm#frag") == "cucm");
}

TEST_CASE("url_host: IPv6 literals lose their brackets and port") {
  CHECK(url_host("https://[2001:db8::1]:8443/ccmcip/authenticate.jsp") == "2001:db8::1");
  CHECK(url_host("http://[::1]/p") == "::1");
  CHECK(url_host("http://[fe80::1%25eth0]:8080/") == "fe80::1%25eth0");
  CHECK(url_host("[2001:db8::1]:8080") == "2001:db8::1");
  CHECK(url_host("2001:db8::1") == "2001:db8::1"); // bare, no port to strip
  CHECK(url_host("http://[2001:db8::1").empty());  // unclosed bracket
}

TEST_CASE("url_host: user info is dropped, including an @ inside the password") {
  CHECK(url_host("http://user:pw@cucm:8080/p") == "cucm");
  CHECK(url_host("https://user@[2001:db8::1]:8443/") == "2001:db8::1");
  CHECK(url_host("http://a:p@ss@cucm/p") == "cucm");
  CHECK(url_host("user:pw@h") == "h");
  CHECK(url_host("http://cucm/path@not-a-host") == "cucm");
}

TEST_CASE("url_host: scheme-less and protocol-relative forms") {
  CHECK(url_host("h:8080/p") == "h");
  CHECK(url_host("cucm.example/ccmcip/authenticate.jsp") == "cucm.example");
  CHECK(url_host("//cucm:8080/p") == "cucm");
}

TEST_CASE("url_host: no host gives an empty string") {
  CHECK(url_host("").empty());
  CHECK(url_host("   ").empty());
  CHECK(url_host("http://").empty());
  CHECK(url_host("http:///path").empty());
  CHECK(url_host("/ccmcip/authenticate.jsp").empty());
  CHECK(url_host("http://user@/p").empty());
}
