// Where the password may go: CUCM URLs with credentials in them are refused without repeating
// them, a URL without a scheme means https, and plain http is said to expose the password.
#include <app/exit_status.hpp>
#include <app/scan_command.hpp>
#include <app/service_urls.hpp>
#include <cucm/transport.hpp>

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>

namespace {

// What check_service_url() logs, and whether it refused the URL.
struct Checked {
  std::string log;
  std::string refusal;
};

Checked check(std::string_view option, const std::string& url) {
  std::ostringstream captured;
  auto* old = std::cerr.rdbuf(captured.rdbuf());
  Checked c;
  try {
    app::check_service_url(option, url);
  } catch (const app::UsageError& e) {
    c.refusal = e.what();
  }
  std::cerr.rdbuf(old);
  c.log = captured.str();
  return c;
}

} // namespace

TEST_CASE("service URLs: user:password@ is refused for every option without repeating the password", "[app][urls]") {
  for (const char* option : {"--cucm", "--axl", "--cucm-discover"}) {
    for (const std::string url :
         {"https://admin:Hunter2secret@cucm.example.net:8443", "admin:Hunter2secret@cucm.example.net",
          "http://admin:Hunter2secret@10.1.1.1/axl/", "https://Hunter2secret@cucm.example.net"}) {
      CAPTURE(option, url);
      const Checked c = check(option, url);
      CHECK_THAT(c.refusal, Catch::StartsWith(std::string(option) + " "));
      CHECK_THAT(c.refusal, Catch::Contains("must not hold credentials"));
      CHECK_THAT(c.refusal, Catch::Contains("cucm.example.net") || Catch::Contains("10.1.1.1"));
      CHECK(c.refusal.find("Hunter2secret") == std::string::npos);
      CHECK(c.log.find("Hunter2secret") == std::string::npos);
    }
  }
  // An '@' in the path or query is no user information.
  CHECK(check("--cucm", "https://cucm.example.net:8443/ccmcip/authenticate.jsp?x=a@b").refusal.empty());
}

TEST_CASE("service URLs: plain http gets one warning naming the option and the risk, https and no scheme none",
          "[app][urls]") {
  const Checked http = check("--axl", "HTTP://cucm.example.net:8080");
  CHECK(http.refusal.empty());
  CHECK(http.log ==
        "phonesweep: warning: --axl HTTP://cucm.example.net:8080 is plain HTTP: the password crosses the "
        "network in clear text, readable by anyone on the path; use https:// (the CUCM serves it on 8443)\n");
  CHECK(check("--cucm", "https://cucm.example.net:8443").log.empty());
  CHECK(check("--cucm", "cucm.example.net:8443").log.empty());
}

TEST_CASE("service URLs: --cucm without a scheme means https, on 8443 unless a port is given", "[app][urls]") {
  CHECK(app::authentication_service_url("cucm.example.net") == "https://cucm.example.net:8443/ccmcip/authenticate.jsp");
  CHECK(app::authentication_service_url("cucm.example.net:8444") ==
        "https://cucm.example.net:8444/ccmcip/authenticate.jsp");
  CHECK(app::authentication_service_url("[2001:db8::5]") == "https://[2001:db8::5]:8443/ccmcip/authenticate.jsp");
  CHECK(app::authentication_service_url("http://cucm:8080") == "http://cucm:8080/ccmcip/authenticate.jsp");
  CHECK(app::authentication_service_url("https://cucm:8443/ccmcip/authenticate.jsp") ==
        "https://cucm:8443/ccmcip/authenticate.jsp");
  CHECK(cucm::with_default_scheme("cucm/axl/") == "https://cucm:8443/axl/");
  CHECK(app::without_userinfo("https://a:b@cucm:8443/x") == "https://…@cucm:8443/x");
  CHECK(app::without_userinfo("https://cucm:8443/x") == "https://cucm:8443/x");
}
