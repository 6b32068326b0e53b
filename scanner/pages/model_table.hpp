#pragma once
// What each phone model serves: whether it has a screenshot service and where its pages are.
// Data, not code: one table in model_table.cpp, first matching row wins. Every row names the
// real page or the cited fact it rests on (`basis`); the table is the one place to correct them.
// Where a row is wrong for a firmware, the probe plan follows the phone's own menu instead
// (scanner/pages/menu_reader.hpp), so a wrong path costs a request, not a diagnosis.
#include <span>
#include <string>
#include <string_view>

namespace scanner::pages {

struct PhoneModel {
  std::string_view family;               // stable name for reports: "88xx", "79x1", "ata", …
  bool has_screenshot = true;            // false: do not ask; the model has no such service
  std::string_view screenshot_path;      // empty when !has_screenshot
  std::string_view status_messages_path; // empty: none known (see follow_menu)
  std::string_view network_setup_path;   // empty: none known (see follow_menu)
  std::string_view device_info_path;     // "/DeviceInformationX" (XML) or an HTML page ("/", …)
  std::string_view image_hint;           // "png", "bmp", "cip": expected format, a hint only
  // The table does not know this model's pages: take status messages and network setup from
  // the links of its home page. True only on the default row (unknown and unlisted models).
  bool follow_menu = false;
  // The real page(s) under tests/fixtures/real-pages/ or the doc/DOMAIN.md fact the row rests on;
  // "unconfirmed" says what no source backs.
  std::string_view basis;
};

struct ModelRow {
  std::string_view match; // blank-separated patterns on the normalised model: '?' one
                          // character, a trailing '*' any rest. "88??* 78??*"
  PhoneModel model;
};

// The canonical key of a model string: "CP-8841", "Cisco IP Phone 8841", "8841" -> "8841";
// "CP-7941G-GE" -> "7941G"; "ATA-187", "Cisco ATA 187" -> "ATA187"; "Cisco Webex DX80",
// "CP-DX80" -> "DX80". Empty when the string names no model number.
std::string normalise_model(std::string_view model);

// The row for `model` (any of the spellings above); unknown or empty models get the default
// row: family "unknown", screenshot assumed, device information at /DeviceInformationX and the
// other pages from the phone's menu (follow_menu).
const PhoneModel& lookup_model(std::string_view model);

// Whether `model` is the default row, i.e. the table does not know the model it was asked for.
bool is_default_row(const PhoneModel& model);

// Every row in match order, the default row last (match "*").
std::span<const ModelRow> model_table();

} // namespace scanner::pages
