#pragma once
// The one HTML escaper: every value a report puts into a page goes through it. Escapes
// & < > " ' so that the result is safe in element text and in quoted attribute values alike, and
// shows control characters as text (util/printable.hpp; tab and line breaks stay).
#include <string>
#include <string_view>

namespace report {

void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

} // namespace report
