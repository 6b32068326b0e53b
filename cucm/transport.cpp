#include <cucm/transport.hpp>

#include <curl/curl.h>

#include <stdexcept>

namespace cucm {
namespace {

// What to do about a certificate the CUCM's connection did not verify: the option that fixes it.
std::string tls_hint(CURLcode code, const std::string& cacert) {
  if (code != CURLE_PEER_FAILED_VERIFICATION && code != CURLE_SSL_CACERT_BADFILE) return {};
  if (cacert.empty())
    return "; the CUCM's certificate is not trusted here: give the CA that signed it (or the CUCM's "
           "tomcat certificate itself) with --cacert FILE";
  return "; --cacert " + cacert +
         " does not verify the CUCM's certificate: is it the CA that signed the "
         "tomcat certificate, in PEM?";
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  constexpr std::size_t cap = 256UL * 1024 * 1024; // a 1000-device RisPort answer is ~1 MB
  if (body->size() + size * count > cap) return 0;
  body->append(data, size * count);
  return size * count;
}

// libcurl's progress callback, called at least once a second during a transfer: a stop request
// ends the transfer (CURLE_ABORTED_BY_CALLBACK) instead of waiting out a 120 s timeout.
int check_stop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* endpoint = static_cast<const Endpoint*>(user);
  return endpoint->stop_requested && endpoint->stop_requested() ? 1 : 0;
}

} // namespace

std::string with_default_scheme(const std::string& cucm) {
  if (cucm.find("://") != std::string::npos) return cucm;
  std::string url = "https://" + cucm;
  const auto authority_end = url.find('/', 8);
  const std::string authority = url.substr(8, authority_end - 8);
  if (authority.find(':') == std::string::npos || authority.back() == ']')
    url.insert(authority_end == std::string::npos ? url.size() : authority_end, ":8443");
  return url;
}

std::string base_url(const std::string& cucm) {
  const std::string url = with_default_scheme(cucm);
  const auto path = url.find('/', url.find("://") + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

CurlTransport::CurlTransport(Endpoint endpoint)
    : endpoint_(std::move(endpoint)), redact_(endpoint_.user, endpoint_.password) {
  curl_.reset(curl_easy_init());
  if (!curl_) throw std::runtime_error("libcurl could not set up a transfer (out of memory?)");
  // What every request shares is set once: the handle is never reset, so it keeps its connection
  // and the in-memory cookie engine ("": no file read or written) keeps the CUCM's session cookie.
  // (Setting CURLOPT_COOKIEFILE again before each request leaks libcurl's list of cookie files.)
  util::EasyOptions o(curl_.get());
  o.set(CURLOPT_COOKIEFILE, "");
  o.set(CURLOPT_NOSIGNAL, 1L);
  o.set(CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
  o.set(CURLOPT_USERNAME, endpoint_.user.c_str());
  o.set(CURLOPT_PASSWORD, endpoint_.password.c_str());
  o.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(endpoint_.connect_timeout.count()));
  o.set(CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint_.timeout.count()));
  o.set(CURLOPT_WRITEFUNCTION, append_body);
  o.set(CURLOPT_ACCEPT_ENCODING, "");
  // Never follow redirects: the credentials must not travel to another host.
  o.set(CURLOPT_FOLLOWLOCATION, 0L);
  // Only the proxy asked for: "" makes libcurl ignore the environment's proxy variables.
  o.set(CURLOPT_PROXY, endpoint_.proxy.c_str());
  o.set(CURLOPT_NOPROGRESS, 0L);
  o.set(CURLOPT_XFERINFOFUNCTION, check_stop);
  o.set(CURLOPT_XFERINFODATA, &endpoint_);
  if (!endpoint_.cacert.empty()) o.set(CURLOPT_CAINFO, endpoint_.cacert.c_str());
  if (endpoint_.insecure) {
    o.set(CURLOPT_SSL_VERIFYPEER, 0L);
    o.set(CURLOPT_SSL_VERIFYHOST, 0L);
  }
  // A CA file or proxy libcurl refuses must not leave a handle that would ask the CUCM without it.
  if (o.result() != CURLE_OK)
    throw std::runtime_error(std::string("libcurl refused an option of the CUCM connection: ") +
                             curl_easy_strerror(o.result()));
}

tl::expected<HttpAnswer, std::string> CurlTransport::post(const std::string& path, const std::string& soap_action,
                                                          const std::string& body) {
  if (endpoint_.stop_requested && endpoint_.stop_requested()) return tl::make_unexpected(std::string("stopped"));
  CURL* c = curl_.get();
  const std::string url = base_url(endpoint_.base_url) + path;
  HttpAnswer answer;
  char error[CURL_ERROR_SIZE] = {};
  util::CurlSlist headers;
  if (!headers.append("Content-Type: text/xml; charset=utf-8") ||
      !headers.append(("SOAPAction: " + soap_action).c_str()) || !headers.append("Expect:"))
    return tl::make_unexpected(std::string("out of memory"));
  util::EasyOptions o(c);
  o.set(CURLOPT_URL, url.c_str());
  o.set(CURLOPT_ERRORBUFFER, error);
  o.set(CURLOPT_HTTPHEADER, headers.get());
  o.set(CURLOPT_POSTFIELDS, body.data());
  o.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  o.set(CURLOPT_WRITEDATA, &answer.body);
  const CURLcode code = o.result() == CURLE_OK ? curl_easy_perform(c) : o.result();
  // This request's buffers and headers end here: the kept handle must not point at them.
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, nullptr);
  if (code == CURLE_ABORTED_BY_CALLBACK) return tl::make_unexpected(std::string("stopped"));
  if (code != CURLE_OK) {
    std::string reason = error[0] != '\0' ? error : curl_easy_strerror(code);
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    reason += tls_hint(code, endpoint_.cacert);
    return tl::make_unexpected(redact_(url + ": " + reason));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  redact_.apply(answer.body);
  return answer;
}

} // namespace cucm
