#pragma once
// The one JSON string escaper, for every JSON text phonesweep writes: the database's JSON columns
// (extra columns, run options, the CUCM and credentials views), JSON logs and the HTML report's
// data block. One escaper, so all of them carry the same guarantees.
#include <string>
#include <string_view>
#include <vector>

namespace util {

enum class JsonIn {
  text,   // a JSON document of its own
  script, // also inside an HTML <script> element: < > & become \u escapes, so that no value can
          // close the element or open a comment, and U+2028/2029 too, for older JavaScript parsers
};

// Appends `text` as a JSON string literal. Quotes, backslashes and control characters are
// escaped; bytes that are not valid UTF-8 (a Latin-1 inventory, a hostile phone) become U+FFFD,
// since JSON cannot carry them and SQLite's json_valid() would reject the text.
void append_json_string(std::string& out, std::string_view text, JsonIn where = JsonIn::text);

// The same, as a new string.
std::string json_string(std::string_view text);

// A JSON array of string literals, each escaped as above.
std::string json_string_array(const std::vector<std::string>& texts);

} // namespace util
