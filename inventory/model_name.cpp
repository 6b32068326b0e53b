#include <inventory/model_name.hpp>

#include <algorithm>
#include <array>

namespace inventory {
namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_digit); }

// "8841", "7941G", "7975G-GE", "8865NR": four digits, up to two letters, an optional "-" suffix
// of two or three letters.
bool model_number(std::string_view text) {
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return false;
  std::size_t i = 4;
  while (i < text.size() && i < 6 && is_upper(text[i])) ++i;
  if (i == text.size()) return true;
  if (text[i] != '-') return false;
  const auto suffix = text.substr(i + 1);
  return suffix.size() >= 2 && suffix.size() <= 3 && std::all_of(suffix.begin(), suffix.end(), is_upper);
}

} // namespace

std::string model_name(std::string_view model) {
  const std::string_view given = trim(model);
  if (given.size() >= 5 && all_digits(given)) return "RisPort model " + std::string(given);
  std::string rest = upper(given);
  for (const std::string_view prefix : {"CISCO IP PHONE ", "CISCO WEBEX ", "CISCO ", "CP-", "CP "}) {
    if (rest.rfind(prefix, 0) == 0) rest.erase(0, prefix.size());
  }
  if (model_number(rest) || (rest.size() > 2 && rest.rfind("DX", 0) == 0 && all_digits(rest.substr(2))))
    return "CP-" + rest;
  if (rest.size() > 3 && rest.rfind("ATA", 0) == 0) {
    const auto number = trim(std::string_view(rest).substr(rest[3] == '-' ? 4 : 3));
    if (number.size() == 3 && all_digits(number)) return "ATA-" + std::string(number);
  }
  return std::string(model);
}

} // namespace inventory
