#include <inventory/json_reader.hpp>

#include <simdjson.h>

#include <algorithm>
#include <iterator>

namespace inventory {
namespace {

using namespace simdjson;

// A JSON value as inventory text: strings unescaped, numbers and literals as written.
std::string as_text(ondemand::value value) {
  ondemand::json_type type;
  if (value.type().get(type) != SUCCESS) return {};
  if (type == ondemand::json_type::string) {
    std::string_view s;
    if (value.get_string().get(s) == SUCCESS) return std::string(s);
    return {};
  }
  if (type == ondemand::json_type::null) return {};
  std::string_view raw = value.raw_json_token();
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
  return std::string(raw);
}

struct Position {
  std::size_t line = 0, column = 0;
};

// Reads one object's fields into cells; returns an error reason, or empty on success.
// `locate` maps a pointer into the parsed buffer to a line and column.
template <class Locate>
std::string read_object(ondemand::object object, const Locate& locate, std::vector<Cell>& cells) {
  cells.clear();
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return std::string("bad key: ") + error_message(error);
    ondemand::value value;
    if (auto error = field.value().get(value)) return std::string("bad value: ") + error_message(error);
    const char* at = nullptr;
    Position where;
    if (value.current_location().get(at) == SUCCESS) where = locate(at);
    ondemand::json_type type;
    if (value.type().get(type) == SUCCESS &&
        (type == ondemand::json_type::object || type == ondemand::json_type::array)) {
      // Nested data is not part of the contract (and simdjson 3.0 cannot hand out its text):
      // the key is kept so the report shows the column existed.
      cells.push_back({std::string(key), "(nested JSON not kept)", where.column, where.line});
      continue;
    }
    cells.push_back({std::string(key), as_text(value), where.column, where.line});
  }
  return {};
}

// Where the JSON value starting at the first non-blank byte of `text` ends (one past its last
// byte), following strings and nesting; npos when it never ends. simdjson reads one document and
// refuses or ignores what follows it, so the array is cut out here and the rest judged apart.
std::size_t end_of_first_value(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = text.find_first_not_of(" \t\r\n"); i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0 && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

} // namespace

struct JsonReader::State {
  ondemand::parser parser;
  // array layout
  padded_string buffer;
  ondemand::document document;
  ondemand::array array;
  ondemand::array_iterator it, end;
  bool started = false, finished = false;
  std::vector<std::size_t> line_starts; // byte offsets where lines begin, for messages
  // lines layout
  std::string line;
  std::size_t line_number = 0;
  std::vector<Cell> cells;

  std::size_t line_of(const char* at) const {
    const auto offset = static_cast<std::size_t>(at - buffer.data());
    return static_cast<std::size_t>(std::upper_bound(line_starts.begin(), line_starts.end(), offset) -
                                    line_starts.begin());
  }
  std::size_t column_of(const char* at) const {
    const auto offset = static_cast<std::size_t>(at - buffer.data());
    return offset - line_starts[line_of(at) - 1] + 1;
  }
};

JsonReader::JsonReader(std::istream& in, std::string name, Layout layout)
    : in_(in), name_(std::move(name)), layout_(layout), state_(std::make_unique<State>()) {
  if (layout_ == Layout::lines) return;
  std::string text{std::istreambuf_iterator<char>(in_), std::istreambuf_iterator<char>()};
  State& s = *state_;
  s.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') s.line_starts.push_back(i + 1);
  if (const auto end = end_of_first_value(text); end != std::string::npos) {
    if (const auto trailing = text.find_first_not_of(" \t\r\n", end); trailing != std::string::npos) {
      const auto line = static_cast<std::size_t>(
          std::upper_bound(s.line_starts.begin(), s.line_starts.end(), trailing) - s.line_starts.begin());
      issues_.push_back(
          {name_, line, trailing - s.line_starts[line - 1] + 1, "data after the array's closing bracket (not read)"});
      text.resize(end);
    }
  }
  s.buffer = padded_string(text);
  if (auto error = s.parser.iterate(s.buffer).get(s.document))
    throw InventoryError(name_ + ":1: not JSON: " + error_message(error));
  if (auto error = s.document.get_array().get(s.array))
    throw InventoryError(name_ + ":1: expected a JSON array of objects: " + error_message(error));
  if (auto error = s.array.begin().get(s.it)) throw InventoryError(name_ + ":1: " + error_message(error));
  if (auto error = s.array.end().get(s.end)) throw InventoryError(name_ + ":1: " + error_message(error));
}

JsonReader::~JsonReader() = default;

std::optional<Target> JsonReader::next() { return layout_ == Layout::lines ? next_line() : next_element(); }

std::optional<Target> JsonReader::next_line() {
  State& s = *state_;
  while (std::getline(in_, s.line)) {
    ++s.line_number;
    if (!s.line.empty() && s.line.back() == '\r') s.line.pop_back();
    if (s.line.find_first_not_of(" \t") == std::string::npos) continue;
    padded_string padded(s.line);
    ondemand::document doc;
    ondemand::object object;
    if (auto error = s.parser.iterate(padded).get(doc)) {
      issues_.push_back({name_, s.line_number, 0, std::string("not JSON: ") + error_message(error)});
      continue;
    }
    if (auto error = doc.get_object().get(object)) {
      issues_.push_back({name_, s.line_number, 0, std::string("expected a JSON object: ") + error_message(error)});
      continue;
    }
    // simdjson stops after the first value: a second one on the line would go unnoticed.
    if (const auto end = end_of_first_value(s.line);
        end != std::string::npos && s.line.find_first_not_of(" \t", end) != std::string::npos) {
      issues_.push_back(
          {name_, s.line_number, 0, "more than one JSON value on this line: NDJSON is one object per line"});
      continue;
    }
    const char* base = padded.data();
    const std::size_t line = s.line_number;
    const std::string reason = read_object(
        object,
        [base, line](const char* at) {
          return Position{line, static_cast<std::size_t>(at - base) + 1};
        },
        s.cells);
    if (!reason.empty()) {
      issues_.push_back({name_, s.line_number, 0, reason});
      continue;
    }
    if (auto target = assembler_.assemble(name_, s.line_number, s.cells)) return target;
  }
  return std::nullopt;
}

std::optional<Target> JsonReader::next_element() {
  State& s = *state_;
  while (!s.finished && s.it != s.end) {
    if (s.started) ++s.it;
    s.started = true;
    if (s.it == s.end) break;
    ondemand::value element;
    const char* at = nullptr;
    if (auto error = (*s.it).get(element)) {
      // The document is broken from here on; what was read so far stays valid.
      s.finished = true;
      std::size_t line = s.line_starts.size();
      if (s.document.current_location().get(at) == SUCCESS) line = s.line_of(at);
      issues_.push_back({name_, line, 0, std::string("JSON ends here: ") + error_message(error)});
      break;
    }
    std::size_t line = 0, column = 0;
    at = nullptr;
    if (element.current_location().get(at) == SUCCESS) {
      line = s.line_of(at);
      column = s.column_of(at);
    }
    ondemand::object object;
    if (auto error = element.get_object().get(object)) {
      issues_.push_back({name_, line, column, std::string("expected an object: ") + error_message(error)});
      if (error != INCORRECT_TYPE) s.finished = true;
      continue;
    }
    const std::string reason = read_object(
        object,
        [&s](const char* p) {
          return Position{s.line_of(p), s.column_of(p)};
        },
        s.cells);
    if (!reason.empty()) {
      issues_.push_back({name_, line, column, reason});
      s.finished = true; // On-Demand cannot skip past a broken object reliably
      break;
    }
    if (auto target = assembler_.assemble(name_, line, s.cells)) return target;
  }
  s.finished = true;
  return std::nullopt;
}

} // namespace inventory
