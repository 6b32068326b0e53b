#pragma once
// The simulated CUCM's SOAP endpoint (AXL at /axl/, RisPort70 at
// /realtimeservice2/services/RISService70, GET /stats) and, beside them as on a real CUCM's 8443,
// the secured authentication service (/ccmcip/authenticate.jsp): one libmicrohttpd daemon on its
// own port, HTTPS when given a certificate and key (PEM, held in memory), plain HTTP otherwise.
#include <sim/fleetsim/soap_service.hpp>

#include <memory>
#include <string>

namespace fleetsim {

struct SoapServerConfig {
  int listen_fd = -1;   // bound and listening; libmicrohttpd closes it on stop()
  std::string cert_pem; // both empty: plain HTTP
  std::string key_pem;
  SoapLimits limits;
  CredentialPolicy* policy = nullptr; // counts the logons (soap_service.hpp); outlives the server
  UserAccount* account = nullptr;     // the user's live devices and groups (soap_service.hpp)
};

// Whether this libmicrohttpd was built with TLS (gnutls).
bool soap_tls_supported();

class SoapServer {
public:
  // Throws std::runtime_error when TLS is asked for but unsupported, or the daemon does not start.
  SoapServer(const Estate& estate, SoapServerConfig config);
  ~SoapServer();
  SoapServer(const SoapServer&) = delete;
  SoapServer& operator=(const SoapServer&) = delete;

  void stop();
  [[nodiscard]] bool tls() const { return tls_; }
  [[nodiscard]] const SoapService& service() const { return *service_; }

  struct Impl;

private:
  bool tls_ = false;
  std::unique_ptr<SoapService> service_;
  std::unique_ptr<Impl> impl_;
};

} // namespace fleetsim
