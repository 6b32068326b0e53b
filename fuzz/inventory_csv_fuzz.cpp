// libFuzzer: the CSV inventory reader must never crash or hang on any bytes, and every bad row it
// reports (an unterminated quote, text after a closing quote, …) names a line of the input.
#include <inventory/csv_reader.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::istringstream in(text);
  try {
    inventory::CsvReader reader(in, "fuzz.csv");
    while (reader.next()) {}
    for (const auto& issue : reader.issues())
      if (issue.line < 1 || issue.line > lines) std::abort();
  } catch (const inventory::InventoryError&) {}
  return 0;
}
