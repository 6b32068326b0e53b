#pragma once
// Inventory CSV written for `phonesweep scan --inventory` to read back exactly (csv_reader.hpp):
// cells only quoted where RFC 4180 needs it, never altered (a report for spreadsheets neutralises
// formulas instead: report/csv.hpp).
#include <inventory/target.hpp>

#include <span>
#include <string>
#include <string_view>

namespace inventory {

// `text` quoted when it holds , " CR or LF (quotes doubled); else as it is.
std::string csv_cell(std::string_view text);

// A header row (address,name,model,site,description, then every extra column in first-seen
// order) and one row per target, LF line ends. Reading it gives the same targets back (their
// address(), device name, model, site, description and extra columns); from_range is not written.
std::string csv_text(std::span<const Target> targets);

} // namespace inventory
