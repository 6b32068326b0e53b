#include <scanner/pages/html_fields.hpp>

#include <scanner/pages/ascii.hpp>

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

namespace scanner::pages {

namespace {

constexpr unsigned hex_value(char c) {
  return is_digit(c) ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(lower(c) - 'a' + 10);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Code points that render as blank space; they separate words like ASCII whitespace does.
constexpr bool is_blank_code_point(std::uint32_t cp) {
  return cp == 0x20 || cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x0C || cp == 0xA0;
}

struct Entity {
  std::size_t length = 0; // 0: no entity recognised at this position
  std::uint32_t code_point = 0;
};

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};
constexpr std::array<NamedEntity, 6> named_entities{{
    {"nbsp", 0xA0},
    {"amp", '&'},
    {"lt", '<'},
    {"gt", '>'},
    {"quot", '"'},
    {"apos", '\''},
}};

// s[pos] is '&'. Numeric references take at most 8 digits so that garbage cannot overflow.
Entity entity_at(std::string_view s, std::size_t pos) {
  std::size_t i = pos + 1;
  if (i < s.size() && s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    std::uint32_t value = 0;
    while (i < s.size() && i - digits_start < 8 && (hex ? is_hex(s[i]) : is_digit(s[i]))) {
      value = value * (hex ? 16U : 10U) + hex_value(s[i]);
      ++i;
    }
    if (i == digits_start) return {};
    if (i < s.size() && s[i] == ';') ++i;
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) value = 0xFFFD;
    return {i - pos, value};
  }
  const std::size_t name_start = i;
  while (i < s.size() && i - name_start < 8 && is_alnum(s[i])) ++i;
  const std::string_view name = s.substr(name_start, i - name_start);
  for (const auto& entity : named_entities) {
    if (!iequals(name, entity.name)) continue;
    // Phones write &nbsp; but old pages also use the legacy form without the semicolon.
    if (i < s.size() && s[i] == ';') return {i + 1 - pos, entity.code_point};
    if (entity.name != "apos") return {i - pos, entity.code_point};
  }
  return {};
}

// Appends `raw` to `out` with entities decoded and whitespace collapsed (no leading blank).
void append_collapsed(std::string& out, std::string_view raw) {
  bool blank = false;
  for (std::size_t i = 0; i < raw.size();) {
    const char c = raw[i];
    std::uint32_t cp = static_cast<unsigned char>(c);
    std::size_t used = 1;
    if (c == '&') {
      if (const Entity e = entity_at(raw, i); e.length != 0) {
        cp = e.code_point;
        used = e.length;
      }
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < raw.size() &&
               static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
      cp = 0xA0;
      used = 2;
    }
    i += used;
    if (is_blank_code_point(cp) || cp < 0x20 || cp == 0x7F) {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    if (used == 1 && cp >= 0x80) {
      out += c; // a raw byte (UTF-8 or legacy charset): passed through untouched
    } else {
      append_utf8(out, cp);
    }
  }
}

enum class TagKind { other, block, table, row, cell, raw_text, preformatted, input, line_break };

// A tag name (at most 16 bytes, no NUL: tag_name gives no longer ones) as two integers.
struct NameKey {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend constexpr auto operator<=>(const NameKey&, const NameKey&) = default;
};

constexpr NameKey key_of(std::string_view name) {
  NameKey key;
  for (std::size_t i = 0; i < name.size() && i < 16; ++i) {
    const std::uint64_t byte = static_cast<unsigned char>(name[i]);
    (i < 8 ? key.low : key.high) |= byte << (8 * (i % 8));
  }
  return key;
}

TagKind kind_of(std::string_view name) {
  struct Entry {
    std::string_view name;
    TagKind kind;
  };
  static constexpr std::array<Entry, 48> table{{
      {"blockquote", TagKind::block},
      {"body", TagKind::block},
      {"br", TagKind::line_break},
      {"button", TagKind::block},
      {"caption", TagKind::block},
      {"center", TagKind::block},
      {"dd", TagKind::block},
      {"div", TagKind::block},
      {"dl", TagKind::block},
      {"dt", TagKind::block},
      {"fieldset", TagKind::block},
      {"footer", TagKind::block},
      {"form", TagKind::block},
      {"h1", TagKind::block},
      {"h2", TagKind::block},
      {"h3", TagKind::block},
      {"h4", TagKind::block},
      {"h5", TagKind::block},
      {"h6", TagKind::block},
      {"head", TagKind::block},
      {"header", TagKind::block},
      {"hr", TagKind::block},
      {"html", TagKind::block},
      {"input", TagKind::input},
      {"label", TagKind::block},
      {"legend", TagKind::block},
      {"li", TagKind::block},
      {"listing", TagKind::preformatted},
      {"ol", TagKind::block},
      {"option", TagKind::block},
      {"p", TagKind::block},
      {"plaintext", TagKind::preformatted},
      {"pre", TagKind::preformatted},
      {"script", TagKind::raw_text},
      {"section", TagKind::block},
      {"select", TagKind::block},
      {"style", TagKind::raw_text},
      {"table", TagKind::table},
      {"tbody", TagKind::block},
      {"td", TagKind::cell},
      {"textarea", TagKind::preformatted},
      {"tfoot", TagKind::block},
      {"th", TagKind::cell},
      {"thead", TagKind::block},
      {"title", TagKind::block},
      {"tr", TagKind::row},
      {"ul", TagKind::block},
      {"xmp", TagKind::preformatted},
  }};
  // By key, sorted: a page is mostly tags, and a binary search over integers is cheaper than
  // comparing the name with every entry.
  static constexpr auto by_key = [] {
    std::array<std::pair<NameKey, TagKind>, table.size()> keyed{};
    for (std::size_t i = 0; i < table.size(); ++i) keyed[i] = {key_of(table[i].name), table[i].kind};
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return keyed;
  }();
  const NameKey key = key_of(name);
  const auto found = std::lower_bound(by_key.begin(), by_key.end(), key,
                                      [](const auto& entry, const NameKey& wanted) { return entry.first < wanted; });
  return found != by_key.end() && found->first == key ? found->second : TagKind::other;
}

class Tokenizer {
public:
  Tokenizer(std::string_view html, CellOptions options) : in_(html), options_(options) {
    no_quote_from_.fill(html.size() + 1);
  }

  std::vector<TextCell> run() {
    std::size_t i = 0;
    while (i < in_.size()) {
      const char c = in_[i];
      if (c == '<') {
        i = markup(i);
      } else if (c == '&') {
        const Entity e = entity_at(in_, i);
        if (e.length == 0) {
          put(c);
          ++i;
        } else {
          put_code_point(e.code_point);
          i += e.length;
        }
      } else if (c == '\n') {
        if (options_.newline_breaks || preformatted_ > 0) {
          flush();
        } else {
          blank_ = true;
        }
        ++i;
      } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < in_.size() &&
                 static_cast<unsigned char>(in_[i + 1]) == 0xA0) {
        blank_ = true;
        i += 2;
      } else if (is_space(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        blank_ = true;
        ++i;
      } else {
        i = put_text_run(i);
      }
    }
    flush();
    for (auto& cell : cells_) {
      if (cell.row != 0) cell.row_width = std::max(widths_[cell.row], cell.column + 1);
    }
    return std::move(cells_);
  }

private:
  struct RowContext {
    std::uint32_t row;
    std::uint32_t column;
  };
  static constexpr std::size_t max_table_depth = 64;

  void put(char c) {
    if (blank_ && !current_.empty()) current_ += ' ';
    blank_ = false;
    current_ += c;
  }

  // Puts in_[at] and the bytes after it that need no decoding; returns the position after them.
  // Appending a run at once instead of byte by byte: most of a page's text is such runs.
  std::size_t put_text_run(std::size_t at) {
    std::size_t end = at + 1;
    while (end < in_.size() && is_plain_text(in_[end])) ++end;
    if (blank_ && !current_.empty()) current_ += ' ';
    blank_ = false;
    current_.append(in_.substr(at, end - at));
    return end;
  }

  // A byte run() passes through as it is (not markup, an entity, a blank or a control, nor the
  // first byte of a UTF-8 no-break space).
  static constexpr bool is_plain_text(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7F && c != '<' && c != '&' && byte != 0xC2;
  }

  void put_code_point(std::uint32_t cp) {
    if (is_blank_code_point(cp)) {
      blank_ = true;
      return;
    }
    if (blank_ && !current_.empty()) current_ += ' ';
    blank_ = false;
    append_utf8(current_, cp);
  }

  void flush() {
    blank_ = false;
    if (current_.empty()) return;
    // A copy, not a move: the cell gets a buffer of its size (none when short), and current_
    // keeps its capacity for the next cell instead of growing it again from nothing.
    cells_.push_back(TextCell{current_, row_, row_ != 0 ? column_ : 0, 0});
    current_.clear();
  }

  void open_row() {
    row_ = static_cast<std::uint32_t>(widths_.size());
    widths_.push_back(0);
    column_ = 0;
  }

  // Finds `quote` at or after `from`. Remembers a failed search: if none exists after `from`,
  // none exists after any later position, which keeps unbalanced quotes in garbage linear.
  std::size_t find_quote(char quote, std::size_t from) {
    const std::size_t slot = quote == '"' ? 0 : 1;
    if (from >= no_quote_from_[slot]) return std::string_view::npos;
    const std::size_t at = in_.find(quote, from);
    if (at == std::string_view::npos) no_quote_from_[slot] = from;
    return at;
  }

  // in_[at] is '<'. Returns the position just after the markup (or after a literal '<').
  std::size_t markup(std::size_t at) {
    const std::size_t n = in_.size();
    if (in_.substr(at, 4) == "<!--") {
      const std::size_t end = in_.find("-->", at + 4);
      return end == std::string_view::npos ? n : end + 3;
    }
    if (at + 1 < n && (in_[at + 1] == '!' || in_[at + 1] == '?')) {
      const std::size_t end = in_.find('>', at + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    const bool closing = at + 1 < n && in_[at + 1] == '/';
    std::size_t i = at + (closing ? 2 : 1);
    if (i >= n || !is_alpha(in_[i])) {
      put('<');
      return at + 1;
    }
    const std::string_view name = tag_name(i);
    if (i < n && !is_space(in_[i]) && in_[i] != '/' && in_[i] != '>') {
      // "<CTLFile.tlv>" in a log line is text, not markup.
      put('<');
      return at + 1;
    }
    const TagKind kind = kind_of(name);
    if (closing) {
      const std::size_t end = in_.find('>', i);
      close_tag(kind);
      return end == std::string_view::npos ? n : end + 1;
    }
    StartTag tag;
    i = attributes(i, kind == TagKind::input, tag);
    return open_tag(kind, name, tag.self_closing, i, tag.has_value, tag.value, tag.type);
  }

  // The tag name starting at in_[i], lower-cased (empty when longer than any name this reads);
  // `i` moves past it.
  std::string_view tag_name(std::size_t& i) {
    const std::size_t n = in_.size();
    std::size_t name_length = 0;
    while (i < n && (is_alnum(in_[i]) || in_[i] == '-' || in_[i] == ':' || in_[i] == '_')) {
      if (name_length < name_buffer_.size()) name_buffer_[name_length] = lower(in_[i]);
      ++name_length;
      ++i;
    }
    return name_length <= name_buffer_.size() ? std::string_view(name_buffer_.data(), name_length) : std::string_view{};
  }

  struct StartTag {
    std::string_view value; // an input's value and type attributes
    std::string_view type;
    bool has_value = false;
    bool self_closing = false;
  };

  // Reads a start tag's attributes from in_[i]; returns the position just after its '>' (or the
  // end). Keeps the value and type when `input`.
  std::size_t attributes(std::size_t i, bool input, StartTag& tag) {
    const std::size_t n = in_.size();
    while (i < n) {
      const char c = in_[i];
      if (c == '>') return i + 1;
      if (is_space(c)) {
        ++i;
        continue;
      }
      if (c == '/') {
        tag.self_closing = i + 1 < n && in_[i + 1] == '>';
        ++i;
        continue;
      }
      const std::size_t attribute_start = i;
      while (i < n && !is_space(in_[i]) && in_[i] != '=' && in_[i] != '>' && in_[i] != '/') ++i;
      const std::string_view attribute = in_.substr(attribute_start, i - attribute_start);
      while (i < n && is_space(in_[i])) ++i;
      if (i >= n || in_[i] != '=') continue;
      ++i;
      while (i < n && is_space(in_[i])) ++i;
      const std::string_view value = attribute_value(i);
      if (!input) continue;
      if (iequals(attribute, "value")) {
        tag.value = value;
        tag.has_value = true;
      } else if (iequals(attribute, "type")) {
        tag.type = value;
      }
    }
    return i;
  }

  // An attribute's value at in_[i], quoted or bare; `i` moves past it.
  std::string_view attribute_value(std::size_t& i) {
    const std::size_t n = in_.size();
    std::size_t close = std::string_view::npos;
    if (i < n && (in_[i] == '"' || in_[i] == '\'')) close = find_quote(in_[i], i + 1);
    if (close != std::string_view::npos) {
      const std::string_view value = in_.substr(i + 1, close - i - 1);
      i = close + 1;
      return value;
    }
    const std::size_t value_start = i;
    while (i < n && !is_space(in_[i]) && in_[i] != '>') ++i;
    return in_.substr(value_start, i - value_start);
  }

  std::size_t open_tag(TagKind kind, std::string_view name, bool self_closing, std::size_t after, bool has_value,
                       std::string_view value, std::string_view type) {
    switch (kind) {
    case TagKind::other: break;
    case TagKind::block:
    case TagKind::line_break: flush(); break;
    case TagKind::table:
      flush();
      if (saved_.size() < max_table_depth) {
        saved_.push_back({row_, column_});
      } else {
        ++overflow_depth_;
      }
      row_ = 0;
      column_ = 0;
      break;
    case TagKind::row:
      flush();
      open_row();
      break;
    case TagKind::cell:
      flush();
      if (row_ == 0) open_row(); // a cell without <tr>: browsers imply the row
      column_ = widths_[row_]++;
      break;
    case TagKind::preformatted:
      flush();
      if (!self_closing) ++preformatted_;
      break;
    case TagKind::input:
      flush();
      if (has_value && input_shows_value(type)) {
        append_collapsed(current_, value);
        flush();
      }
      break;
    case TagKind::raw_text:
      flush();
      if (!self_closing) return skip_raw_text(name, after);
      break;
    }
    return after;
  }

  void close_tag(TagKind kind) {
    switch (kind) {
    case TagKind::other:
    case TagKind::raw_text:
    case TagKind::input: break;
    case TagKind::block:
    case TagKind::line_break:
    case TagKind::cell: flush(); break;
    case TagKind::row:
      flush();
      row_ = 0;
      column_ = 0;
      break;
    case TagKind::table:
      flush();
      if (overflow_depth_ > 0) {
        --overflow_depth_;
        row_ = 0;
        column_ = 0;
      } else if (!saved_.empty()) {
        row_ = saved_.back().row;
        column_ = saved_.back().column;
        saved_.pop_back();
      } else {
        row_ = 0;
        column_ = 0;
      }
      break;
    case TagKind::preformatted:
      flush();
      if (preformatted_ > 0) --preformatted_;
      break;
    }
  }

  static bool input_shows_value(std::string_view type) {
    for (std::string_view hidden :
         {"hidden", "password", "submit", "button", "reset", "image", "checkbox", "radio", "file"}) {
      if (iequals(type, hidden)) return false;
    }
    return true;
  }

  // Skips the content of <script>/<style> up to its end tag (or the end of input).
  std::size_t skip_raw_text(std::string_view name, std::size_t from) const {
    std::size_t i = from;
    while (true) {
      i = in_.find("</", i);
      if (i == std::string_view::npos) return in_.size();
      const std::string_view candidate = in_.substr(i + 2, name.size());
      const std::size_t after_name = i + 2 + name.size();
      if (iequals(candidate, name) && (after_name >= in_.size() || !is_alnum(in_[after_name]))) {
        const std::size_t end = in_.find('>', after_name);
        return end == std::string_view::npos ? in_.size() : end + 1;
      }
      i += 2;
    }
  }

  std::string_view in_;
  CellOptions options_;
  std::array<char, 16> name_buffer_{}; // the tag name markup() is reading
  std::vector<TextCell> cells_;
  std::string current_;
  bool blank_ = false;
  std::uint32_t row_ = 0;
  std::uint32_t column_ = 0;
  std::vector<std::uint32_t> widths_{0}; // indexed by row id; id 0 means "no row"
  std::vector<RowContext> saved_;        // enclosing rows of nested tables
  std::size_t overflow_depth_ = 0;
  int preformatted_ = 0;
  std::array<std::size_t, 2> no_quote_from_{};
};

// A cell's text as a label: without a trailing colon and the blanks before it.
std::string_view as_label(std::string_view text) {
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

// "Label: value" in one cell (logs, <pre> pages); the value, or empty when not of that form.
std::string_view inline_value(std::string_view text, std::string_view label) {
  if (text.size() <= label.size() || !iequals(text.substr(0, label.size()), label)) return {};
  std::string_view rest = text.substr(label.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest.front() != ':') return {};
  rest.remove_prefix(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

std::optional<std::string> value_after(std::span<const TextCell> cells, std::size_t at) {
  const TextCell& label = cells[at];
  const bool has_next = at + 1 < cells.size();
  if (label.row != 0) {
    if (has_next && cells[at + 1].row == label.row) return cells[at + 1].text;
    if (label.column + 1 < label.row_width) return std::string{};
  }
  if (has_next) return cells[at + 1].text;
  return std::nullopt;
}

} // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string printable_prefix(std::string_view bytes, std::size_t max_bytes) {
  std::string out;
  const std::string_view shown = bytes.substr(0, max_bytes);
  for (const char c : shown) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    default:
      if (byte >= 0x20 && byte < 0x7F) {
        out += c;
      } else {
        out += fmt::format("\\x{:02X}", byte);
      }
    }
  }
  if (bytes.size() > shown.size()) out += "...";
  return out;
}

std::vector<TextCell> html_cells(std::string_view html, CellOptions options) { return Tokenizer(html, options).run(); }

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (const Entity e = entity_at(text, i); e.length != 0) {
        append_utf8(out, e.code_point == 0xA0 ? ' ' : e.code_point);
        i += e.length;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::optional<std::string> find_field(std::span<const TextCell> cells, std::initializer_list<std::string_view> labels) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view text = cells[i].text;
    for (const std::string_view wanted : labels) {
      const std::string_view label = as_label(wanted);
      if (label.empty()) continue;
      if (iequals(as_label(text), label)) return value_after(cells, i);
      if (const std::string_view value = inline_value(text, label); !value.empty()) {
        return std::string(value);
      }
    }
  }
  return std::nullopt;
}

LabelTexts label_texts(std::string_view cell_text) {
  LabelTexts texts{as_label(cell_text), {}};
  if (const std::size_t colon = cell_text.find(':'); colon != std::string_view::npos && colon > 0) {
    texts.before_colon = as_label(cell_text.substr(0, colon));
  }
  return texts;
}

std::optional<std::string> labelled_value(std::span<const TextCell> cells, std::size_t at, LabelPlace place) {
  if (place == LabelPlace::whole_cell) return value_after(cells, at);
  const std::string_view text = cells[at].text;
  std::string_view rest = text.substr(text.find(':') + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

std::optional<std::string> find_field_if(std::span<const TextCell> cells,
                                         const std::function<bool(std::string_view)>& is_label,
                                         const std::function<bool(std::string_view)>& accept) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const LabelTexts texts = label_texts(cells[i].text);
    std::optional<std::string> value;
    if (is_label(texts.whole)) {
      value = labelled_value(cells, i, LabelPlace::whole_cell);
    } else if (texts.before_colon && is_label(*texts.before_colon)) {
      value = labelled_value(cells, i, LabelPlace::before_colon);
    }
    if (value && (!accept || accept(*value))) return value;
  }
  return std::nullopt;
}

} // namespace scanner::pages
