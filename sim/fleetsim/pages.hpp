#pragma once
// What a simulated phone serves: which resource a request path names for the phone's model,
// the pages' bodies (imitating the real layouts of each family), and the screenshot bodies.
// Pure: no I/O. Paths and layouts follow the real pages in tests/fixtures/real-pages (routes.cpp,
// layouts.cpp), not the scanner's model table; tests/fleetsim checks that the two agree.
#include <sim/fleetsim/estate.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fleetsim {

enum class Resource {
  none,               // 404
  device_info_xml,    // /DeviceInformationX (88xx, 78xx, 8821, 79xx, 6941)
  device_info_html,   // "/" and the device-information page of every family
  network_setup_html, // Serviceability configuration, /NetworkConfiguration, /Network_Setup.html
  network_setup_xml,  // /NetworkConfigurationX (79xx)
  status_messages,    // Serviceability status messages, /status.html, Status_Messages.html
  screenshot,         // the model's screenshot path (the reply decides, 404 on 6901 / ATA)
};

// `path` without the query; `query` as sent ("adapter=device.settings.status.messages", "2").
Resource resource_for(const ModelInfo& model, std::string_view path, std::string_view query);

// /CGI/Screenshot, or /CGI/lcd4.bmp on 69xx phones with a display.
std::string_view screenshot_path(const ModelInfo& model);

// The three pages as the model's menu links them (relative for 6901, ATA and the fictional
// unlisted model; the 89xx/69xx/DX/79xx pages link them absolute, with the phone's address).
struct MenuPaths {
  std::string_view device_info;
  std::string_view network_setup;
  std::string_view status_messages;
};
MenuPaths menu_paths(const ModelInfo& model);

struct Page {
  std::string content_type;
  std::string body;
};

// The body of a text resource (everything but none and screenshot) for `phone`.
Page render_page(const Phone& phone, Resource resource);

// A body too large to build in memory: `head`, `count` copies of `unit`, then `tail`.
struct StreamedBody {
  std::string content_type;
  std::string head;
  std::string unit;
  std::uint64_t count = 0;
  std::string tail;

  [[nodiscard]] std::uint64_t size() const;
  // Copies up to `max` bytes from offset `pos`; returns how many (0 at or after the end).
  std::size_t read(std::uint64_t pos, char* out, std::size_t max) const;
};

inline constexpr std::uint64_t huge_image_size = 64ULL << 20; // huge_screenshot: 64 MiB
inline constexpr std::uint64_t huge_xml_size = 32ULL << 20;   // huge_xml: about 32 MiB

// huge_screenshot's screenshot: a PNG signature and IHDR, then filler, huge_image_size bytes.
StreamedBody huge_image_body();
// huge_xml's DeviceInformationX: the phone's real fields, then <pad> elements, well-formed.
StreamedBody huge_xml_body(const Phone& phone);

// gzip_bomb's screenshot: one gzip member of about 1 MiB that inflates to
// gzip_bomb_inflated_size bytes (a PNG signature, then zeros). Built once, in a few ms.
inline constexpr std::uint64_t gzip_bomb_inflated_size = 1ULL << 30;
const std::string& gzip_bomb_body();

// Small valid images, built once: a 24x16 grey PNG (stored deflate blocks, correct CRCs and
// Adler-32) and a 16x12 24-bit BMP.
const std::string& png_image();
const std::string& bmp_image();

// <?xml version="1.0" encoding="utf-8"?><CiscoIPPhoneError Number="N" />
std::string phone_error_body(int number);

// 256 bytes of deterministic noise that is neither an image nor XML (first byte never '<',
// 'B' or 0x89).
std::string garbage_body(std::size_t seed);

} // namespace fleetsim
