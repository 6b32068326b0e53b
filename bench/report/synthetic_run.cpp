#include <bench/report/synthetic_run.hpp>

#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>

namespace bench {
namespace {

using diagnosis::CucmAuth;
using diagnosis::ItlState;
using diagnosis::RootCause;

constexpr std::array<std::string_view, 20> cities{"ZRH", "GVA", "BSL", "BER", "LON", "NYC", "PAR", "FRA", "MUC", "VIE",
                                                  "MIL", "MAD", "AMS", "BRU", "DUB", "CPH", "OSL", "STO", "HEL", "WAW"};

struct Model {
  std::string_view name;
  std::string_view firmware[2]; // current, one release behind
  int weight;                   // per mille
  bool screenshot;
};

constexpr std::array<Model, 9> models{{
    {"CP-8841", {"sip88xx.14-2-1-0001-14", "sip88xx.12-8-1-0001-455"}, 330, true},
    {"CP-8851", {"sip88xx.14-2-1-0001-14", "sip88xx.12-8-1-0001-455"}, 150, true},
    {"CP-8865", {"sip8845_65.14-2-1-0001-14", "sip8845_65.12-8-1-0001-455"}, 80, true},
    {"CP-8845", {"sip8845_65.14-2-1-0001-14", "sip8845_65.12-8-1-0001-455"}, 50, true},
    {"CP-7841", {"sip78xx.14-2-1-0001-14", "sip78xx.12-0-1-0001-201"}, 200, true},
    {"CP-7821", {"sip78xx.14-2-1-0001-14", "sip78xx.12-0-1-0001-201"}, 100, true},
    {"CP-8832", {"sip8832.14-2-1-0001-14", "sip8832.12-8-1-0001-455"}, 40, true},
    {"CP-6901", {"SIP6901.9-3-1-SR3-1", "SIP6901.9-3-1-SR2-1"}, 30, false},
    {"ATA191", {"ATA191.12-0-1-0001-10", "ATA191.11-2-1-0001-12"}, 20, false},
}};

// Background failure mix, per 10,000 phones of screenshot-capable models (the rest are ok).
struct Weighted {
  RootCause cause;
  int weight;
};
constexpr std::array<Weighted, 13> background{{
    {RootCause::not_associated, 650},
    {RootCause::unreachable, 420},
    {RootCause::itl_trust, 300},
    {RootCause::unregistered, 260},
    {RootCause::timeout, 170},
    {RootCause::web_disabled, 150},
    {RootCause::auth_failed, 60},
    {RootCause::dns_unresolved, 40},
    {RootCause::bad_response, 35},
    {RootCause::phone_error, 30},
    {RootCause::tls_error, 20},
    {RootCause::http_error, 15},
    {RootCause::missing_roles, 0},
}};

std::string site_of(std::uint64_t h) {
  // Skewed: low site numbers (headquarters) are much bigger than branch offices.
  const auto city = cities[h % cities.size()];
  const auto branch = 1 + static_cast<int>((h / 20 % 64) * (h / 20 % 64) / 512); // 1..8
  return std::string(city) + "-" + std::to_string(branch);
}

const Model& model_of(std::uint64_t h) {
  auto pick = static_cast<int>(h % 1000);
  for (const auto& m : models) {
    if (pick < m.weight) return m;
    pick -= m.weight;
  }
  return models.front();
}

std::uint64_t mix(std::uint64_t x) { // splitmix64: a stable hash of the phone number
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

RootCause background_cause(std::uint64_t h) {
  auto pick = static_cast<int>(h % 10'000);
  for (const auto& w : background) {
    if (pick < w.weight) return w.cause;
    pick -= w.weight;
  }
  return RootCause::ok;
}

void fill(storage::PhoneRecord& r, RootCause cause, const std::string& auth_host) {
  auto& e = r.evidence;
  auto& detail = r.outcome.detail;
  r.outcome.cause = cause;
  e.any_answer = true;
  e.device_info_read = true;
  e.itl = ItlState::ok;
  e.itl_detail = "ITL installed";
  e.auth_url = "http://" + auth_host + ":8080/ccmcip/authenticate.jsp";
  switch (cause) {
  case RootCause::ok:
    e.screenshot = diagnosis::ScreenshotAnswer::image;
    e.screenshot_http_status = 200;
    e.image_format = "png";
    detail = "screenshot returned an image";
    break;
  case RootCause::not_associated:
    e.screenshot = diagnosis::ScreenshotAnswer::phone_error;
    e.phone_error = 4;
    e.cucm = CucmAuth::unauthorized;
    detail = "CiscoIPPhoneError 4; the CUCM answered UN-AUTHORIZED for this phone while the "
             "credentials work on other phones";
    break;
  case RootCause::itl_trust:
    e.screenshot = diagnosis::ScreenshotAnswer::phone_error;
    e.phone_error = 4;
    e.cucm = CucmAuth::authorized;
    e.itl = ItlState::trust_failed;
    e.itl_detail = "ITL update failed";
    detail = "Error 4 with CUCM AUTHORIZED; status page: \"Trust List update failed\"";
    break;
  case RootCause::auth_url_dns:
    e.screenshot = diagnosis::ScreenshotAnswer::phone_error;
    e.phone_error = 4;
    e.cucm = CucmAuth::authorized;
    e.auth_url_lookup = diagnosis::NameLookup::unresolved;
    detail = "Error 4 with CUCM AUTHORIZED; the authentication URL host " + auth_host + " does not resolve";
    break;
  case RootCause::auth_failed:
    e.screenshot = diagnosis::ScreenshotAnswer::phone_error;
    e.phone_error = 4;
    e.cucm = CucmAuth::authorized;
    detail = "Error 4 with CUCM AUTHORIZED and no ITL or DNS problem on the phone";
    break;
  case RootCause::unreachable:
    e.any_answer = false;
    e.device_info_read = false;
    e.itl = ItlState::unknown;
    e.transport = diagnosis::TransferStatus::connect_timeout;
    detail = "connect timed out after 3000 ms";
    break;
  case RootCause::unregistered:
    e.any_answer = false;
    e.device_info_read = false;
    e.itl = ItlState::unknown;
    e.transport = diagnosis::TransferStatus::connect_timeout;
    detail = "RisPort: UnRegistered since 2024-04-28T22:14:03Z; the phone does not answer";
    break;
  case RootCause::web_disabled:
    e.any_answer = false;
    e.device_info_read = false;
    e.itl = ItlState::unknown;
    e.transport = diagnosis::TransferStatus::connect_failed;
    detail = "RisPort: Httpd disabled; connection refused on port 80";
    break;
  case RootCause::timeout:
    e.transport = diagnosis::TransferStatus::timed_out;
    e.screenshot = diagnosis::ScreenshotAnswer::no_answer;
    detail = "connected, but no complete answer within 5000 ms";
    break;
  case RootCause::dns_unresolved:
    e.any_answer = false;
    e.device_info_read = false;
    e.itl = ItlState::unknown;
    e.target_lookup = diagnosis::NameLookup::unresolved;
    detail = "host name does not resolve: NXDOMAIN";
    break;
  case RootCause::phone_error:
    e.screenshot = diagnosis::ScreenshotAnswer::phone_error;
    e.phone_error = 6;
    detail = "CiscoIPPhoneError 6";
    break;
  case RootCause::unsupported:
    e.model_without_screenshot = true;
    e.itl = ItlState::unknown;
    detail = "this model has no screenshot service";
    break;
  case RootCause::http_error:
    e.screenshot = diagnosis::ScreenshotAnswer::http_status;
    e.screenshot_http_status = 500;
    detail = "HTTP 500 from /CGI/Screenshot";
    break;
  case RootCause::bad_response:
    e.screenshot = diagnosis::ScreenshotAnswer::malformed;
    detail = "connection closed after 1,214 of 3,840 body bytes";
    break;
  case RootCause::tls_error:
    e.transport = diagnosis::TransferStatus::tls_failed;
    e.any_answer = false;
    detail = "TLS handshake failed: certificate verify failed";
    break;
  default: detail = "synthetic"; break;
  }
}

} // namespace

std::vector<storage::PhoneRecord> synthetic_run(const SyntheticOptions& options) {
  std::vector<storage::PhoneRecord> records;
  records.reserve(static_cast<std::size_t>(options.phones));
  std::mt19937_64 churn_rng(options.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < options.phones; ++i) {
    const auto n = static_cast<std::uint64_t>(i);
    const std::uint64_t h = mix(n);
    storage::PhoneRecord r;
    r.target.host = "10." + std::to_string(16 + i / 65536 % 200) + "." + std::to_string(i / 256 % 256) + "." +
                    std::to_string(i % 256);
    char mac[13];
    std::snprintf(mac, sizeof mac, "00%02X%02X%06X", static_cast<unsigned>(h >> 56),
                  static_cast<unsigned>(h >> 48 & 0xff), static_cast<unsigned>(i) & 0xffffffU);
    r.target.device_name = std::string("SEP") + mac;
    r.target.site = site_of(h >> 8);
    const Model& model = model_of(h >> 24);
    r.target.model = std::string(model.name);
    r.target.description = r.target.site + " ext. " + std::to_string(4000 + i % 6000);
    r.evidence.device.model = r.target.model;
    r.evidence.device.firmware = std::string(model.firmware[(h >> 40) % 5 == 0 ? 1 : 0]);
    r.evidence.device.serial = "FCH" + std::to_string(2000000 + i);
    r.evidence.device.host_name = r.target.device_name;
    r.evidence.device.mac = mac;

    RootCause cause = RootCause::ok;
    const std::string& site = r.target.site;
    std::string auth_host = "cucm-pub.voice.example.net";
    if (!model.screenshot) {
      cause = RootCause::unsupported;
    } else if (site == "LON-2") {
      cause = RootCause::auth_url_dns; // a stale authentication URL in the site's device pool
      auth_host = "cucm-lon-old.voice.example.net";
    } else if (site == "FRA-3" && (h >> 44) % 10 < 7) {
      cause = RootCause::itl_trust; // an ITL rollout that went wrong at one site
    } else {
      cause = background_cause(h >> 12);
    }
    if (options.churn > 0 && unit(churn_rng) < options.churn)
      cause = unit(churn_rng) < 0.6 ? RootCause::ok : background_cause(churn_rng());
    if (!model.screenshot) cause = RootCause::unsupported;
    fill(r, cause, auth_host);
    r.checked_at = "2024-05-01T02:" + std::to_string(10 + i / 6000 % 50) + ":00Z";
    r.elapsed_ms = 40.0 + static_cast<double>(h % 900);
    records.push_back(std::move(r));
  }
  return records;
}

} // namespace bench
