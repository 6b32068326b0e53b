// libFuzzer: the JSON array and NDJSON inventory readers must never crash on any bytes, and every
// bad row they report (trailing data after the array, two objects on one line, …) names a line of
// the input (or 0: the row as a whole).
#include <inventory/json_reader.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto layout : {inventory::JsonReader::Layout::array, inventory::JsonReader::Layout::lines}) {
    std::istringstream in(text);
    try {
      inventory::JsonReader reader(in, "fuzz.json", layout);
      while (reader.next()) {}
      for (const auto& issue : reader.issues())
        if (issue.line > lines) std::abort();
    } catch (const inventory::InventoryError&) {}
  }
  return 0;
}
