#include <inventory/csv_writer.hpp>
#include <util/csv_cell.hpp>

#include <algorithm>
#include <vector>

namespace inventory {

namespace {

// Read back by phonesweep, not opened in a spreadsheet: a description "-2nd floor" stays as it is.
std::string csv_cell(std::string_view text) { return util::csv_cell(text, util::Formulas::kept); }

} // namespace

std::string csv_text(std::span<const Target> targets) {
  std::vector<std::string> extra;
  for (const auto& t : targets)
    for (const auto& [key, value] : t.extra)
      if (std::find(extra.begin(), extra.end(), key) == extra.end()) extra.push_back(key);
  std::string out = "address,name,model,site,description";
  for (const auto& key : extra) out += ',' + csv_cell(key);
  out += '\n';
  for (const auto& t : targets) {
    out += csv_cell(t.address()) + ',' + csv_cell(t.device_name) + ',' + csv_cell(t.model) + ',' + csv_cell(t.site) +
           ',' + csv_cell(t.description);
    for (const auto& key : extra) {
      const auto it = std::find_if(t.extra.begin(), t.extra.end(), [&](const auto& kv) { return kv.first == key; });
      out += ',' + (it == t.extra.end() ? std::string() : csv_cell(it->second));
    }
    out += '\n';
  }
  return out;
}

} // namespace inventory
