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
  if (!read_record(fields_)) throw InventoryError(name_ + ":1: empty file: a header row is required");
  bool has_address = false;
  std::string all;
  for (const Field& f : fields_) {
    header_.push_back(trimmed(f.text));
    has_address = has_address || column_for(header_.back()) == Column::address;
    all += (all.empty() ? "" : ",") + header_.back();
  }
  if (!has_address)
    throw InventoryError(name_ + ":1: the header has no address column (one of address, ip, "
                                 "host; found: " + all + ")");
}

int CsvReader::get() {
  const int c = in_.get();
  if (c == '\n') ++line_;
  return c;
}

// Reads one record; returns false at end of input. Quoted fields may hold commas, doubled
// quotes and line breaks. A lone CR before LF is dropped.
bool CsvReader::read_record(std::vector<Field>& fields) {
  fields.clear();
  int c = in_.peek();
  if (c == std::char_traits<char>::eof()) return false;
  std::size_t column = 1;
  Field field{{}, line_, column};
  bool quoted = false, in_quotes = false;
  for (;;) {
    c = get();
    if (c == std::char_traits<char>::eof()) {
      fields.push_back(std::move(field));
      return true;
    }
    if (in_quotes) {
      if (c == '"') {
        if (in_.peek() == '"') {
          get();
          field.text.push_back('"');
        } else {
          in_quotes = false;
        }
      } else {
        field.text.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"' && !quoted && field.text.empty()) {
      quoted = in_quotes = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field = Field{{}, line_, ++column};
      quoted = false;
    } else if (c == '\r' && in_.peek() == '\n') {
      continue;
    } else if (c == '\n') {
      fields.push_back(std::move(field));
      return true;
    } else {
      field.text.push_back(static_cast<char>(c));
    }
  }
}

std::optional<Target> CsvReader::next() {
  while (read_record(fields_)) {
    const std::size_t line = fields_.front().line;
    if (fields_.size() == 1 && trimmed(fields_[0].text).empty()) continue; // blank line
    ++rows_;
    if (fields_.size() > header_.size()) {
      issues_.push_back({name_, line, header_.size() + 1,
                         "row has " + std::to_string(fields_.size()) + " fields, the header " +
                             std::to_string(header_.size())});
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
