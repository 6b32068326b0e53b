// libFuzzer: the CSV inventory reader must never crash or hang on any bytes.
#include <inventory/csv_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    inventory::CsvReader reader(in, "fuzz.csv");
    while (reader.next()) {
    }
  } catch (const inventory::InventoryError&) {
  }
  return 0;
}
