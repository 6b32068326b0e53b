#include <scanner/pages/model_table.hpp>

#include <array>

namespace scanner::pages {
namespace {

constexpr std::string_view screenshot = "/CGI/Screenshot";
constexpr std::string_view serviceability_status =
    "/CGI/Java/Serviceability?adapter=device.settings.status.messages";
constexpr std::string_view serviceability_network =
    "/CGI/Java/Serviceability?adapter=device.statistics.configuration";
constexpr std::string_view device_information_xml = "/DeviceInformationX";

constexpr PhoneModel current(std::string_view family) {
  return {family, true, screenshot, serviceability_status, serviceability_network,
          device_information_xml, "png"};
}

// Keep these paths in step with sim/fleetsim, which serves exactly them.
// First match wins: specific rows before the family patterns that would also match them.
constexpr std::array<ModelRow, 13> rows{{
    // Conference phone. Whether it serves /CGI/Screenshot is unconfirmed. We ask anyway: its
    // web pages (real page in the shared fixtures) are the 88xx Serviceability ones, and the
    // mistake is cheap one way only. If it has no service, the 404 proves `unsupported`; had
    // we marked it screenshot-less and been wrong, a real failure would hide behind
    // `unsupported` forever.
    {"8831", current("8831")},
    {"8821 8821EX", current("8821")}, // wireless; same Serviceability pages (real fixture)
    // 98xx and 8875 may require HTTPS (DOMAIN.md, unconfirmed); the paths are the current ones.
    // Before "88??*", which would otherwise swallow the 8875.
    {"98??* 8875*", current("98xx")},
    {"88??*", current("88xx")},
    {"78??*", current("78xx")},
    {"DX*", current("dx")},
    // Older phones with an older web server. BMP screenshots (magic bytes decide anyway).
    {"7940* 7960*",
     {"7940", true, screenshot, "/DeviceLog?2", "/NetworkConfiguration", device_information_xml,
      "cip"}},
    // 792x wireless phones fall in here too; their screenshot service is unconfirmed (a 404
    // will say so).
    {"79?1* 79?2* 79?5* 7970* 7906*",
     {"79x1", true, screenshot, "/DeviceLog?2", "/NetworkConfiguration", device_information_xml,
      "bmp"}},
    // Conference station; /localmenus.cgi?func=604 per DOMAIN.md, unconfirmed, no screenshot.
    {"7937*", {"7937", false, {}, {}, "/localmenus.cgi?func=604", {}, {}}},
    // No display, so no screenshot. The real 6901 home page links Status_Messages.html, but
    // phonesweep has no reader checked against one yet: no status page.
    {"6901* 6911*", {"69xx", false, {}, {}, "/Network_Setup.html", "/", {}}},
    // 69xx with a display: /CGI/lcd4.bmp is weakly sourced (DOMAIN.md also names
    // /CGI/lcd.bmp); unconfirmed.
    {"69??*", {"69xx-display", true, "/CGI/lcd4.bmp", {}, "/Network_Setup.html", "/", "bmp"}},
    // /CGI/lcd.bmp per DOMAIN.md, weakly sourced; unconfirmed.
    {"3905*", {"3905", true, "/CGI/lcd.bmp", {}, {}, "/", "bmp"}},
    // Analogue adapters: no screen. The real ATA 187 home page also links Network_Setup.htm
    // and Status_Messages.htm, not yet used.
    {"ATA*", {"ata", false, {}, {}, {}, "/", {}}},
}};

constexpr ModelRow default_row{"*", current("unknown")};

constexpr std::array<ModelRow, rows.size() + 1> all_rows = [] {
  std::array<ModelRow, rows.size() + 1> all{};
  for (std::size_t i = 0; i < rows.size(); ++i) all[i] = rows[i];
  all[rows.size()] = default_row;
  return all;
}();

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool glob_match(std::string_view pattern, std::string_view key) {
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    if (pattern[i] == '*' && i + 1 == pattern.size()) return true;
    if (i >= key.size()) return false;
    if (pattern[i] != '?' && pattern[i] != key[i]) return false;
  }
  return i == key.size();
}

bool row_matches(std::string_view patterns, std::string_view key) {
  while (!patterns.empty()) {
    const std::size_t blank = patterns.find(' ');
    const std::string_view pattern = patterns.substr(0, blank);
    if (!pattern.empty() && glob_match(pattern, key)) return true;
    if (blank == std::string_view::npos) break;
    patterns.remove_prefix(blank + 1);
  }
  return false;
}

} // namespace

std::string normalise_model(std::string_view model) {
  // Alphabetic words before the number are noise ("Cisco IP Phone", "CP", "Webex") except the
  // ones that are part of the model's name.
  std::string previous_word;
  std::size_t i = 0;
  while (i < model.size()) {
    if (!is_alpha(model[i]) && !is_digit(model[i])) {
      ++i;
      continue;
    }
    std::string token;
    bool has_digit = false;
    while (i < model.size() && (is_alpha(model[i]) || is_digit(model[i]))) {
      has_digit = has_digit || is_digit(model[i]);
      token += upper(model[i++]);
    }
    if (has_digit) {
      if (previous_word == "ATA" || previous_word == "DX") return previous_word + token;
      return token;
    }
    previous_word = std::move(token);
  }
  return {};
}

const PhoneModel& lookup_model(std::string_view model) {
  const std::string key = normalise_model(model);
  if (!key.empty()) {
    for (std::size_t i = 0; i + 1 < all_rows.size(); ++i) {
      if (row_matches(all_rows[i].match, key)) return all_rows[i].model;
    }
  }
  return all_rows.back().model;
}

std::span<const ModelRow> model_table() { return all_rows; }

} // namespace scanner::pages
