// libFuzzer: the JSON array and NDJSON inventory readers must never crash on any bytes.
#include <inventory/json_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto layout : {inventory::JsonReader::Layout::array, inventory::JsonReader::Layout::lines}) {
    std::istringstream in(text);
    try {
      inventory::JsonReader reader(in, "fuzz.json", layout);
      while (reader.next()) {
      }
    } catch (const inventory::InventoryError&) {
    }
  }
  return 0;
}
