#pragma once
// How SOAP requests reach the CUCM: one small interface (tests substitute a scripted fake) and
// its libcurl implementation. Requests are few and sequential (AXL pages, RisPort batches), so
// a blocking easy handle is enough; the scan's event loop is not involved. One CurlTransport per
// CUCM serves a whole command: its connection stays open between requests (one TLS handshake),
// and the session cookie the CUCM sets (Tomcat's JSESSIONID, doc/DOMAIN.md §6) is sent back, so that
// AXL and RisPort70 requests share one session instead of opening one each.
#include <chrono>
#include <functional>
#include <string>

#include <tl/expected.hpp>
#include <util/curl_handles.hpp>
#include <util/redact.hpp>

namespace cucm {

struct HttpAnswer {
  long status = 0;
  std::string body;
};

class Transport {
public:
  virtual ~Transport() = default;
  // POSTs a SOAP body to `path` (below the base URL). Error: a one-line transport reason
  // (connect, TLS, timeout, stopped); HTTP error statuses are answers, not errors. The answer's
  // body and the reason never hold the endpoint's password (util::Redactor): a server may echo it.
  virtual tl::expected<HttpAnswer, std::string> post(const std::string& path, const std::string& soap_action,
                                                     const std::string& body) = 0;
};

struct Endpoint {
  std::string base_url; // https://cucm.example.net:8443 (a path after the authority is ignored)
  std::string user;
  std::string password;
  std::string cacert;    // PEM file of the CA to trust; empty: the system's store
  bool insecure = false; // do not verify the certificate (only when asked)
  std::string proxy;     // proxy URL; empty: none, and http_proxy / https_proxy / ALL_PROXY in the
                         // environment are ignored (they would carry the credentials elsewhere)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};
  // Asked while a request is under way (about once a second, and before it starts): true ends
  // it at once with an error ("stopped"). Empty: never.
  std::function<bool()> stop_requested;
};

// A CUCM URL as given, or, without a scheme, https:// in front and port 8443 when it names none
// ("cucm.example.net" -> "https://cucm.example.net:8443"; "cucm:8444/x" -> "https://cucm:8444/x").
// The CUCM serves AXL, RisPort70 and the secured authentication service on 8443 (doc/DOMAIN.md §3).
std::string with_default_scheme(const std::string& cucm);

// "https://host:port" of a --cucm value ("https://cucm:8443/ccmcip/authenticate.jsp" ->
// "https://cucm:8443"); a value without a scheme gets https:// and port 8443.
std::string base_url(const std::string& cucm);

class CurlTransport final : public Transport {
public:
  // Throws std::runtime_error when no libcurl handle can be had. libcurl must have been
  // initialised (util::NetLibraries in main).
  explicit CurlTransport(Endpoint endpoint);
  ~CurlTransport() override = default;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  tl::expected<HttpAnswer, std::string> post(const std::string& path, const std::string& soap_action,
                                             const std::string& body) override;

private:
  Endpoint endpoint_;
  util::Redactor redact_;
  util::EasyHandle curl_; // reused for every request: keeps its connection alive
};

} // namespace cucm
