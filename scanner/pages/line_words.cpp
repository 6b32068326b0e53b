#include <scanner/pages/line_words.hpp>

#include <scanner/pages/ascii.hpp>

#include <algorithm>

namespace scanner::pages {

LineWords::LineWords(std::string_view line) : lowered_(line.size(), ' ') {
  // Filled in place, never resized: the words' views into the buffer stay valid.
  words_.reserve(8); // most status lines have fewer words
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && !is_alnum(line[i])) ++i;
    const std::size_t start = i;
    for (; i < line.size() && is_alnum(line[i]); ++i) lowered_[i] = lower(line[i]);
    if (i > start) words_.emplace_back(lowered_.data() + start, i - start);
  }
}

bool LineWords::has(std::string_view word) const { return std::ranges::find(words_, word) != words_.end(); }

bool LineWords::has_prefix(std::string_view prefix) const {
  return std::ranges::any_of(words_, [&](std::string_view w) { return w.starts_with(prefix); });
}

} // namespace scanner::pages
