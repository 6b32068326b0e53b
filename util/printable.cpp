#include <util/printable.hpp>

#include <util/utf8.hpp>

namespace util {
namespace {

constexpr char hex[] = "0123456789abcdef";

bool kept_break(unsigned char byte, LineBreaks breaks) {
  return breaks == LineBreaks::keep && (byte == '\t' || byte == '\n' || byte == '\r');
}

// The length of the run starting at `i` that is copied as it is; 0 when text[i] needs escaping.
std::size_t plain_length(std::string_view text, std::size_t i, LineBreaks breaks) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte >= 0x20 && byte < 0x7F) return 1;
  if (byte < 0x80) return kept_break(byte, breaks) ? 1 : 0;
  const std::size_t length = utf8_sequence_length(text, i);
  // U+0080-U+009F are encoded as C2 80 - C2 9F.
  if (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) return 0;
  return length;
}

void append_escaped(std::string& out, std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  switch (byte) {
  case '\n': out += "\\n"; break;
  case '\r': out += "\\r"; break;
  case '\t': out += "\\t"; break;
  default:
    if (byte == 0xC2 && utf8_sequence_length(text, i) == 2) {
      const auto c1 = static_cast<unsigned char>(text[++i]); // C2 XX encodes U+00XX
      out += "\\u00";
      out += hex[c1 >> 4];
      out += hex[c1 & 15];
    } else {
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  ++i;
}

} // namespace

void append_printable(std::string& out, std::string_view text, LineBreaks breaks) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy the longest plain run at once: nearly all text is plain.
    const std::size_t start = i;
    std::size_t length = 0;
    while (i < text.size() && (length = plain_length(text, i, breaks)) > 0) i += length;
    out.append(text.substr(start, i - start));
    if (i < text.size()) append_escaped(out, text, i);
  }
}

std::string printable(std::string_view text, LineBreaks breaks) {
  std::string out;
  out.reserve(text.size());
  append_printable(out, text, breaks);
  return out;
}

bool is_printable(std::string_view text, LineBreaks breaks) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = plain_length(text, i, breaks);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

} // namespace util
