#pragma once
// Streams an inventory CSV (RFC 4180: header row, quoted fields spanning lines, doubled quotes;
// tolerant of a UTF-8 BOM and CRLF) into Targets, one at a time.
//
// A quoted field must end in a closing quote followed by a comma or the end of the line. One that
// does not (an unterminated quote, text after the closing quote, or a record over 1 MiB) is a bad
// row named by the line and column where the quote opened, and reading goes on at the line after
// that one: a stray quote costs its own row, not the rest of the file.
#include <inventory/reader.hpp>
#include <inventory/row_assembler.hpp>

#include <istream>
#include <string>
#include <vector>

namespace inventory {

class CsvReader final : public Reader {
public:
  // `in` must outlive the reader. `name` is used in messages ("<stdin>" for stdin). Reads the
  // header at once and throws InventoryError if it has no address column.
  CsvReader(std::istream& in, std::string name);

  std::optional<Target> next() override;
  [[nodiscard]] const std::vector<RowIssue>& issues() const override { return issues_; }
  [[nodiscard]] std::size_t rows_read() const { return rows_; }

private:
  struct Field {
    std::string text;
    std::size_t line;
    std::size_t column;
  };
  enum class Record { read, end, malformed };
  Record read_record(std::vector<Field>& fields);
  Record malformed(const Field& field, std::size_t record_line, std::string reason);
  int get();
  int peek();

  std::istream& in_;
  std::string name_;
  std::size_t line_ = 1;
  std::string raw_;    // the bytes of the record being read, to read again after a bad one
  std::string replay_; // bytes read again before the stream's
  std::size_t replay_at_ = 0;
  std::vector<std::string> header_; // as written
  std::vector<Field> fields_;
  std::vector<Cell> cells_;
  std::vector<RowIssue> issues_;
  RowAssembler assembler_{issues_};
  std::size_t rows_ = 0;
};

} // namespace inventory
