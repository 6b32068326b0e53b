#include <scanner/cucm_answer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace scanner {
namespace {

std::string upper_letters_and_dashes(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 4096)) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) || c == '-') out.push_back(static_cast<char>(std::toupper(u)));
    else if (!out.empty() && out.back() != ' ') out.push_back(' ');
  }
  return out;
}

bool has_word(const std::string& text, std::string_view word) {
  std::size_t pos = 0;
  while ((pos = text.find(word, pos)) != std::string::npos) {
    const bool start_ok = pos == 0 || text[pos - 1] == ' ';
    const std::size_t end = pos + word.size();
    const bool end_ok = end == text.size() || text[end] == ' ';
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}

} // namespace

CucmVerdict read_cucm_answer(long http_status, std::string_view body) {
  if (http_status != 200) return {CucmAuth::error, fmt::format("CUCM answered HTTP {}", http_status)};
  const std::string words = upper_letters_and_dashes(body);
  // UN-AUTHORIZED contains AUTHORIZED: look for the negative first.
  if (has_word(words, "UN-AUTHORIZED") || has_word(words, "UNAUTHORIZED")) return {CucmAuth::unauthorized, {}};
  if (has_word(words, "AUTHORIZED")) return {CucmAuth::authorized, {}};
  if (has_word(words, "ERROR")) return {CucmAuth::error, "CUCM answered ERROR"};
  std::string preview;
  for (char c : body.substr(0, 40)) preview += std::isprint(static_cast<unsigned char>(c)) ? c : '.';
  return {CucmAuth::error, fmt::format("unexpected CUCM answer: \"{}\"", preview)};
}

} // namespace scanner
