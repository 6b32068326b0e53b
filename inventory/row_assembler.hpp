#pragma once
// Turns one inventory row (named fields, from a CSV header or JSON keys) into a Target: maps
// the column names every source accepts, validates the address, drops duplicates and records
// why a row was skipped. Shared by every Reader so that CSV and JSON agree on all of it.
#include <inventory/reader.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace inventory {

enum class Column { address, name, model, site, description, scheme, other };

// "address", "IP Address", "host" -> address; "name", "Device Name" -> name; "device pool" ->
// site; "scheme" -> scheme ("http" or "https"; empty: as the address says, else http); … Case,
// blanks, '_' and '-' are ignored.
Column column_for(std::string_view key);

struct Cell {
  std::string key; // as written (kept for extra columns)
  std::string value;
  std::size_t column = 0; // position for messages: CSV column number, JSON column in its line
  std::size_t line = 0;   // 0: the row's line (a pretty-printed JSON object spans lines)
};

class RowAssembler {
public:
  explicit RowAssembler(std::vector<RowIssue>& issues) : issues_(issues) {}

  // A Target, or nullopt after recording the reason in issues (bad address, duplicate, none).
  // The `seen` set may be shared by several assemblers so that duplicates across sources go.
  std::optional<Target> assemble(const std::string& file, std::size_t line, std::vector<Cell>& cells);

  void share_seen(std::unordered_set<std::string>* seen) { seen_ = seen; }

private:
  std::vector<RowIssue>& issues_;
  std::unordered_set<std::string> own_seen_;
  std::unordered_set<std::string>* seen_ = &own_seen_;
};

} // namespace inventory
