// Device-information pages saved from real phones (PHONESWEEP_REAL_PAGES_DIR, outside the
// repository). Every .html file there must be in the table below, whose values were read off
// each file by eye. Without the folder (CI clones) the cases warn and pass.
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include "page_test_support.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace fs = std::filesystem;
using scanner::ItlState;
using scanner::pages::lookup_model;
using scanner::pages::read_device_information;
using scanner::pages::read_device_information_html;
using scanner::pages::read_network_setup;
using scanner::pages::read_status_messages;

namespace {

struct RealPage {
  std::string_view file;
  std::string_view model;
  std::string_view mac;
  std::string_view firmware; // the "Version" / "SW_Version ID" field, else the App Load ID
  std::string_view serial;
  std::string_view host_name;
  std::string_view family; // lookup_model(model).family
};

// Publisher-anonymised MAC and serial. Labels and layouts differ: the ATA has "Product ID" and
// "SW_Version ID" and no host name; the 6901 has only an App Load ID; 88xx/78xx encode dashes
// as &#x2D;; the 8821 and 8865 also show a "Wireless MAC address" after the wired one.
constexpr RealPage real_pages[] = {
    {"ATA-187.html", "ATA-187", "A0B1C2D3E4F5", "187.9-2-3-1", "ABC1234EF5G", "", "ata"},
    {"CP-6901.html", "CP-6901", "A0B1C2D3E4F5", "SIP6901.9-3-1-SR2-3", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "69xx"},
    {"CP-7821.html", "CP-7821", "A0B1C2D3E4F5", "sip78xx.12-5-1SR3-74", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "78xx"},
    {"CP-8811.html", "CP-8811", "A0B1C2D3E4F5", "sip88xx.12-5-1SR3-74", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "88xx"},
    {"CP-8821.html", "CP-8821", "A0B1C2D3E4F5", "sip8821.11-0-5-17", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "8821"},
    {"CP-8831.html", "CP-8831", "A0B1C2D3E4F5", "sip8831.10-3-1SR4b-1", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "8831"},
    {"CP-8841.html", "CP-8841", "A0B1C2D3E4F5", "sip88xx.12-5-1SR3-74", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "88xx"},
    {"CP-8865.html", "CP-8865", "A0B1C2D3E4F5", "sip8845_65.12-5-1SR3-74", "ABC1234EF5G",
     "SEPA0B1C2D3E4F5", "88xx"},
};

const fs::path real_pages_dir{PHONESWEEP_REAL_PAGES_DIR};

// False (with a warning) when the folder is absent: CI clones may not have the shared folder.
bool real_pages_available() {
  std::error_code error;
  if (fs::is_directory(real_pages_dir, error)) return true;
  WARN("real phone pages not found at " << real_pages_dir.string() << "; skipping");
  return false;
}

std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const RealPage* expected_for(const std::string& file) {
  for (const auto& page : real_pages) {
    if (page.file == file) return &page;
  }
  return nullptr;
}

} // namespace

TEST_CASE("real pages: every saved page has expected values in this test's table") {
  if (!real_pages_available()) return;
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(real_pages_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".html") continue;
    const std::string file = entry.path().filename().string();
    on_disk.insert(file);
    INFO("a new real page " << file << " needs a row in real_pages (read its values by eye)");
    CHECK(expected_for(file) != nullptr);
  }
  for (const auto& page : real_pages) {
    INFO("expected real page missing: " << page.file);
    CHECK(on_disk.count(std::string(page.file)) == 1);
  }
}

TEST_CASE("real pages: model, MAC, firmware, serial and host name are read from each page") {
  if (!real_pages_available()) return;
  for (const auto& page : real_pages) {
    const fs::path path = real_pages_dir / page.file;
    INFO("page " << path.string());
    if (!fs::exists(path)) continue; // reported by the case above
    const std::string html = read_whole_file(path);
    const auto info = read_device_information_html(html);
    REQUIRE(info.has_value());
    CHECK(info->model == page.model);
    CHECK(info->mac == page.mac);
    CHECK(info->firmware == page.firmware);
    CHECK(info->serial == page.serial);
    CHECK(info->host_name == page.host_name);
    CHECK(lookup_model(info->model).family == page.family);

    // What probe_plan calls on a body fetched from "/": the dispatcher must pick HTML.
    const auto dispatched = read_device_information(html);
    REQUIRE(dispatched.has_value());
    CHECK(dispatched->model == info->model);
    CHECK(dispatched->mac == info->mac);
    CHECK(dispatched->firmware == info->firmware);
  }
}

TEST_CASE("real pages: the other readers read a device page without inventing anything") {
  if (!real_pages_available()) return;
  for (const auto& page : real_pages) {
    const fs::path path = real_pages_dir / page.file;
    INFO("page " << path.string());
    if (!fs::exists(path)) continue;
    const std::string html = read_whole_file(path);
    const auto trust = read_status_messages(html);
    CHECK(trust.state == ItlState::unknown);
    const auto setup = read_network_setup(html);
    CHECK(setup.auth_url.empty());
    CHECK(setup.itl_file.empty());
    CHECK(setup.itl_signature.empty());
    CHECK(setup.tvs.empty());
    CHECK(setup.host_name == page.host_name);
  }
}

TEST_CASE("real pages: every truncation of a saved page is read without crashing") {
  if (!real_pages_available()) return;
  for (const auto& page : real_pages) {
    const fs::path path = real_pages_dir / page.file;
    INFO("page " << path.string());
    if (!fs::exists(path)) continue;
    const std::string html = read_whole_file(path);
    std::size_t identified = 0;
    for (std::size_t size = 0; size < html.size(); size += 61) {
      const std::string_view cut = std::string_view(html).substr(0, size);
      const auto info = read_device_information(cut);
      if (info.has_value()) {
        ++identified;
        // A cut page may lose fields, but never reports a MAC that is not one.
        CHECK((info->mac.empty() || info->mac.size() == 12));
      }
      CHECK(read_status_messages(cut).state == ItlState::unknown);
      (void)read_network_setup(cut);
    }
    CHECK(identified > 0); // the later, longer cuts carry the model or MAC
  }
}
