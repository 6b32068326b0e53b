#pragma once
// UTF-8 well-formedness (RFC 3629). Phones and inventories sometimes hand us Latin-1 or garbage;
// everything we export (JSON in the database, CSV, HTML) must be valid UTF-8, and this is the one
// place that decides what valid means.
#include <cstddef>
#include <string>
#include <string_view>

namespace util {

// Length (1-4) of the well-formed sequence starting at text[i]; 0 when it is ill-formed
// (a stray continuation byte, a truncated or overlong sequence, a surrogate, above U+10FFFF).
// Requires i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Appends `text` with every byte that does not start a well-formed sequence replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view text);

bool is_valid_utf8(std::string_view text);

} // namespace util
