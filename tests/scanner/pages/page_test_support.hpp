#pragma once
// Helpers shared by the page reader tests: readable names for the reader enums in Catch2
// failure messages, and byte builders for screenshot bodies.
#include <scanner/evidence.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace Catch {

template <>
struct StringMaker<diagnosis::ScreenshotAnswer> {
  static std::string convert(diagnosis::ScreenshotAnswer value) { return std::string(diagnosis::to_string(value)); }
};

template <>
struct StringMaker<diagnosis::ItlState> {
  static std::string convert(diagnosis::ItlState value) { return std::string(diagnosis::to_string(value)); }
};

template <>
struct StringMaker<scanner::pages::TrustMessage> {
  static std::string convert(scanner::pages::TrustMessage value) {
    using scanner::pages::TrustMessage;
    switch (value) {
    case TrustMessage::none: return "none";
    case TrustMessage::installed: return "installed";
    case TrustMessage::update_failed: return "update_failed";
    case TrustMessage::not_installed: return "not_installed";
    case TrustMessage::erasing: return "erasing";
    case TrustMessage::ctl_update_failed: return "ctl_update_failed";
    case TrustMessage::ctl_file_missing: return "ctl_file_missing";
    }
    return "TrustMessage(?)";
  }
};

} // namespace Catch

namespace page_test {

inline void put_le32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

inline void put_be32(std::string& out, std::uint32_t value) {
  for (int i = 3; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A minimal but structurally complete PNG: signature, IHDR (1x1, 8-bit RGB), IEND. CRCs are
// not checked by the reader, so they are left zero except IEND's well-known one.
inline std::string png_image() {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  put_be32(png, 13);
  png += "IHDR";
  put_be32(png, 1); // width
  put_be32(png, 1); // height
  png += std::string("\x08\x02\x00\x00\x00", 5);
  put_be32(png, 0);
  put_be32(png, 0);
  png += "IEND";
  png += std::string("\xAE\x42\x60\x82", 4);
  return png;
}

// A 1x1 24-bit BMP with a BITMAPINFOHEADER (DIB header size 40); `declared_size` lets a test
// claim more bytes than are present.
inline std::string bmp_image(std::uint32_t dib_header_size = 40, std::uint32_t declared_size = 0) {
  std::string bmp = "BM";
  const std::uint32_t total = 14 + 40 + 4;
  put_le32(bmp, declared_size != 0 ? declared_size : total);
  put_le32(bmp, 0);       // reserved
  put_le32(bmp, 14 + 40); // pixel data offset
  put_le32(bmp, dib_header_size);
  put_le32(bmp, 1);                          // width
  put_le32(bmp, 1);                          // height
  bmp += std::string("\x01\x00\x18\x00", 4); // planes, bits per pixel
  bmp += std::string(40 - 16, '\0');
  bmp += std::string("\x00\x00\xFF\x00", 4); // one red pixel, padded
  return bmp;
}

} // namespace page_test
