#pragma once
// The simulated estate as data: every phone (identity, address, scenario, configuration), the
// CUCM's view of the application user, and what a phone answers to a screenshot request.
// Pure and deterministic: the same options give the same estate. No I/O.
#include <sim/fleetsim/catalog.hpp>
#include <sim/fleetsim/locale.hpp>
#include <sim/fleetsim/mix.hpp>
#include <sim/fleetsim/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fleetsim {

// ---- Addressing: phone i listens on the i-th address of 127.16.0.0 and up, skipping host
// parts .0 and .255 (127.16.0.1 .. 127.16.0.254, 127.16.1.1, ...).
inline constexpr std::size_t max_phones = 254UL * 256UL * 200UL; // stays inside 127/8

// IPv4 address in host byte order. Precondition: index < max_phones.
std::uint32_t phone_address(std::size_t index);
// The phone index served at `address` (host byte order); std::nullopt outside the range.
std::optional<std::size_t> phone_index(std::uint32_t address);
std::string ipv4_text(std::uint32_t address);
// Parses a dotted quad (host byte order); std::nullopt when it is not one.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);

// "phone0042.sim.test": the host name of phone index 41 (numbers start at 1).
std::string phone_host_name(std::size_t index);
inline constexpr std::string_view cucm_host = "cucm.sim.test";
inline constexpr std::string_view stale_cucm_host = "cucm-old.sim.test"; // never in the hosts file
inline constexpr std::string_view good_auth_url = "http://cucm.sim.test:8080/ccmcip/authenticate.jsp";
inline constexpr std::string_view stale_auth_url = "http://cucm-old.sim.test:8080/ccmcip/authenticate.jsp";
inline constexpr std::string_view informacast_auth_url = "http://cucm.sim.test:8080/InformaCast/auth";

enum class CredentialMode { good, bad_password };
std::optional<CredentialMode> parse_credential_mode(std::string_view text); // "good", "bad-password"

// What the phone's status page shows about its trust list.
enum class TrustShown { installed, update_failed, not_installed };

struct Phone {
  std::size_t index = 0;
  Scenario scenario = Scenario::healthy;
  const ModelInfo* model = nullptr;
  const Firmware* firmware = nullptr;
  std::string mac;         // 12 upper-case hex digits
  std::string device_name; // "SEP" + mac
  std::string serial;      // "FCH1811EJHJ": three letters, year and week, four more (the real shape)
  std::string directory_number;
  std::string site;
  std::string description;
  std::uint32_t address = 0;     // where it listens (host byte order)
  std::string inventory_address; // as inventory.csv and truth.csv write it ("https://…" for
                                 // the phones asked over HTTPS: speaks_https())
  std::string host_name;         // by_name / dns_unresolved / ipv6_by_name: its name; else empty
  bool ipv6 = false;             // served on [::1] (EstateOptions::ipv6): see ipv6_literal
  std::string auth_url;          // shown on its network setup page
  TrustShown trust = TrustShown::installed;
  unsigned variant = 0;              // picks wording variants of its pages
  Locale locale = Locale::en;        // the language of its pages' labels and menu texts
  bool inventory_names_model = true; // false: inventory.csv leaves its model blank (the scanner
                                     // must learn it from the phone's pages)
  // Its status messages hold no trust-list line (older messages rolled off): only its network
  // setup page's ITL file line tells whether an ITL is installed.
  bool trust_line_rolled_off = false;
  // The CUCM's view (AXL, RisPort70): device pool = site; an unreachable phone is UnRegistered
  // (RisPort keeps its last address); a silent phone is registered with Httpd No (Web Access
  // disabled answers nothing, doc/DOMAIN.md §1). Every other phone is registered with Httpd Yes.
  std::string device_pool;
  bool registered = true;
  bool httpd = true;
};

// An access control group of a CUCM user and the roles it grants (AXL associatedGroups).
struct UserGroup {
  std::string name;
  std::vector<std::string> roles;
};

// The CUCM authentication service's model of the one application user.
struct Cucm {
  std::string user;
  std::string password;                       // the real one (rotated in bad-password mode)
  std::unordered_set<std::string> controlled; // device names associated with the user
  std::vector<UserGroup> groups;              // AXL getAppUser; see EstateOptions::cti_roles
  bool end_user = false;                      // an end user (AXL getUser / updateUser), not an
                                              // application user (getAppUser / updateAppUser)
};

// The groups of the application user: "Standard AXL API Access" always, plus the three
// "Standard CTI ..." groups remote-control vendors list when `cti_roles`.
std::vector<UserGroup> user_groups(bool cti_roles);

enum class CucmVerdict { authorized, unauthorized, error };
std::string_view to_body(CucmVerdict verdict); // "AUTHORIZED", "UN-AUTHORIZED", "ERROR"

// ERROR when a field is empty; AUTHORIZED iff user and password match and the device is
// controlled by the user.
CucmVerdict authorize(const Cucm& cucm, std::string_view user, std::string_view password, std::string_view device_name);

struct EstateOptions {
  MixCounts counts{};
  std::uint64_t seed = 1;
  std::uint16_t port = 0;        // phones' shared HTTP port
  std::uint16_t closed_port = 0; // a port nothing listens on (unreachable phones)
  std::uint16_t raw_port = 0;    // the raw hostile server (endless_headers, tls_stall,
                                 // tls_broken); 0: `port`
  std::uint16_t https_port = 0;  // the HTTPS phone server (https_phone); 0: `port`
  std::string user = "phonesweep-app";
  std::string password = "sim-secret-Pa55"; // the one the scanner is given
  CredentialMode credentials = CredentialMode::good;
  bool cti_roles = true; // false: the user lacks the CTI groups (missing_roles)
  bool end_user = false; // the user is an end user (Cucm::end_user)
  // IPv6 (fleetsim --ipv6): the first not_associated phone is inventoried as `[::1]:port` and
  // the first healthy one by a name whose only record is AAAA ::1 (hosts: `::1 phoneNNNN…`).
  // Both are served on [::1]:port and told apart by the Host header. Needs those scenarios.
  bool ipv6 = false;
};

// The loopback IPv6 address the ipv6 phones answer on.
inline constexpr std::string_view ipv6_loopback = "::1";

struct Estate {
  EstateOptions options;
  std::vector<Phone> phones;
  Cucm cucm;
  // phoneNNNN.sim.test -> index; with EstateOptions::ipv6 also "[::1]:port" and "[::1]" (the
  // Host header a client sends to the phone inventoried as an IPv6 literal).
  std::unordered_map<std::string, std::size_t> by_host_name;

  const Phone* find_by_address(std::uint32_t address) const;
  const Phone* find_by_host(std::string_view host) const; // "127.16.0.3[:port]" or a name
};

// Throws std::invalid_argument when the counts exceed max_phones or are all zero.
Estate build_estate(const EstateOptions& options);

// Served by the raw hostile server (raw_server.hpp) on EstateOptions::raw_port rather than by
// libmicrohttpd: behaviours an HTTP library cannot produce.
bool served_raw(Scenario scenario);

// Inventoried as an HTTPS phone ("https://address:port"): https_phone (served by the HTTPS phone
// daemon on EstateOptions::https_port), tls_stall and tls_broken (raw).
bool speaks_https(Scenario scenario);

// Where redirect_away sends its screenshot: a loopback address that is no phone's and not the
// CUCM's, on the phones' port. A scanner that follows it (or sends credentials there) shows in
// the phone server's stats (foreign_requests, foreign_authorization).
inline constexpr std::uint32_t redirect_trap_address = 0x7F0F0001; // 127.15.0.1

// Whether the family's network setup page shows the CTL/ITL file lines (as its real page does).
bool network_page_shows_itl(Family family);

// What the phone shows on its status page for a scenario.
TrustShown trust_shown(Scenario scenario);

// The models the first phones of every default scenario get (but unsupported_model and
// not_found, which need a kind of model), one each in this order (then the
// catalog's shares decide): every page family the scanner must get right, each meeting every
// scenario an estate is large enough for. `inventory_names_model` false leaves the inventory's
// model blank, so the phone's own pages must name it.
struct CoverageSlot {
  std::string_view model;
  Family family;
  bool inventory_names_model;
};
std::span<const CoverageSlot> coverage_slots();

// ---- The phone's answer to GET /CGI/Screenshot.
enum class ScreenshotReply {
  image,
  error_4, // 200, <CiscoIPPhoneError Number="4" />
  error_1,
  error_3,
  ask_credentials, // 401 with WWW-Authenticate: Basic (no Authorization header)
  not_found,       // 404
  server_error,    // 500
  truncated,
  garbage,
  reset,
  drip,
  silent,
  refuse,          // close without answering (unreachable phones reached by chance)
  huge_image,      // 200, a 64 MiB image (huge_image_body()), chunked
  redirect_loop,   // 302 to the screenshot path itself
  redirect_away,   // 302 to http://127.15.0.1:PORT/CGI/Screenshot (redirect_trap_address)
  gzip_bomb,       // 200, Content-Encoding: gzip, gzip_bomb_body()
  endless_headers, // header lines that never end (only the raw server can send this)
};

struct Credentials {
  std::string user;
  std::string password;
};

// How a phone's login reaches the CUCM: authorize() in the pure model, the credential policy
// (credential_policy.hpp, which counts failed logons) in the server.
using AskCucm =
    std::function<CucmVerdict(std::string_view user, std::string_view password, std::string_view device_name)>;

// Transport faults and missing services win whatever the credentials; then a request without
// credentials is asked for them; then the phone needs its own trust list and a working
// authentication URL to reach the CUCM at all (without them it answers Error 4 and the CUCM
// hears nothing), and finally asks the CUCM (`ask`) for its own device name.
ScreenshotReply screenshot_reply(const Phone& phone, const std::optional<Credentials>& credentials, const AskCucm& ask);
// The same with the pure model: the CUCM answers authorize(cucm, …).
ScreenshotReply screenshot_reply(const Phone& phone, const Cucm& cucm, const std::optional<Credentials>& credentials);

} // namespace fleetsim
