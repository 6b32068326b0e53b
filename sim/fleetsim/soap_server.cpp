#include <sim/fleetsim/soap_server.hpp>

#include <sim/fleetsim/http_text.hpp>

#include <microhttpd.h>

#include <cstring>
#include <map>
#include <stdexcept>

namespace fleetsim {
namespace {

constexpr std::size_t max_soap_body = 8UL * 1024 * 1024;

struct SoapRequest {
  std::string body;
};

MHD_Result reply(MHD_Connection* c, unsigned status, const std::string& body, const std::string& type,
                 const std::string& set_cookie = {}) {
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (r == nullptr) return MHD_NO;
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type.c_str());
  if (!set_cookie.empty()) MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, set_cookie.c_str());
  if (status == MHD_HTTP_UNAUTHORIZED)
    MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Basic realm=\"Cisco AXL\"");
  const MHD_Result result = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return result;
}

} // namespace

struct SoapServer::Impl {
  SoapService& service;
  const Estate& estate;
  CredentialPolicy* policy;
  MHD_Daemon* daemon = nullptr;
  std::string cert; // libmicrohttpd keeps pointers to these until the daemon stops
  std::string key;
};

namespace {

MHD_Result collect_field(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<std::map<std::string, std::string>*>(cls)->emplace(key, value != nullptr ? value : "");
  return MHD_YES;
}

// The secured authentication service, as the CUCM serves it on 8443 beside AXL (doc/DOMAIN.md §3):
// the same form and answers as the phone-facing one, and the same credential policy.
MHD_Result authenticate(SoapServer::Impl& impl, MHD_Connection* c, const std::string& body) {
  std::map<std::string, std::string> fields = parse_form(body);
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_field, &fields);
  const auto field = [&](const char* name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string{} : it->second;
  };
  const CucmVerdict verdict =
      impl.policy != nullptr ? impl.policy->authenticate(field("UserID"), field("Password"), field("devicename"))
                             : authorize(impl.estate.cucm, field("UserID"), field("Password"), field("devicename"));
  return reply(c, MHD_HTTP_OK, std::string(to_body(verdict)), "text/plain");
}

MHD_Result on_soap(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                   const char* upload_data, std::size_t* upload_size, void** req_cls) {
  auto& impl = *static_cast<SoapServer::Impl*>(cls);
  auto* request = static_cast<SoapRequest*>(*req_cls);
  if (request == nullptr) {
    *req_cls = new SoapRequest;
    return MHD_YES;
  }
  if (*upload_size != 0) {
    if (request->body.size() + *upload_size > max_soap_body) return MHD_NO;
    request->body.append(upload_data, *upload_size);
    *upload_size = 0;
    return MHD_YES;
  }
  if (std::strcmp(url, "/stats") == 0) return reply(c, MHD_HTTP_OK, impl.service.stats_json(), "application/json");
  if (std::strcmp(url, "/ccmcip/authenticate.jsp") == 0) return authenticate(impl, c, request->body);
  if (std::strcmp(method, "POST") != 0)
    return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "<html><body>405 Method Not Allowed</body></html>", "text/html");
  std::optional<Credentials> credentials;
  if (const char* header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION))
    credentials = parse_basic_auth(header);
  // The connection's first SOAP request: one more connection (over HTTPS, one more handshake).
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  if (auto* counted = info != nullptr ? static_cast<bool*>(info->socket_context) : nullptr; counted && !*counted) {
    *counted = true;
    impl.service.count_connection();
  }
  const char* cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
  const SoapReply answer = impl.service.handle(url, request->body, credentials, SoapService::Clock::now());
  const bool answered = answer.status != MHD_HTTP_UNAUTHORIZED && answer.status != MHD_HTTP_NOT_FOUND;
  return reply(c, answer.status, answer.body, answer.content_type,
               answered ? impl.service.session(cookie != nullptr ? cookie : "") : std::string());
}

// Each connection gets a flag: whether it has carried a SOAP request yet.
void on_connection(void*, MHD_Connection*, void** socket_context, MHD_ConnectionNotificationCode code) {
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    *socket_context = new bool(false);
  } else {
    delete static_cast<bool*>(*socket_context);
    *socket_context = nullptr;
  }
}

void on_completed(void*, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  delete static_cast<SoapRequest*>(*req_cls);
  *req_cls = nullptr;
}

} // namespace

bool soap_tls_supported() { return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES; }

SoapServer::SoapServer(const Estate& estate, SoapServerConfig config)
    : tls_(!config.cert_pem.empty() || !config.key_pem.empty()),
      service_(std::make_unique<SoapService>(estate, config.limits, config.policy, config.account)),
      impl_(std::make_unique<Impl>(
          Impl{*service_, estate, config.policy, nullptr, std::move(config.cert_pem), std::move(config.key_pem)})) {
  if (tls_ && !soap_tls_supported())
    throw std::runtime_error("this libmicrohttpd has no TLS support; serve SOAP without --tls-cert");
  if (tls_ && (impl_->cert.empty() || impl_->key.empty()))
    throw std::runtime_error("HTTPS needs both a certificate and a key");
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (tls_) flags |= MHD_USE_TLS;
  // One polling thread: SOAP requests are few, and the service serialises on its mutex anyway.
  impl_->daemon = tls_ ? MHD_start_daemon(flags, 0, nullptr, nullptr, on_soap, impl_.get(), MHD_OPTION_LISTEN_SOCKET,
                                          config.listen_fd, MHD_OPTION_HTTPS_MEM_CERT, impl_->cert.c_str(),
                                          MHD_OPTION_HTTPS_MEM_KEY, impl_->key.c_str(), MHD_OPTION_CONNECTION_TIMEOUT,
                                          60U, MHD_OPTION_NOTIFY_COMPLETED, on_completed, nullptr,
                                          MHD_OPTION_NOTIFY_CONNECTION, on_connection, nullptr, MHD_OPTION_END)
                       : MHD_start_daemon(flags, 0, nullptr, nullptr, on_soap, impl_.get(), MHD_OPTION_LISTEN_SOCKET,
                                          config.listen_fd, MHD_OPTION_CONNECTION_TIMEOUT, 60U,
                                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, nullptr,
                                          MHD_OPTION_NOTIFY_CONNECTION, on_connection, nullptr, MHD_OPTION_END);
  if (impl_->daemon == nullptr)
    throw std::runtime_error(tls_ ? "libmicrohttpd failed to start the HTTPS SOAP daemon (bad certificate or key?)"
                                  : "libmicrohttpd failed to start the SOAP daemon");
}

SoapServer::~SoapServer() { stop(); }

void SoapServer::stop() {
  if (impl_ && impl_->daemon != nullptr) {
    MHD_stop_daemon(impl_->daemon);
    impl_->daemon = nullptr;
  }
}

} // namespace fleetsim
