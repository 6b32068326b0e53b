#include <tests/support/estate_truth.hpp>

#include <inventory/csv_reader.hpp>

#include <fstream>

namespace test_support {

std::map<std::string, Expected> read_truth(const std::string& path) {
  std::ifstream in(path);
  inventory::CsvReader reader(in, path);
  std::map<std::string, Expected> out;
  while (auto t = reader.next()) {
    Expected e;
    e.host = t->host;
    for (const auto& [k, v] : t->extra) {
      if (k == "root_cause") e.root_cause = v;
      if (k == "itl_state") e.itl_state = v;
      if (k == "cucm_auth") e.cucm_auth = v;
      if (k == "scenario") e.scenario = v;
    }
    out[t->address()] = std::move(e);
  }
  return out;
}

std::map<std::string, int> truth_counts(const std::string& path) {
  std::map<std::string, int> counts;
  for (const auto& [address, expected] : read_truth(path)) ++counts[expected.root_cause];
  return counts;
}

} // namespace test_support
