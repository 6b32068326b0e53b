#pragma once
// The real-page corpus for the page tests: where it is, its manifest (the values a person read
// off each page: the oracle) and the checks of one page against its manifest row.
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/menu_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include "page_test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace corpus_test {

namespace fs = std::filesystem;
using namespace scanner::pages;
using diagnosis::ItlState;

inline const fs::path corpus = fs::path(PHONESWEEP_SOURCE_DIR) / "tests" / "fixtures" / "real-pages";

// The hosts the publishers' anonymised absolute links name: the phone itself.
inline const std::vector<std::string> page_hosts{"x.x.x.x", "10.102.21.164"};

struct Row {
  std::map<std::string, std::string> field;
  [[nodiscard]] const std::string& operator[](const std::string& name) const { return field.at(name); }
};

inline std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(line);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!line.empty() && line.back() == separator) parts.emplace_back();
  return parts;
}

inline std::vector<Row> manifest() {
  std::ifstream in(corpus / "manifest.tsv");
  REQUIRE(in.good());
  std::string line;
  REQUIRE(std::getline(in, line));
  const std::vector<std::string> header = split(line, '\t');
  for (const char* column : {"file", "source", "model", "page_kind", "served_at", "language", "mac", "firmware",
                             "serial", "host_name", "auth_url", "itl_file", "itl_evidence", "menu_links"}) {
    CAPTURE(column);
    REQUIRE(std::find(header.begin(), header.end(), column) != header.end());
  }
  std::vector<Row> rows;
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line, '\t');
    INFO("manifest.tsv line " << number);
    REQUIRE(cells.size() == header.size());
    Row row;
    for (std::size_t i = 0; i < header.size(); ++i) row.field[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline bool is_page_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return path.extension() != ".md" && name != "LICENSE" && name != "manifest.tsv" && name != ".gitattributes";
}

inline bool names_a_model(const std::string& model) { return !normalise_model(model).empty(); }

// "Status Messages" of a served_at / page_kind: the model table's path for that kind.
inline std::string_view table_path(const PhoneModel& model, const std::string& page_kind) {
  if (page_kind.rfind("network_setup", 0) == 0) return model.network_setup_path;
  if (page_kind.rfind("status_messages", 0) == 0) return model.status_messages_path;
  return model.device_info_path;
}

inline ItlState judged(const std::string& tag) {
  if (tag == "installed" || tag == "ok") return ItlState::ok;
  if (tag == "trust_failed") return ItlState::trust_failed;
  if (tag == "not_installed") return ItlState::not_installed;
  return ItlState::unknown;
}

// Checks what a person read off `page` (a real one, or one built from it) with the readers.
inline void check_values(const Row& row, const std::string& page) {
  const std::string& kind = row["page_kind"];
  if (kind.rfind("device_info", 0) == 0) {
    const auto info = read_device_information(page);
    REQUIRE(info);
    if (!row["model"].empty()) CHECK(info->model == row["model"]);
    if (!row["mac"].empty()) CHECK(info->mac == row["mac"]);
    if (!row["firmware"].empty()) CHECK(info->firmware == row["firmware"]);
    if (!row["serial"].empty()) CHECK(info->serial == row["serial"]);
    if (!row["host_name"].empty()) CHECK(info->host_name == row["host_name"]);
  } else if (kind.rfind("network_setup", 0) == 0) {
    const NetworkSetup setup = read_network_setup(page);
    CHECK(setup.auth_url == row["auth_url"]);
    CHECK(setup.itl_file == row["itl_file"]);
    if (!row["itl_file"].empty()) CHECK(classify_itl_file(setup.itl_file) != ItlFileShown::unknown);
    if (!row["host_name"].empty()) CHECK(setup.host_name == row["host_name"]);
    // A network setup page also names its phone (heading, MAC row).
    const auto info = read_device_information(page);
    REQUIRE(info);
    if (names_a_model(row["model"])) CHECK(normalise_model(info->model) == normalise_model(row["model"]));
    if (!row["mac"].empty()) CHECK(info->mac == row["mac"]);
  } else if (kind.rfind("status_messages", 0) == 0) {
    const TrustReading reading = read_status_messages(page);
    const std::string& evidence = row["itl_evidence"];
    const std::size_t bracket = evidence.find(" [");
    REQUIRE(bracket != std::string::npos);
    const std::string message = evidence.substr(0, bracket);
    const std::string tag = evidence.substr(bracket + 2, evidence.size() - bracket - 3);
    CHECK_THAT(reading.detail, Catch::Contains(message, Catch::CaseSensitive::No));
    if (tag == "ctl_failed") {
      CHECK(reading.state != ItlState::trust_failed); // a CTL problem is not an ITL verdict
    } else {
      CHECK(reading.state == judged(tag));
    }
  } else {
    FAIL("page_kind " << kind << " has no reader in this test");
  }
}

// "Device_Information.html;Network_Setup.html;Status_Messages.html" in this order.
inline constexpr PageKind link_order[] = {PageKind::device_info, PageKind::network_setup, PageKind::status_messages};

} // namespace corpus_test
