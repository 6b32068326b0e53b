// The model table: normalised model keys, the family each model falls in, and the table's own
// consistency (the data is the one place facts get corrected, so its shape is pinned here).
#include <scanner/pages/model_table.hpp>

#include "page_test_support.hpp"

#include <filesystem>
#include <string>

using scanner::pages::lookup_model;
using scanner::pages::model_table;
using scanner::pages::normalise_model;

TEST_CASE("model table: normalise_model gives one key for every spelling of a model") {
  CHECK(normalise_model("CP-8841") == "8841");
  CHECK(normalise_model("Cisco IP Phone 8841") == "8841");
  CHECK(normalise_model("8841") == "8841");
  CHECK(normalise_model("cp-8841") == "8841");
  CHECK(normalise_model("CP-7941G-GE") == "7941G");
  CHECK(normalise_model("ATA-187") == "ATA187");
  CHECK(normalise_model("Cisco ATA 187") == "ATA187");
  CHECK(normalise_model("ATA187") == "ATA187");
  CHECK(normalise_model("Cisco Webex DX80") == "DX80");
  CHECK(normalise_model("Cisco IP Phone 8811, Global") == "8811");
  CHECK(normalise_model("CP-8845_65") == "8845");
  CHECK(normalise_model("CP-DX80") == "DX80");
}

TEST_CASE("model table: a string naming no model number normalises to empty") {
  CHECK(normalise_model("").empty());
  CHECK(normalise_model("Cisco IP Phone").empty());
  CHECK(normalise_model("---").empty());
}

TEST_CASE("model table: each known model falls in its family") {
  struct Expect {
    const char* model;
    const char* family;
    bool screenshot;
  };
  for (const Expect& e : {
           Expect{"CP-8841", "88xx", true},         Expect{"CP-8811", "88xx", true},
           Expect{"CP-8865", "88xx", true},         Expect{"CP-8821", "8821", true},
           Expect{"CP-8821-EX", "8821", true},      Expect{"CP-8831", "8831", true},
           Expect{"CP-7821", "78xx", true},         Expect{"CP-7841", "78xx", true},
           Expect{"Cisco Webex DX80", "dx", true},  Expect{"CP-9841", "98xx", true},
           Expect{"CP-8875", "98xx", true},         Expect{"CP-7940G", "7940", true},
           Expect{"CP-7960G", "7940", true},        Expect{"CP-7941G-GE", "79x1", true},
           Expect{"CP-7975G", "79x1", true},        Expect{"CP-7970G", "79x1", true},
           Expect{"CP-7937G", "7937", false},       Expect{"CP-6901", "69xx", false},
           Expect{"CP-6911", "69xx", false},        Expect{"CP-6921", "69xx-display", true},
           Expect{"CP-6941", "69xx-display", true}, Expect{"CP-6961", "69xx-display", true},
           Expect{"CP-8945", "89xx", true},         Expect{"CP-8941", "89xx", true},
           Expect{"CP-9971", "99xx", true},         Expect{"CP-DX80", "dx", true},
           Expect{"CP-3905", "3905", true},         Expect{"ATA-187", "ata", false},
           Expect{"Cisco ATA 191", "ata", false},
       }) {
    CAPTURE(e.model);
    const auto& m = lookup_model(e.model);
    CHECK(m.family == e.family);
    CHECK(m.has_screenshot == e.screenshot);
  }
  CHECK(lookup_model("CP-7965G").family == "79x1");
}

TEST_CASE("model table: unknown and empty models get the default row, which follows the phone's menu") {
  for (const char* model : {"", "Cisco IP Phone", "CP-1234", "Polycom VVX 411"}) {
    CAPTURE(model);
    const auto& m = lookup_model(model);
    CHECK(m.family == "unknown");
    CHECK(scanner::pages::is_default_row(m));
    CHECK(m.has_screenshot);
    CHECK(m.screenshot_path == "/CGI/Screenshot");
    CHECK(m.device_info_path == "/DeviceInformationX");
    // No family's paths guessed: status messages and network setup come from the home page's menu.
    CHECK(m.status_messages_path.empty());
    CHECK(m.network_setup_path.empty());
    CHECK(m.follow_menu);
  }
  CHECK_FALSE(scanner::pages::is_default_row(lookup_model("CP-8841")));
}

TEST_CASE("model table: the 79x1/79x2/79x5 phones use the Serviceability adapters, not the 7940/7960 pages") {
  for (const char* model : {"CP-7942G", "CP-7945G", "CP-7962G", "CP-7965G", "CP-7975G", "CP-7941G"}) {
    CAPTURE(model);
    const auto& m = lookup_model(model);
    CHECK(m.family == "79x1");
    CHECK(m.status_messages_path == "/CGI/Java/Serviceability?adapter=device.settings.status.messages");
    CHECK(m.network_setup_path == "/CGI/Java/Serviceability?adapter=device.statistics.configuration");
    CHECK(m.device_info_path == "/DeviceInformationX");
  }
}

TEST_CASE(
    "model table: 89xx and 69xx phones with a display keep their pages at /, /NetworkConfiguration and /status.html") {
  for (const char* model : {"CP-8945", "CP-8941", "CP-6921", "CP-6961", "CP-6941"}) {
    CAPTURE(model);
    const auto& m = lookup_model(model);
    CHECK(m.network_setup_path == "/NetworkConfiguration");
    CHECK(m.status_messages_path == "/status.html");
    CHECK_FALSE(m.follow_menu);
  }
  CHECK(lookup_model("CP-8945").device_info_path == "/");
  CHECK(lookup_model("CP-6921").device_info_path == "/");
  CHECK(lookup_model("CP-6941").device_info_path == "/DeviceInformationX"); // the 6941 answers it
}

TEST_CASE("model table: DX phones are asked their adapters at /?adapter=") {
  const auto& m = lookup_model("Cisco Webex DX80");
  CHECK(m.device_info_path == "/?adapter=device.statistics.device");
  CHECK(m.network_setup_path == "/?adapter=device.statistics.configuration");
  CHECK(m.status_messages_path == "/?adapter=device.settings.status.messages");
}

TEST_CASE("model table: current models use the Serviceability pages and PNG screenshots") {
  const auto& m = lookup_model("CP-8841");
  CHECK(m.screenshot_path == "/CGI/Screenshot");
  CHECK(m.status_messages_path == "/CGI/Java/Serviceability?adapter=device.settings.status.messages");
  CHECK(m.network_setup_path == "/CGI/Java/Serviceability?adapter=device.statistics.configuration");
  CHECK(m.device_info_path == "/DeviceInformationX");
  CHECK(m.image_hint == "png");
  const auto& old = lookup_model("CP-7960G");
  CHECK(old.status_messages_path == "/DeviceLog?2");
  CHECK(old.network_setup_path == "/NetworkConfiguration");
  CHECK(lookup_model("CP-7940G").status_messages_path == "/DeviceLog?2");
  CHECK(lookup_model("CP-6901").device_info_path == "/");
  CHECK(lookup_model("CP-6901").network_setup_path == "/Network_Setup.html");
  CHECK(lookup_model("CP-6921").screenshot_path == "/CGI/lcd4.bmp");
  CHECK(lookup_model("CP-3905").screenshot_path == "/CGI/lcd.bmp");
}

TEST_CASE("model table: every row is consistent and the default row comes last") {
  const auto rows = model_table();
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.back().match == "*");
  CHECK(rows.back().model.family == "unknown");
  for (const auto& row : rows) {
    CAPTURE(row.match, row.model.family);
    CHECK_FALSE(row.match.empty());
    CHECK_FALSE(row.model.family.empty());
    CHECK(row.model.has_screenshot == !row.model.screenshot_path.empty());
    if (!row.model.screenshot_path.empty()) CHECK(row.model.screenshot_path.front() == '/');
    if (!row.model.status_messages_path.empty()) CHECK(row.model.status_messages_path.front() == '/');
    if (!row.model.network_setup_path.empty()) CHECK(row.model.network_setup_path.front() == '/');
    CHECK_FALSE((row.model.device_info_path.empty() && row.model.has_screenshot));
    CHECK_FALSE(row.model.basis.empty()); // every row names the page or fact it rests on
    CHECK(row.model.follow_menu == (row.match == "*"));
  }
}

TEST_CASE("model table: every real page a row rests on is in the repository's corpus") {
  const std::filesystem::path fixtures = std::filesystem::path(PHONESWEEP_SOURCE_DIR) / "tests" / "fixtures";
  std::size_t cited = 0;
  for (const auto& row : model_table()) {
    std::string_view basis = row.model.basis;
    for (std::size_t at = basis.find("real-pages/"); at != std::string_view::npos;
         at = basis.find("real-pages/", at + 1)) {
      const std::size_t end = basis.find_first_of(" ;,)", at);
      const std::string file(basis.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
      CAPTURE(row.model.family, file);
      CHECK(std::filesystem::is_regular_file(fixtures / file));
      ++cited;
    }
  }
  CHECK(cited >= 10);
}

TEST_CASE("model table: the 7937 is asked func=604 for its device page and func=219 for its network page") {
  const auto& model = lookup_model("CP-7937G");
  CHECK(model.family == "7937");
  CHECK_FALSE(model.has_screenshot);
  CHECK(model.device_info_path == "/localmenus.cgi?func=604");
  CHECK(model.network_setup_path == "/localmenus.cgi?func=219");
}
