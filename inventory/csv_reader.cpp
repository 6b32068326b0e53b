#include <inventory/csv_reader.hpp>

#include <inventory/address.hpp>

#include <cctype>

namespace inventory {
namespace {

std::string trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

} // namespace

CsvReader::CsvReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
  // A UTF-8 byte order mark (Excel writes one) is not part of the first header name.
  if (in_.peek() == 0xEF) {
    char bom[3];
    in_.read(bom, 3);
    if (!(static_cast<unsigned char>(bom[1]) == 0xBB && static_cast<unsigned char>(bom[2]) == 0xBF))
      throw InventoryError(name_ + ":1: not UTF-8 text (bad byte order mark)");
  }
  const Record header = read_record(fields_);
  if (header == Record::end) throw InventoryError(name_ + ":1: empty file: a header row is required");
  if (header == Record::malformed) throw InventoryError(issues_.back().to_string() + " in the header row");
  bool has_address = false;
  std::string all;
  for (const Field& f : fields_) {
    header_.push_back(trimmed(f.text));
    has_address = has_address || column_for(header_.back()) == Column::address;
    all += (all.empty() ? "" : ",") + header_.back();
  }
  if (!has_address)
    throw InventoryError(name_ +
                         ":1: the header has no address column (one of address, ip, "
                         "host; found: " +
                         all + ")");
}

int CsvReader::get() {
  int c;
  if (replay_at_ < replay_.size()) {
    c = static_cast<unsigned char>(replay_[replay_at_++]);
    if (replay_at_ == replay_.size()) {
      replay_.clear();
      replay_at_ = 0;
    }
  } else {
    c = in_.get();
    if (c == std::char_traits<char>::eof()) return c;
  }
  raw_.push_back(static_cast<char>(c));
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::peek() {
  return replay_at_ < replay_.size() ? static_cast<unsigned char>(replay_[replay_at_]) : in_.peek();
}

// Records the bad row, then arranges for reading to go on at the line after the record's first:
// the bytes read since then are read again, and the rest of a record that never left its first
// line is skipped.
CsvReader::Record CsvReader::malformed(const Field& field, std::size_t record_line, std::string reason) {
  issues_.push_back({name_, field.line, field.column, std::move(reason)});
  const auto first_line_end = raw_.find('\n');
  if (first_line_end == std::string::npos) {
    for (int c = get(); c != std::char_traits<char>::eof() && c != '\n'; c = get()) {}
  } else {
    replay_ = raw_.substr(first_line_end + 1) + replay_.substr(replay_at_);
    replay_at_ = 0;
    line_ = record_line + 1;
  }
  raw_.clear();
  return Record::malformed;
}

// Reads one record. Quoted fields may hold commas, doubled quotes and line breaks. A lone CR
// before LF is dropped.
CsvReader::Record CsvReader::read_record(std::vector<Field>& fields) {
  constexpr std::size_t max_record = 1024 * 1024;
  fields.clear();
  raw_.clear();
  int c = peek();
  if (c == std::char_traits<char>::eof()) return Record::end;
  const std::size_t record_line = line_;
  std::size_t column = 1;
  Field field{{}, line_, column};
  bool quoted = false, in_quotes = false, closed = false; // closed: the quoted field's end quote was read
  for (;;) {
    c = get();
    if (c == std::char_traits<char>::eof()) {
      if (in_quotes) return malformed(field, record_line, "unterminated quoted field (a stray \"?)");
      fields.push_back(std::move(field));
      return Record::read;
    }
    if (raw_.size() > max_record)
      return malformed(field, record_line, "row longer than 1 MiB (an unterminated quote?)");
    if (in_quotes) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field.text.push_back('"');
        } else {
          in_quotes = false;
          closed = true;
        }
      } else {
        field.text.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field = Field{{}, line_, ++column};
      quoted = closed = false;
    } else if (c == '\r' && peek() == '\n') {
      continue;
    } else if (c == '\n') {
      fields.push_back(std::move(field));
      return Record::read;
    } else if (closed) {
      return malformed(field, record_line, "text after the closing quote of a quoted field (a stray \"?)");
    } else if (c == '"' && !quoted && field.text.empty()) {
      quoted = in_quotes = true;
    } else {
      field.text.push_back(static_cast<char>(c));
    }
  }
}

std::optional<Target> CsvReader::next() {
  for (Record record; (record = read_record(fields_)) != Record::end;) {
    if (record == Record::malformed) {
      ++rows_;
      continue;
    }
    const std::size_t line = fields_.front().line;
    if (fields_.size() == 1 && trimmed(fields_[0].text).empty()) continue; // blank line
    ++rows_;
    if (fields_.size() > header_.size()) {
      issues_.push_back(
          {name_, line, header_.size() + 1,
           "row has " + std::to_string(fields_.size()) + " fields, the header " + std::to_string(header_.size())});
      continue;
    }
    cells_.clear();
    for (std::size_t i = 0; i < fields_.size(); ++i)
      cells_.push_back({header_[i], std::move(fields_[i].text), fields_[i].column});
    if (auto target = assembler_.assemble(name_, line, cells_)) return target;
  }
  return std::nullopt;
}

} // namespace inventory
