#pragma once
// Reads the phone's network configuration: the HTML "Network setup" page
// (…adapter=device.statistics.configuration, /NetworkConfiguration, /Network_Setup.html) or the
// /NetworkConfigurationX XML. Pure: no I/O.
#include <string>
#include <string_view>

namespace scanner::pages {

// What the "ITL file" line says: a hash or "Installed" (an ITL is installed), "No" / "Not
// installed" in any of the page languages (none is), or nothing readable.
enum class ItlFileShown { unknown, installed, not_installed };

// Each field is the value as the phone shows it, trimmed; empty when the page does not carry it.
struct NetworkSetup {
  std::string auth_url;      // "Authentication URL" (the phone's effective one)
  std::string itl_file;      // "ITL file": "Installed" on every real page that has the line (the
                             // hash is on "ITL signature"); "No" / "Not installed" unconfirmed
  std::string itl_signature; // "ITL signature"
  std::string tvs;           // "TVS"
  std::string web_access;    // "Web access enabled" (as shown: "Yes", "Enabled", …)
  std::string host_name;     // "Host name" (SEP… device name)
};

// Never fails: a page without these fields gives empty fields. HTML labels are matched in any of
// the languages of scanner/pages/labels.hpp; where none matches, the authentication URL is the
// first value that is a URL to an "authenticate" service (…/ccmcip/authenticate.jsp). XML (a body starting with an XML
// declaration or <NetworkConfiguration>) is read by element name, case-insensitively; the
// element names are unconfirmed, so any element whose name contains "authenticationurl" counts
// (an exact <authenticationURL> is preferred over e.g. <secureAuthenticationURL>). A body that
// looks like XML but does not parse is read as HTML. HTML is read by label, also from an
// <input value=…> next to the label.
NetworkSetup read_network_setup(std::string_view page);

// Reads an ITL file line's value. Only whether a file is installed: whether the phone trusts it
// is for the status messages to say.
ItlFileShown classify_itl_file(std::string_view value);

// The host part of a URL, without brackets, port, user info, path, query or fragment:
// "http://cucm:8080/ccmcip/authenticate.jsp" -> "cucm", "https://[2001:db8::1]:8443/p" ->
// "2001:db8::1", "user:pw@h" -> "h", "h:8080/p" -> "h". Empty when there is no host.
std::string url_host(std::string_view url);

} // namespace scanner::pages
