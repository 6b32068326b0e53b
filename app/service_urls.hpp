#pragma once
// The CUCM URLs options give (scan --cucm, --axl, --cucm-discover; discover --cucm), checked
// before anything is sent. Credentials go only where the user meant them to: a URL holding
// `user:password@` is refused (the password would sit in argv, the shell history and the run's
// stored options), and a plain-http URL is said to carry the password in clear text.
#include <string>
#include <string_view>

namespace app {

// Throws UsageError naming `option` when `url` holds user information (user:password@ or
// user@); the message never repeats it. Logs one warning naming `option` and the risk when the
// URL's scheme is http://. A URL without a scheme means https (cucm::with_default_scheme).
void check_service_url(std::string_view option, const std::string& url);

// `url` with its user information, if any, replaced by "…@": safe to print.
std::string without_userinfo(const std::string& url);

// The CUCM authentication service URL for a --cucm value: a bare base URL gets the standard
// path /ccmcip/authenticate.jsp; a value without a scheme means https (port 8443 unless given).
std::string authentication_service_url(const std::string& cucm);

} // namespace app
