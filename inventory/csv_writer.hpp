#pragma once
// Inventory CSV written for `phonesweep scan --inventory` to read back exactly (csv_reader.hpp):
// cells through util::csv_cell with formulas kept (a report for spreadsheets neutralises them
// instead: report/csv.hpp).
#include <inventory/target.hpp>

#include <span>
#include <string>
#include <string_view>

namespace inventory {

// A header row (address,name,model,site,description, then every extra column in first-seen
// order) and one row per target, LF line ends. Reading it gives the same targets back (their
// address(), device name, model, site, description and extra columns); from_range is not written.
std::string csv_text(std::span<const Target> targets);

} // namespace inventory
