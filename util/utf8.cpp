#include <util/utf8.hpp>

namespace util {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

} // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = at(i);
  const std::size_t left = text.size() - i;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(at(i + 1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !continuation(at(i + 1)) || !continuation(at(i + 2))) return 0;
    if (lead == 0xE0 && at(i + 1) < 0xA0) return 0; // overlong
    if (lead == 0xED && at(i + 1) > 0x9F) return 0; // UTF-16 surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !continuation(at(i + 1)) || !continuation(at(i + 2)) || !continuation(at(i + 3))) return 0;
    if (lead == 0xF0 && at(i + 1) < 0x90) return 0; // overlong
    if (lead == 0xF4 && at(i + 1) > 0x8F) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

void append_valid_utf8(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy the longest valid run at once: nearly all text is valid.
    const std::size_t start = i;
    std::size_t length = 0;
    while (i < text.size() && (length = utf8_sequence_length(text, i)) > 0) i += length;
    out.append(text.substr(start, i - start));
    if (i < text.size()) {
      out.append(replacement);
      ++i;
    }
  }
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

} // namespace util
