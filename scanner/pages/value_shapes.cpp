#include <scanner/pages/value_shapes.hpp>

#include <scanner/pages/ascii.hpp>

#include <array>

namespace scanner::pages {

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(text[i]) != prefix[i]) return false;
  return true;
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && starts_with_ci(text.substr(text.size() - suffix.size()), suffix);
}

bool all_hex(std::string_view text) {
  for (const char c : text)
    if (!is_hex(c)) return false;
  return true;
}

} // namespace

bool looks_like_mac(std::string_view text) {
  std::size_t digits = 0;
  for (const char c : text) {
    if (c == ':' || c == '-' || c == '.' || c == ' ') continue;
    if (!is_hex(c)) return false;
    ++digits;
  }
  return digits == 12 && text.size() <= 17;
}

bool looks_like_device_name(std::string_view text) {
  return text.size() == 15 && starts_with_ci(text, "sep") && all_hex(text.substr(3));
}

bool looks_like_load(std::string_view text) {
  if (text.size() > 64) return false;
  for (const std::string_view extension : {".sbn", ".bin", ".loads"}) {
    if (ends_with_ci(text, extension)) {
      text.remove_suffix(extension.size());
      break;
    }
  }
  const std::size_t dot = text.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  for (const char c : text.substr(0, dot))
    if (!is_alnum(c) && c != '_') return false;
  const std::string_view version = text.substr(dot + 1);
  if (version.empty() || !is_digit(version.front())) return false;
  std::size_t groups = 1;
  char previous = '.';
  for (const char c : version) {
    if (c == '-') {
      if (previous == '-') return false;
      ++groups;
    } else if (!is_alnum(c)) {
      return false;
    }
    previous = c;
  }
  return groups >= 3 && previous != '-';
}

bool is_component_load(std::string_view text) {
  static constexpr std::array<std::string_view, 9> components{"rootfs", "sboot", "sb2", "boot", "jar",
                                                              "tnp",    "kern",  "dsp", "app"};
  for (const std::string_view prefix : components)
    if (starts_with_ci(text, prefix)) return true;
  return false;
}

bool looks_like_serial(std::string_view text) {
  if (text.size() != 11) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (!is_alpha(text[i]) || lower(text[i]) == text[i]) return false;
  for (std::size_t i = 3; i < 7; ++i)
    if (!is_digit(text[i])) return false;
  for (std::size_t i = 7; i < 11; ++i)
    if (!is_alnum(text[i]) || (is_alpha(text[i]) && lower(text[i]) == text[i])) return false;
  return true;
}

bool looks_like_model(std::string_view text) {
  if (text.size() > 24) return false;
  std::string_view rest;
  if (starts_with_ci(text, "cp-")) {
    rest = text.substr(3);
  } else if (starts_with_ci(text, "ata")) {
    rest = text.substr(3);
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    if (rest.empty() || !is_digit(rest.front())) return false;
  } else if (starts_with_ci(text, "dx")) {
    rest = text;
  } else {
    return false;
  }
  if (rest.empty() || !is_alnum(rest.front())) return false;
  bool digit = false;
  for (const char c : rest) {
    if (is_digit(c)) digit = true;
    if (!is_alnum(c) && c != '-' && c != '_') return false;
  }
  // "DX" must be followed by its number: "DXA" is a word, not a model.
  if (starts_with_ci(text, "dx") && (text.size() < 3 || !is_digit(text[2]))) return false;
  return digit;
}

} // namespace scanner::pages
