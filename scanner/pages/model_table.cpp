#include <scanner/pages/model_table.hpp>

#include <scanner/pages/ascii.hpp>

#include <array>

namespace scanner::pages {

namespace {

constexpr std::string_view screenshot = "/CGI/Screenshot";
constexpr std::string_view serviceability_status = "/CGI/Java/Serviceability?adapter=device.settings.status.messages";
constexpr std::string_view serviceability_network = "/CGI/Java/Serviceability?adapter=device.statistics.configuration";
constexpr std::string_view device_information_xml = "/DeviceInformationX";

// The Serviceability adapters (doc/DOMAIN.md section 4). Device information is asked as
// /DeviceInformationX (doc/DOMAIN.md section 4); the HTML adapter page is what the menus link, and
// the plan reaches it through the home page when the XML is absent.
constexpr PhoneModel serviceability(std::string_view family, std::string_view image, std::string_view basis) {
  return {family, true,  screenshot, serviceability_status, serviceability_network, device_information_xml,
          image,  false, basis};
}

// 89xx and the 69xx phones with a display: device information on the home page, the other
// pages at /NetworkConfiguration and /status.html, as their menus link them.
constexpr PhoneModel home_menu_family(std::string_view family, std::string_view screenshot_path,
                                      std::string_view device_info, std::string_view image, std::string_view basis) {
  return {family, true, screenshot_path, "/status.html", "/NetworkConfiguration", device_info, image, false, basis};
}

// Keep these paths in step with sim/fleetsim/pages.cpp, which derives its own from the same real
// pages. First match wins: specific rows before the family patterns that would also match them.
constexpr std::array<ModelRow, 16> rows{{
    // Conference phone. Whether it serves /CGI/Screenshot is unconfirmed. We ask anyway: its
    // web pages are the 88xx Serviceability ones, and the mistake is cheap one way only. If it
    // has no service, the 404 proves `unsupported`; had we marked it screenshot-less and been
    // wrong, a real failure would hide behind `unsupported` forever.
    {"8831", serviceability("8831", "png",
                            "real-pages/cisco-phone-nse/CP-8831.html (menu links the "
                            "Serviceability adapters); screenshot service unconfirmed")},
    {"8821 8821EX", serviceability("8821", "png",
                                   "real-pages/cisco-phone-nse/CP-8821.html (menu links the "
                                   "Serviceability adapters)")},
    // Before "88??*", which would otherwise swallow the 8875.
    {"98??* 8875*", serviceability("98xx", "png",
                                   "doc/DOMAIN.md section 1 (may require HTTPS); pages as 88xx, "
                                   "unconfirmed")},
    {"88??*", serviceability("88xx", "png",
                             "real-pages/cisco-phone-nse/CP-8841.html "
                             "real-pages/seeyoucm-thief/cisco-CP-8845.html (menus link the "
                             "Serviceability adapters); doc/DOMAIN.md section 4")},
    {"78??*", serviceability("78xx", "png",
                             "real-pages/cisco-phone-nse/CP-7821.html "
                             "real-pages/seeyoucm-thief/cisco-CP-7832.html (menus link the "
                             "Serviceability adapters)")},
    // The DX80 menu links its pages at "/?adapter=…" (one real page: probable for the family).
    // Whether a DX answers /DeviceInformationX is unconfirmed: ask the page its menu links.
    {"DX*",
     {"dx", true, screenshot, "/?adapter=device.settings.status.messages", "/?adapter=device.statistics.configuration",
      "/?adapter=device.statistics.device", "png", false,
      "real-pages/seeyoucm-thief/cisco_CP-DX80.html (menu links /?adapter=…); doc/DOMAIN.md "
      "section 4"}},
    // Older phones with an older web server. Their screenshot format is unconfirmed (doc/DOMAIN.md
    // section 1: a grey-scale "CIP" image); the magic bytes decide anyway.
    {"7940* 7960*",
     {"7940", true, screenshot, "/DeviceLog?2", "/NetworkConfiguration", device_information_xml, "cip", false,
      "real-pages/seeyoucm-thief/cisco-CP-7940G.html (menu links /DeviceInformation, "
      "/NetworkConfiguration, /DeviceLog?2); /DeviceInformationX per doc/DOMAIN.md section 4"}},
    // The 79x1/79x2/79x5 phones run the Java firmware of the 78xx/88xx pages: the Serviceability
    // adapters (the real 7945G page's menu; doc/DOMAIN.md section 4 for 7942/7962/7965/7975). The
    // 7906/7911/7941/7961/7970/7971 share that firmware line: same pages, unconfirmed. 792x
    // wireless phones fall in here too; their pages and screenshot service are unconfirmed (a
    // 404 sends the plan to their menu, and a 404 on the screenshot says `unsupported`).
    {"79?1* 79?2* 79?5* 7970* 7906*",
     serviceability("79x1", "bmp",
                    "real-pages/seeyoucm-thief/cisco-CP-7945G.html (menu links the "
                    "Serviceability adapters); doc/DOMAIN.md section 4 for 7942/7962/7965/7975; "
                    "7906/7911/7941/7961/7970/7971 unconfirmed")},
    // Conference station, no screenshot. Two users of phone scrapers report its menu: func=604
    // is the device page (MAC, host name, serial, load), func=219 the network page (no
    // authentication URL shown); no captured page, so unconfirmed.
    {"7937*",
     {"7937",
      false,
      {},
      {},
      "/localmenus.cgi?func=219",
      "/localmenus.cgi?func=604",
      {},
      false,
      "real-pages/github-issues/FACTS.md #4 and #5 (reported menus); unconfirmed by a page"}},
    // No display, so no screenshot. The home page is the device information page; it links
    // Status_Messages.html too, not asked: without a screenshot service no cause depends on it.
    {"6901* 6911*",
     {"69xx",
      false,
      {},
      {},
      "/Network_Setup.html",
      "/",
      {},
      false,
      "real-pages/cisco-phone-nse/CP-6901.html (home page = device information, "
      "menu links Network_Setup.html); 6911 unconfirmed"}},
    // The 6941 also answers /DeviceInformationX (doc/DOMAIN.md section 4): one request identifies it.
    // Its screenshot path is as the other 69xx phones with a display (unconfirmed).
    {"6941*", home_menu_family("69xx-display", "/CGI/lcd4.bmp", device_information_xml, "bmp",
                               "real-pages/index-snippets/FACTS.md (a 6941's /DeviceInformationX); "
                               "menu as real-pages/seeyoucm-thief/cisco-CP-6921.html; "
                               "/CGI/lcd4.bmp unconfirmed")},
    // 69xx with a display (6921, 6961): /CGI/lcd4.bmp is weakly sourced (doc/DOMAIN.md section 1
    // also names /CGI/lcd.bmp); unconfirmed.
    {"69??*", home_menu_family("69xx-display", "/CGI/lcd4.bmp", "/", "bmp",
                               "real-pages/seeyoucm-thief/cisco-CP-6921.html (menu links /, "
                               "/NetworkConfiguration, /status.html); /CGI/lcd4.bmp "
                               "unconfirmed")},
    {"89??*", home_menu_family("89xx", screenshot, "/", "png",
                               "real-pages/seeyoucm-thief/cisco-CP-8945.html (menu links /, "
                               "/NetworkConfiguration, /status.html); screenshot format "
                               "unconfirmed")},
    // 9951/9971 are likely like 89xx (doc/DOMAIN.md section 4, unconfirmed).
    {"99??*", home_menu_family("99xx", screenshot, "/", "png", "doc/DOMAIN.md section 4: likely as 89xx, unconfirmed")},
    // /CGI/lcd.bmp per doc/DOMAIN.md, weakly sourced; unconfirmed.
    {"3905*", {"3905", true, "/CGI/lcd.bmp", {}, {}, "/", "bmp", false, "doc/DOMAIN.md section 1; unconfirmed"}},
    // Analogue adapters: no screen. The real ATA 187 home page also links Network_Setup.htm
    // and Status_Messages.htm, not asked (no screenshot service).
    {"ATA*",
     {"ata",
      false,
      {},
      {},
      {},
      "/",
      {},
      false,
      "real-pages/cisco-phone-nse/ATA-187.html (home page = device information)"}},
}};

// Unknown and unlisted models: identify at /DeviceInformationX (or the home page), ask the
// screenshot at its usual path, and take the other pages from the phone's own menu rather than
// guessing a family's paths.
constexpr ModelRow default_row{"*",
                               {"unknown",
                                true,
                                screenshot,
                                {},
                                {},
                                device_information_xml,
                                {},
                                true,
                                "no row: the phone's home page menu (doc/DOMAIN.md section 4)"}};

constexpr std::array<ModelRow, rows.size() + 1> all_rows = [] {
  std::array<ModelRow, rows.size() + 1> all{};
  for (std::size_t i = 0; i < rows.size(); ++i) all[i] = rows[i];
  all[rows.size()] = default_row;
  return all;
}();

constexpr char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

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

bool is_default_row(const PhoneModel& model) { return &model == &all_rows.back().model; }

std::span<const ModelRow> model_table() { return all_rows; }

} // namespace scanner::pages
