#pragma once
// Text from an inventory, a phone or the CUCM shown where a control character would act instead
// of being read: a log line on a terminal (a newline forges a second line, ESC [ drives the
// terminal), a report cell opened in a pager. Every control character becomes visible text; the
// JSON log and the JSON in the database have their own escaping (util/json_text.hpp).
#include <string>
#include <string_view>

namespace util {

enum class LineBreaks {
  escape, // a log line: \t \n \r are written as the two characters \t \n \r
  keep,   // a report cell, which may hold several lines: TAB, LF and CR stay as they are
};

// Appends `text` with \n \r \t (unless kept), \xNN for the other C0 controls, DEL and every byte
// that does not start well-formed UTF-8, and \u00NN for the C1 controls U+0080-U+009F (which
// some terminals obey as ESC sequences). Printable ASCII and well-formed UTF-8 are copied.
void append_printable(std::string& out, std::string_view text, LineBreaks breaks = LineBreaks::escape);
std::string printable(std::string_view text, LineBreaks breaks = LineBreaks::escape);

// Whether append_printable would copy `text` unchanged.
bool is_printable(std::string_view text, LineBreaks breaks = LineBreaks::escape);

} // namespace util
