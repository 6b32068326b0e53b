#include <util/json_text.hpp>

#include <util/utf8.hpp>

namespace util {
namespace {

void append_u_escape(std::string& out, unsigned char byte) {
  constexpr std::string_view hex = "0123456789abcdef";
  out += "\\u00";
  out += hex[byte >> 4];
  out += hex[byte & 0xF];
}

} // namespace

void append_json_string(std::string& out, std::string_view text, JsonIn where) {
  const bool script = where == JsonIn::script;
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
      ++i;
    } else if (byte < 0x20 || (script && (byte == '<' || byte == '>' || byte == '&'))) {
      append_u_escape(out, byte);
      ++i;
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      const std::string_view sequence = text.substr(i, length);
      if (script && (sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9"))
        out += sequence.back() == '\xA8' ? "\\u2028" : "\\u2029";
      else out.append(sequence);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

std::string json_string_array(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (const auto& text : texts) {
    if (out.size() > 1) out += ',';
    append_json_string(out, text);
  }
  return out + "]";
}

} // namespace util
