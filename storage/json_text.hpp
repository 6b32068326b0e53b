#pragma once
// JSON string literals for every JSON text phonesweep writes (results' extra columns, run options,
// the CUCM view, merge, JSON logs): one escaper, so all of them carry the same guarantees.
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// Appends `text` as a JSON string literal. Quotes, backslashes and control characters are
// escaped; bytes that are not valid UTF-8 (a Latin-1 inventory, a hostile phone) become U+FFFD,
// since JSON cannot carry them and SQLite's json_valid() would reject the text.
void append_json_string(std::string& out, std::string_view text);

// The same, as a new string.
std::string json_string(std::string_view text);

// A JSON array of string literals, each escaped as above.
std::string json_string_array(const std::vector<std::string>& texts);

} // namespace storage
