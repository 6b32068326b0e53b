// The one CSV escaper: quoting as RFC 4180 wants it, formulas defused for spreadsheets and kept
// for the inventory phonesweep reads back.
#include <util/csv_cell.hpp>

#include <catch2/catch.hpp>

TEST_CASE("csv cell: a formula is defused for a spreadsheet and kept for an inventory", "[util][csv]") {
  CHECK(util::csv_cell("-2nd floor", util::Formulas::neutralised) == "'-2nd floor");
  CHECK(util::csv_cell("-2nd floor", util::Formulas::kept) == "-2nd floor");
  CHECK(util::csv_cell("=1,2", util::Formulas::neutralised) == "\"'=1,2\"");
  CHECK(util::csv_cell("=1,2", util::Formulas::kept) == "\"=1,2\"");
  CHECK(util::csv_cell("Réception \"A\"\r\n2", util::Formulas::kept) == "\"Réception \"\"A\"\"\r\n2\"");
  CHECK(util::csv_cell("", util::Formulas::kept).empty());
  std::string line = "a,";
  util::append_csv_cell(line, "b,c", util::Formulas::kept);
  CHECK(line == "a,\"b,c\"");
}
