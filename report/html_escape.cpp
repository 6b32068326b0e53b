#include <report/html_escape.hpp>

#include <util/printable.hpp>

namespace report {

void append_html_escaped(std::string& out, std::string_view text) {
  if (!util::is_printable(text, util::LineBreaks::keep)) {
    append_html_escaped(out, util::printable(text, util::LineBreaks::keep));
    return;
  }
  out.reserve(out.size() + text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
}

std::string html_escape(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

} // namespace report
