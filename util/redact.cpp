#include <util/redact.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace util {
namespace {

constexpr std::string_view marker = "[redacted]";
constexpr std::size_t shortest_spelling = 4;

// The base64 of `bytes` up to its last complete group: the part that does not depend on what
// follows the bytes in a longer encoded text.
std::string base64_groups(std::string_view bytes) { return base64(bytes.substr(0, bytes.size() / 3 * 3)); }

} // namespace

std::string form_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left > 1) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (left > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(group >> 18) & 63];
    out += alphabet[(group >> 12) & 63];
    out += left > 1 ? alphabet[(group >> 6) & 63] : '=';
    out += left > 2 ? alphabet[group & 63] : '=';
  }
  return out;
}

Redactor::Redactor(std::string_view user, std::string_view password) {
  if (password.empty()) return;
  std::string basic(user);
  basic += ':';
  basic += password;
  for (std::string spelling :
       {std::string(password), form_encode(password), base64_groups(password), base64_groups(basic)}) {
    if (spelling.size() >= shortest_spelling &&
        std::find(spellings_.begin(), spellings_.end(), spelling) == spellings_.end())
      spellings_.push_back(std::move(spelling));
  }
  std::fill(basic.begin(), basic.end(), '\0');
  // Longest first: a spelling that contains another is replaced whole.
  std::sort(spellings_.begin(), spellings_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

Redactor::~Redactor() {
  for (auto& spelling : spellings_) std::fill(spelling.begin(), spelling.end(), '\0');
}

void Redactor::apply(std::string& text) const {
  for (const auto& spelling : spellings_)
    for (auto at = text.find(spelling); at != std::string::npos; at = text.find(spelling, at + marker.size()))
      text.replace(at, spelling.size(), marker);
}

std::string Redactor::operator()(std::string_view text) const {
  std::string out(text);
  apply(out);
  return out;
}

} // namespace util
