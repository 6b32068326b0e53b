#pragma once
// The simulated CUCM's SOAP APIs, answering from the modelled estate: AXL (listPhone with
// skip/first paging, getAppUser / getUser, updateAppUser / updateUser on the live UserAccount)
// and RisPort70 (selectCmDeviceExt by name, at most
// `risport_max_items` names, at most `risport_requests` per `risport_window` cluster-wide, with
// the real Server.RateControl fault text). Shapes follow doc/DOMAIN.md §6; parsing of requests is
// namespace-blind like the real Axis stack. Pure apart from a mutex: time is passed in, no I/O.
// Written independently of cucm/ (the client it checks).
#include <sim/fleetsim/credential_policy.hpp>
#include <sim/fleetsim/estate.hpp>
#include <sim/fleetsim/user_account.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pugi {
class xml_node;
}

namespace fleetsim {

struct SoapLimits {
  unsigned risport_requests = 15; // Allowed Device Queries Per Minute
  std::chrono::milliseconds risport_window{60'000};
  std::size_t risport_max_items = 1000;
  std::size_t axl_max_rows = 50'000; // listPhone rows in one answer
};

struct SoapReply {
  unsigned status = 200;
  std::string body;
  std::string content_type = "text/xml; charset=utf-8";
};

struct SoapCounters {
  std::uint64_t axl_requests = 0;
  std::uint64_t risport_requests = 0; // every RisPort request, throttled or not
  std::uint64_t risport_rate_faults = 0;
  std::uint64_t risport_by_address = 0;    // accepted requests that select by IPV4Address
  std::uint64_t risport_max_items = 0;     // most names asked for in one accepted request
  std::uint64_t risport_max_in_window = 0; // most accepted requests seen inside one window
  std::uint64_t unauthorized = 0;
  std::uint64_t axl_updates = 0; // accepted updateAppUser / updateUser requests
  // What the client's connection handling costs the CUCM: TCP connections (each a TLS handshake
  // over HTTPS) that carried AXL or RisPort requests, Tomcat sessions started, and requests that
  // came with a session the service had started (the JSESSIONID cookie sent back).
  std::uint64_t soap_connections = 0;
  std::uint64_t sessions_started = 0;
  std::uint64_t requests_in_session = 0;
};

// "Cisco 8841", "Cisco 7965", "Cisco ATA 187", "Cisco DX80": the product name AXL reports for a
// catalog model ("CP-8841", "CP-7965G", "ATA-187", "DX80").
std::string axl_model_name(std::string_view catalog_model);

class SoapService {
public:
  using Clock = std::chrono::steady_clock;

  // With a `policy` (which must outlive the service), every request's credentials are a logon
  // that it counts (a wrong password for the user is a failed logon, a locked account is refused);
  // without one they are compared with the estate's user and password. AXL reads and updates the
  // user's devices and groups in `account` (shared with the policy and the phones, and outliving
  // the service); without one the service keeps its own, started from the estate.
  SoapService(const Estate& estate, SoapLimits limits, CredentialPolicy* policy = nullptr,
              UserAccount* account = nullptr);

  [[nodiscard]] const UserAccount& account() const { return *account_; }

  // One POST to `path` ("/axl/" or "/realtimeservice2/services/RISService70"). Wrong or missing
  // credentials (not the CUCM user's real password, or a locked account): 401 with Tomcat's HTML
  // page, as the real one answers before any SOAP is read. Unknown path: 404.
  SoapReply handle(std::string_view path, std::string_view body, const std::optional<Credentials>& credentials,
                   Clock::time_point now);

  // The Tomcat session of an answered request (not a 401 or 404), from its Cookie header: the
  // JSESSIONID the service issued continues its session (returns ""); without one a session
  // starts and the returned Set-Cookie value carries its JSESSIONID, as Tomcat does under AXL
  // (AXL sessions are Tomcat sessions, 30 minutes idle; cited: Cisco community thread "Max # of
  // active AXL sessions supported?", a Cisco employee's answer).
  std::string session(std::string_view cookie_header);

  // A new connection carried its first AXL or RisPort request (SoapServer counts them).
  void count_connection();

  SoapCounters counters() const;
  std::string stats_json() const;

private:
  SoapReply axl(std::string_view body);
  SoapReply axl_user(std::string_view op, const pugi::xml_node& operation, const std::string& ns);
  std::string user_element(std::string_view op, const pugi::xml_node& operation, const std::string& userid,
                           const std::string& uuid) const;
  SoapReply risport(std::string_view body, Clock::time_point now);

  bool accepts(const std::optional<Credentials>& credentials);

  const Estate& estate_;
  SoapLimits limits_;
  CredentialPolicy* policy_;
  std::unique_ptr<UserAccount> own_account_;
  UserAccount* account_;
  std::unordered_map<std::string, std::size_t> by_name_;
  mutable std::mutex mutex_;
  std::deque<Clock::time_point> risport_recent_;
  std::unordered_set<std::string> sessions_;
  SoapCounters counters_;
};

} // namespace fleetsim
