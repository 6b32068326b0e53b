#pragma once
// What every inventory source (CSV, JSON, NDJSON, address ranges) offers the scan: targets one
// at a time, so that a 100,000-phone file is never held in memory, and the rows it had to skip.
#include <inventory/target.hpp>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace inventory {

// A row that was skipped (or, under --strict, that stops the run), with its position.
struct RowIssue {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0; // 1-based column of the offending field (CSV) or byte (JSON); 0: the row
  std::string reason;
  [[nodiscard]] std::string to_string() const; // "file:line:column: reason"
};

// Thrown for problems that make the whole source unusable (no header, no address column,
// unreadable file). Rows already handed out stay valid.
struct InventoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Reader {
public:
  virtual ~Reader() = default;
  // The next valid, not yet seen target; nullopt at the end. Bad and duplicate rows are
  // skipped and recorded in issues().
  virtual std::optional<Target> next() = 0;
  [[nodiscard]] virtual const std::vector<RowIssue>& issues() const = 0;
};

} // namespace inventory
