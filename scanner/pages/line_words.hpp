#pragma once
// The words of one status line, read once: runs of ASCII letters and digits, lower-cased into
// one buffer, every other byte (blanks, punctuation, the bytes of a UTF-8 sequence) separating
// them. classify_trust_message asks a line for a dozen words; it used to build a vector of
// strings per line and scan it for each (issue 18: ~2,600 instructions per line).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::pages {

class LineWords {
public:
  explicit LineWords(std::string_view line);
  // The words point into this object's buffer.
  LineWords(const LineWords&) = delete;
  LineWords& operator=(const LineWords&) = delete;
  LineWords(LineWords&&) = delete;
  LineWords& operator=(LineWords&&) = delete;
  ~LineWords() = default;

  // In line order, lower-case, never empty.
  [[nodiscard]] std::span<const std::string_view> words() const { return words_; }
  // Whether a word equals `word` (given in lower case).
  [[nodiscard]] bool has(std::string_view word) const;
  // Whether a word starts with `prefix` (given in lower case).
  [[nodiscard]] bool has_prefix(std::string_view prefix) const;

private:
  std::string lowered_;
  std::vector<std::string_view> words_;
};

} // namespace scanner::pages
