#pragma once
// The one CSV escaper: every CSV phonesweep writes (the reports, report/csv.hpp, and the inventory
// `discover` writes, cucm/inventory_csv.hpp) puts its cells through it. RFC 4180: a cell holding
// a comma, a quote, CR or LF is quoted, its quotes doubled.
#include <string>
#include <string_view>

namespace util {

enum class Formulas {
  // Defused (OWASP "CSV Injection"): a cell starting with = + - @ TAB or CR gets a leading single
  // quote so that Excel and LibreOffice show it as text instead of evaluating it. For files
  // people open in a spreadsheet.
  neutralised,
  // Written as they are: for a file phonesweep reads back (discover's inventory), where a
  // description "-2nd floor" must stay what the CUCM has.
  kept,
};

// `cell` with a formula's leading quote added (see Formulas::neutralised), not quoted.
std::string neutralise_formula(std::string_view cell);

// `value` as one CSV cell, appended to `out` without a temporary (a 100,000-phone report has
// two million cells).
void append_csv_cell(std::string& out, std::string_view value, Formulas formulas);
std::string csv_cell(std::string_view value, Formulas formulas);

} // namespace util
