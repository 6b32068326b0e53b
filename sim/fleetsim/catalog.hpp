#pragma once
// The phone models fleetsim simulates: which family renders their pages, which image format
// their screenshot service answers with (if any), and the firmware they run.
#include <array>
#include <span>
#include <string_view>

namespace fleetsim {

// A family shares page layout and quirks; pages_*.cpp render one family each.
enum class Family { cp88xx, cp8821, cp78xx, dx, cp79xx, cp6901, ata187 };

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
  ImageFormat screenshot;   // none: the model has no /CGI/Screenshot
  std::string_view hardware_revision;
  unsigned share;           // relative frequency among healthy phones of an estate
  std::array<Firmware, 2> firmware; // [0] current load, [1] an older one still in the field
};

std::span<const ModelInfo> model_catalog();
const ModelInfo* find_model(std::string_view model);

inline bool has_screenshot_service(const ModelInfo& model) {
  return model.screenshot != ImageFormat::none;
}

} // namespace fleetsim
