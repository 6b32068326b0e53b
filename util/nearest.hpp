#pragma once
// "Did you mean …?": the candidate closest to a mistyped word by edit distance (insertions,
// deletions, substitutions and swaps of two neighbours each cost 1), for messages that name what
// the user most likely meant: a subcommand, a config key, an option.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace util {

// The optimal string alignment distance between `a` and `b`, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, when it is within a third of the word's length (at least 1,
// at most 3 edits) or the word is a prefix of exactly that one; nullopt otherwise. Ties go to the
// first candidate.
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates);

} // namespace util
