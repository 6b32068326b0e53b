#include <util/csv_cell.hpp>

#include <algorithm>

namespace util {
namespace {

bool formula_start(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

} // namespace

std::string neutralise_formula(std::string_view cell) {
  return formula_start(cell) ? "'" + std::string(cell) : std::string(cell);
}

void append_csv_cell(std::string& out, std::string_view value, Formulas formulas) {
  const bool formula = formulas == Formulas::neutralised && formula_start(value);
  // A plain loop: find_first_of with a set calls memchr once per character.
  const bool needs_quotes =
      std::any_of(value.begin(), value.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (!needs_quotes) {
    if (formula) out += '\'';
    out += value;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_cell(std::string_view value, Formulas formulas) {
  std::string cell;
  append_csv_cell(cell, value, formulas);
  return cell;
}

} // namespace util
