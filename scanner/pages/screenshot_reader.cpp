#include <scanner/pages/screenshot_reader.hpp>

#include <scanner/pages/ascii.hpp>
#include <scanner/pages/html_fields.hpp>

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace scanner::pages {

namespace {

void trim_front(std::string_view& s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

// Drops what may precede the root element of an XML answer: a byte-order mark, blanks, an XML
// declaration or other processing instruction, comments, a DOCTYPE. Empty when one is unclosed.
std::string_view skip_prolog(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (true) {
    trim_front(s);
    std::string_view terminator;
    if (s.substr(0, 2) == "<?") {
      terminator = "?>";
    } else if (s.substr(0, 4) == "<!--") {
      terminator = "-->";
    } else if (s.substr(0, 2) == "<!") {
      terminator = ">";
    } else {
      return s;
    }
    const std::size_t end = s.find(terminator, 2);
    if (end == std::string_view::npos) return {};
    s.remove_prefix(end + terminator.size());
  }
}

// `s` starts with "<tag" (any case) followed by a blank, '/', '>' or the end of the body.
bool starts_with_tag(std::string_view s, std::string_view tag) {
  if (s.size() < tag.size() + 1 || s.front() != '<') return false;
  if (!iequals(s.substr(1, tag.size()), tag)) return false;
  if (s.size() == tag.size() + 1) return true;
  const char next = s[tag.size() + 1];
  return is_space(next) || next == '/' || next == '>';
}

int parse_number(std::string_view value) {
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
  if (value.empty() || value.size() > 9) return -1;
  int number = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return -1;
    number = number * 10 + (c - '0');
  }
  return number;
}

std::uint32_t little_endian32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  }
  return value;
}

constexpr std::string_view png_signature{"\x89PNG\r\n\x1a\n", 8};

struct ImageCheck {
  bool image = false;
  std::string format;
  std::string detail; // a caveat for an image, the reason for a rejected signature
};

ImageCheck check_png(std::string_view body) {
  // The IHDR chunk must come first (length 13), so 8 + 8 + 13 + 4 bytes at the very least.
  if (body.size() < 33 || body.substr(12, 4) != "IHDR") {
    return {false, {}, "PNG signature without an IHDR chunk"};
  }
  ImageCheck check{true, "png", {}};
  // A missing IEND still proves the phone authorised the request; it only warns.
  if (body.substr(body.size() - 8, 4) != "IEND") check.detail = "PNG ends without IEND (truncated?)";
  return check;
}

ImageCheck check_bmp(std::string_view body) {
  // "BM" alone is too weak (a text body may start with it): require a known DIB header size.
  constexpr std::array<std::uint32_t, 8> dib_header_sizes{12, 16, 40, 52, 56, 64, 108, 124};
  if (body.size() < 26) return {};
  const std::uint32_t dib = little_endian32(body, 14);
  bool known = false;
  for (const auto size : dib_header_sizes) known = known || size == dib;
  if (!known) return {};
  ImageCheck check{true, "bmp", {}};
  const std::uint32_t declared = little_endian32(body, 2);
  if (declared > body.size()) {
    check.detail = fmt::format("BMP shorter than its header says ({} of {} bytes)", body.size(), declared);
  }
  return check;
}

std::string status_note(long http_status) {
  return http_status == 200 ? std::string{} : fmt::format(" (HTTP {})", http_status);
}

} // namespace

std::optional<int> cisco_phone_error(std::string_view body) {
  std::string_view s = skip_prolog(body);
  constexpr std::string_view tag = "CiscoIPPhoneError";
  if (!starts_with_tag(s, tag)) return std::nullopt;
  s.remove_prefix(tag.size() + 1);
  while (!s.empty() && s.front() != '>') {
    if (is_space(s.front()) || s.front() == '/') {
      s.remove_prefix(1);
      continue;
    }
    std::size_t i = 0;
    while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    const std::string_view name = s.substr(0, i);
    s.remove_prefix(i);
    trim_front(s);
    if (s.empty() || s.front() != '=') continue;
    s.remove_prefix(1);
    trim_front(s);
    std::string_view value;
    std::size_t close = std::string_view::npos;
    if (!s.empty() && (s.front() == '"' || s.front() == '\'')) close = s.find(s.front(), 1);
    if (close != std::string_view::npos) {
      value = s.substr(1, close - 1);
      s.remove_prefix(close + 1);
    } else {
      std::size_t end = 0;
      if (!s.empty() && (s.front() == '"' || s.front() == '\'')) end = 1;
      const std::size_t value_start = end;
      while (end < s.size() && !is_space(s[end]) && s[end] != '>' && s[end] != '/') ++end;
      value = s.substr(value_start, end - value_start);
      s.remove_prefix(end);
    }
    if (iequals(name, "Number")) return parse_number(value);
  }
  return -1;
}

ScreenshotReading read_screenshot(long http_status, std::string_view content_type, std::string_view body) {
  ScreenshotReading reading;
  std::string rejected_signature;

  ImageCheck image;
  if (body.substr(0, png_signature.size()) == png_signature) {
    image = check_png(body);
    if (!image.image) rejected_signature = std::move(image.detail);
  } else if (body.substr(0, 2) == "BM") {
    image = check_bmp(body);
  } else if (starts_with_tag(skip_prolog(body), "CiscoIPPhoneImage")) {
    image = ImageCheck{true, "cip", {}};
  }
  if (image.image) {
    reading.answer = ScreenshotAnswer::image;
    reading.image_format = std::move(image.format);
    reading.detail = std::move(image.detail);
    if (http_status != 200) {
      if (!reading.detail.empty()) reading.detail += "; ";
      reading.detail += fmt::format("image under HTTP {}", http_status);
    }
    return reading;
  }

  if (const auto number = cisco_phone_error(body)) {
    reading.answer = ScreenshotAnswer::phone_error;
    reading.phone_error = *number;
    reading.detail = *number >= 0
                         ? fmt::format("CiscoIPPhoneError Number={}{}", *number, status_note(http_status))
                         : fmt::format("CiscoIPPhoneError without a readable Number{}", status_note(http_status));
    return reading;
  }

  if (http_status == 401) {
    reading.answer = ScreenshotAnswer::unauthorized;
    reading.detail = "HTTP 401 without a CiscoIPPhoneError body";
    return reading;
  }
  if (http_status == 404) {
    reading.answer = ScreenshotAnswer::not_found;
    reading.detail = "HTTP 404";
    return reading;
  }
  if (http_status != 200) {
    reading.answer = ScreenshotAnswer::http_status;
    reading.detail = fmt::format("HTTP {}", http_status);
    return reading;
  }

  reading.answer = ScreenshotAnswer::malformed;
  if (body.empty()) {
    reading.detail = "empty body";
  } else if (!rejected_signature.empty()) {
    reading.detail = std::move(rejected_signature);
  } else {
    reading.detail = fmt::format("not an image (starts with \"{}\")", printable_prefix(body));
  }
  if (!content_type.empty()) {
    reading.detail += fmt::format("; Content-Type {}", printable_prefix(content_type, 64));
  }
  return reading;
}

} // namespace scanner::pages
