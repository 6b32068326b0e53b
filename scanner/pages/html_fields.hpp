#pragma once
// A tolerant HTML-to-text reader for the pages phones serve: it turns markup into the sequence
// of text cells a person sees, and finds "label -> value" pairs in it. It never fails: garbage
// in gives few or no cells out. One pass, no recursion, linear in the input size.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::pages {

// One run of visible text between separating elements (table cells, rows, paragraphs, <br>,
// block elements). Text is entity-decoded, whitespace-collapsed, trimmed and never empty.
struct TextCell {
  std::string text;
  std::uint32_t row = 0;       // 0 outside any table row; otherwise unique per <tr>
  std::uint32_t column = 0;    // index of its <td>/<th> in the row, empty cells counted
  std::uint32_t row_width = 0; // number of <td>/<th> in that row (0 outside rows)
};

struct CellOptions {
  // Also break cells at line ends, as inside <pre>; for logs where one line is one message.
  bool newline_breaks = false;
};

// Text cells of `html` in document order. Tag names are case-insensitive; unclosed and stray
// tags, comments, <script>/<style> content and unknown entities are tolerated. An <input>'s
// value attribute counts as a cell (pages show some settings in form fields).
std::vector<TextCell> html_cells(std::string_view html, CellOptions options = {});

// Decodes &nbsp; &amp; &lt; &gt; &quot; &apos; &#NN; &#xHH; (unknown or malformed entities
// stay as written). &nbsp; becomes a plain space.
std::string decode_entities(std::string_view text);

// The value shown for the first cell whose text equals one of `labels` (ASCII case-insensitive,
// a trailing colon ignored), or for a cell written "Label: value".
// - In a table row: the next non-empty cell of the same row; an empty string when the row has
//   further cells but they are all empty (the phone shows the field without a value); the
//   first cell of a following row when the label's cell is the last of its row.
// - Outside tables: the next cell.
// std::nullopt when no label matches or nothing follows it.
std::optional<std::string> find_field(std::span<const TextCell> cells, std::initializer_list<std::string_view> labels);

// As find_field, with labels recognised by `is_label` (given a cell's text, and for a cell
// written "Label: value" the text before the colon). Labels are tried in document order until
// `accept` (when given) takes the value shown for one; std::nullopt when none is taken.
std::optional<std::string> find_field_if(std::span<const TextCell> cells,
                                         const std::function<bool(std::string_view)>& is_label,
                                         const std::function<bool(std::string_view)>& accept = {});

// The texts a cell is read as a label in, as find_field_if reads them: the whole cell without a
// trailing colon, and for a cell written "Label: value" the text before its first colon, as
// a label too (std::nullopt when the cell has no colon after its first character).
struct LabelTexts {
  std::string_view whole;
  std::optional<std::string_view> before_colon;
};
LabelTexts label_texts(std::string_view cell_text);

// Where cells[at] holds a label: as the whole cell, or before the colon of "Label: value".
enum class LabelPlace { whole_cell, before_colon };

// The value shown for the label at `place` in cells[at], by find_field's rules (before_colon:
// the text after the colon, std::nullopt when there is none).
std::optional<std::string> labelled_value(std::span<const TextCell> cells, std::size_t at, LabelPlace place);

// At most `max_bytes` of `bytes` as printable ASCII: \n \r \t \" \\ escaped, other bytes as
// \xHH, and "..." appended when cut. For quoting what a phone sent in a one-line detail.
std::string printable_prefix(std::string_view bytes, std::size_t max_bytes = 16);

// ASCII case-insensitive equality; phones vary the casing of labels between models.
bool iequals(std::string_view a, std::string_view b);

} // namespace scanner::pages
