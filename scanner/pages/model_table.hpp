#pragma once
// What each phone model serves: whether it has a screenshot service and where its pages are.
// Data, not code: one table in model_table.cpp, first matching row wins. Many facts are weakly
// sourced (see DOMAIN.md); the table marks them and is the one place to correct them.
#include <span>
#include <string>
#include <string_view>

namespace scanner::pages {

struct PhoneModel {
  std::string_view family;               // stable name for reports: "88xx", "79x1", "ata", …
  bool has_screenshot = true;            // false: do not ask; the model has no such service
  std::string_view screenshot_path;      // empty when !has_screenshot
  std::string_view status_messages_path; // empty: no status page phonesweep can read
  std::string_view network_setup_path;   // empty: none known
  std::string_view device_info_path;     // "/DeviceInformationX" (XML) or "/" (HTML home page)
  std::string_view image_hint;           // "png", "bmp", "cip": expected format, a hint only
};

struct ModelRow {
  std::string_view match; // blank-separated patterns on the normalised model: '?' one
                          // character, a trailing '*' any rest. "88??* 78??*"
  PhoneModel model;
};

// The canonical key of a model string: "CP-8841", "Cisco IP Phone 8841", "8841" -> "8841";
// "CP-7941G-GE" -> "7941G"; "ATA-187", "Cisco ATA 187" -> "ATA187"; "Cisco Webex DX80" -> "DX80".
// Empty when the string names no model number.
std::string normalise_model(std::string_view model);

// The row for `model` (any of the spellings above); unknown or empty models get the default
// row: family "unknown", screenshot assumed, current-model (88xx) paths.
const PhoneModel& lookup_model(std::string_view model);

// Every row in match order, the default row last (match "*").
std::span<const ModelRow> model_table();

} // namespace scanner::pages
