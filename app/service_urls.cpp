#include <app/service_urls.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <cucm/transport.hpp>

#include <fmt/format.h>

#include <cctype>

namespace app {
namespace {

// Where the authority of `url` starts and ends (after "scheme://", up to the path, query or
// fragment), and where its user information ends ('@'), npos when it has none.
struct Authority {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t at = std::string::npos;
};

Authority authority_of(std::string_view url) {
  Authority a;
  const auto scheme = url.find("://");
  a.begin = scheme == std::string_view::npos ? 0 : scheme + 3;
  a.end = url.find_first_of("/?#", a.begin);
  if (a.end == std::string_view::npos) a.end = url.size();
  const auto at = url.rfind('@', a.end == 0 ? 0 : a.end - 1);
  if (at != std::string_view::npos && at >= a.begin && at < a.end) a.at = at;
  return a;
}

bool plain_http(std::string_view url) {
  if (url.size() < 7) return false;
  std::string scheme(url.substr(0, 7));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http://";
}

} // namespace

std::string without_userinfo(const std::string& url) {
  const Authority a = authority_of(url);
  if (a.at == std::string::npos) return url;
  return url.substr(0, a.begin) + "…@" + url.substr(a.at + 1);
}

void check_service_url(std::string_view option, const std::string& url) {
  if (authority_of(url).at != std::string::npos)
    throw UsageError(fmt::format("{} {}: a URL must not hold credentials (user:password@); give the "
                                 "user with --user (or --axl-user) and the password with "
                                 "--password-env or --password-file",
                                 option, without_userinfo(url)));
  if (plain_http(url))
    log_warning(fmt::format("{} {} is plain HTTP: the password crosses the network in clear text, "
                            "readable by anyone on the path; use https:// (the CUCM serves it on 8443)",
                            option, url));
}

std::string authentication_service_url(const std::string& cucm) {
  const std::string url = cucm::with_default_scheme(cucm);
  const auto path = url.find('/', url.find("://") + 3);
  if (path == std::string::npos || url.substr(path) == "/") return url.substr(0, path) + "/ccmcip/authenticate.jsp";
  return url;
}

} // namespace app
