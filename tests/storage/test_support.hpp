#pragma once
// Shared by tests/storage and tests/report: a scratch directory and sample phone records.
#include <storage/record.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace test_support {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "phonesweep-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
  std::filesystem::path path_;
};

// A plain record for phone number `i` (distinct addresses), with the given cause.
inline storage::PhoneRecord sample_record(int i, diagnosis::RootCause cause = diagnosis::RootCause::ok,
                                          std::string site = "HQ") {
  storage::PhoneRecord record;
  record.target.host =
      "10." + std::to_string(i / 65536 % 256) + "." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256);
  record.target.device_name = "SEP" + std::to_string(100000000000 + i);
  record.target.model = "CP-8841";
  record.target.site = std::move(site);
  record.evidence.any_answer = true;
  record.evidence.screenshot = diagnosis::ScreenshotAnswer::image;
  record.evidence.image_format = "png";
  record.outcome.cause = cause;
  record.outcome.detail = "screenshot returned an image";
  record.checked_at = "2024-05-01T06:30:00Z";
  record.elapsed_ms = 12.5;
  return record;
}

// A record where every field differs from its default and every text holds non-ASCII, quotes,
// separators and line breaks.
inline storage::PhoneRecord awkward_record() {
  storage::PhoneRecord r;
  r.target.host = "2001:db8::17";
  r.target.port = 8443;
  r.target.device_name = "SEPAABBCCDDEEFF";
  r.target.model = "CP-8865 \"video\"";
  r.target.site = "Zürich, Bahnhofstraße 1";
  r.target.description = "Réception; l'accueil \"front\"\r\nline 2, 東京 🙂 'quoted' \\back\\ \t tab";
  r.target.from_range = true;
  r.target.extra = {{"room", "B-12, \"north\""},
                    {"owner", "Zoë O'Brien"},
                    {"room", "second\nvalue"},
                    {"ctl", std::string("a\x01"
                                        "b",
                                        3)}};
  r.evidence.target_lookup = diagnosis::NameLookup::resolved;
  r.evidence.lookup_detail = "resolved to 2001:db8::17 «ok»";
  r.evidence.transport = diagnosis::TransferStatus::connect_timeout;
  r.evidence.transport_detail = "Connection timed out after 5000 ms; \"curl\" said so";
  r.evidence.any_answer = true;
  r.evidence.device_info_read = true;
  r.evidence.device = {"CP-8865", "sip88xx.14-2-1-0001-14", "FCH1234ABCD", "SEPAABBCCDDEEFF", "AABBCCDDEEFF"};
  r.evidence.model_source = "/CGI/Java/Serviceability?adapter=device.statistics.device «é»";
  r.evidence.model_without_screenshot = true;
  r.evidence.screenshot = diagnosis::ScreenshotAnswer::phone_error;
  r.evidence.screenshot_http_status = 401;
  r.evidence.phone_error = 4;
  r.evidence.image_format = "bmp";
  r.evidence.screenshot_detail = "<CiscoIPPhoneError Number=\"4\"/>";
  r.evidence.itl = diagnosis::ItlState::trust_failed;
  r.evidence.itl_detail = "14:02:11 ITL-Datei: Überprüfung fehlgeschlagen";
  r.evidence.auth_url = "http://cucm.example.com:8080/ccmcip/authenticate.jsp?a=1&b='2'";
  r.evidence.auth_url_lookup = diagnosis::NameLookup::unresolved;
  r.evidence.auth_url_lookup_detail = "cucm.example.com: NXDOMAIN";
  r.evidence.cucm = diagnosis::CucmAuth::authorized;
  r.evidence.cucm_detail = "AUTHORIZED — ok";
  r.evidence.https_used = true;
  r.outcome.cause = diagnosis::RootCause::itl_trust;
  r.outcome.detail = "Error 4 with CUCM AUTHORIZED; status page: \"ITL\" verification failed, ✗";
  r.checked_at = "2024-05-01T06:30:17Z";
  r.elapsed_ms = 1234.75;
  return r;
}

inline void require_same(const storage::PhoneRecord& a, const storage::PhoneRecord& b) {
  CHECK(a.target.host == b.target.host);
  CHECK(a.target.port == b.target.port);
  CHECK(a.target.device_name == b.target.device_name);
  CHECK(a.target.model == b.target.model);
  CHECK(a.target.site == b.target.site);
  CHECK(a.target.description == b.target.description);
  CHECK(a.target.extra == b.target.extra);
  CHECK(a.target.from_range == b.target.from_range);
  CHECK(a.evidence.target_lookup == b.evidence.target_lookup);
  CHECK(a.evidence.lookup_detail == b.evidence.lookup_detail);
  CHECK(a.evidence.transport == b.evidence.transport);
  CHECK(a.evidence.transport_detail == b.evidence.transport_detail);
  CHECK(a.evidence.any_answer == b.evidence.any_answer);
  CHECK(a.evidence.device_info_read == b.evidence.device_info_read);
  CHECK(a.evidence.device.model == b.evidence.device.model);
  CHECK(a.evidence.device.firmware == b.evidence.device.firmware);
  CHECK(a.evidence.device.serial == b.evidence.device.serial);
  CHECK(a.evidence.device.host_name == b.evidence.device.host_name);
  CHECK(a.evidence.device.mac == b.evidence.device.mac);
  CHECK(a.evidence.model_source == b.evidence.model_source);
  CHECK(a.evidence.model_without_screenshot == b.evidence.model_without_screenshot);
  CHECK(a.evidence.screenshot == b.evidence.screenshot);
  CHECK(a.evidence.screenshot_http_status == b.evidence.screenshot_http_status);
  CHECK(a.evidence.phone_error == b.evidence.phone_error);
  CHECK(a.evidence.image_format == b.evidence.image_format);
  CHECK(a.evidence.screenshot_detail == b.evidence.screenshot_detail);
  CHECK(a.evidence.itl == b.evidence.itl);
  CHECK(a.evidence.itl_detail == b.evidence.itl_detail);
  CHECK(a.evidence.auth_url == b.evidence.auth_url);
  CHECK(a.evidence.auth_url_lookup == b.evidence.auth_url_lookup);
  CHECK(a.evidence.auth_url_lookup_detail == b.evidence.auth_url_lookup_detail);
  CHECK(a.evidence.cucm == b.evidence.cucm);
  CHECK(a.evidence.cucm_detail == b.evidence.cucm_detail);
  CHECK(a.evidence.https_used == b.evidence.https_used);
  CHECK(a.outcome.cause == b.outcome.cause);
  CHECK(a.outcome.detail == b.outcome.detail);
  CHECK(a.checked_at == b.checked_at);
  CHECK(a.elapsed_ms == b.elapsed_ms);
}

} // namespace test_support
