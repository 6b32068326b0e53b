#pragma once
// The phone models fleetsim simulates: which family renders their pages, which image format
// their screenshot service answers with (if any), and the firmware they run.
#include <array>
#include <span>
#include <string_view>

namespace fleetsim {

// A family shares page paths, layout and quirks (sim/fleetsim/pages.cpp, routes.cpp). Each one
// imitates real pages of tests/fixtures/real-pages, not the scanner's beliefs:
//   cp88xx, cp8821, cp78xx  the Serviceability adapters (cisco-phone-nse/CP-8841.html, …)
//   cp79xx                  7942/7945/7962/7965/7975: the Serviceability adapters too, in the
//                           older "Cisco Unified IP Phone" frame (seeyoucm-thief/cisco-CP-7945G.html)
//   cp89xx, cp69xx_display  device information at /, /NetworkConfiguration, /status.html
//                           (seeyoucm-thief/cisco-CP-8945.html, cisco-CP-6921.html)
//   dx                      the adapters at /?adapter=… (seeyoucm-thief/cisco_CP-DX80.html)
//   cp6901, ata187          Device_Information.html / .htm and relative links (cisco-phone-nse)
//   moved                   a known model on a firmware that moved every page to paths no table
//                           knows, linked only from its home page (menu-only, hypothetical)
//   unlisted                a model no table knows, pages at such paths too (menu-only, fictional)
enum class Family { cp88xx, cp8821, cp78xx, dx, cp79xx, cp89xx, cp69xx_display, cp6901, ata187, moved, unlisted };

enum class ImageFormat { none, png, bmp };

struct Firmware {
  std::string_view app_load;
  std::string_view boot_load;
  std::string_view version;
};

struct ModelInfo {
  std::string_view model;   // as the phone names itself: "CP-8841"
  std::string_view product; // UDI description: "Cisco IP Phone 8841, Global"
  Family family;
  ImageFormat screenshot; // none: the model has no /CGI/Screenshot
  std::string_view hardware_revision;
  unsigned share;                   // relative frequency among healthy phones of an estate (0: only
                                    // where the estate places it on purpose, see estate.cpp)
  std::array<Firmware, 2> firmware; // [0] current load, [1] an older one still in the field
};

std::span<const ModelInfo> model_catalog();
// The first catalog entry named `model` ("CP-8851" is both an 88xx and a `moved` entry: the 88xx).
const ModelInfo* find_model(std::string_view model);
// The entry of `model` in `family`; nullptr when there is none.
const ModelInfo* find_model(std::string_view model, Family family);

// "88xx", "79xx", "69xx-display", "moved", …: the family's name in truth.csv.
std::string_view to_string(Family family);

// Its pages live only where its home page's menu links them.
inline bool menu_only(Family family) { return family == Family::moved || family == Family::unlisted; }

inline bool has_screenshot_service(const ModelInfo& model) { return model.screenshot != ImageFormat::none; }

} // namespace fleetsim
