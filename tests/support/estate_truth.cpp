#include <tests/support/estate_truth.hpp>

#include <inventory/csv_reader.hpp>
#include <storage/record.hpp>

#include <fmt/format.h>

#include <fstream>

namespace test_support {

std::map<std::string, Expected> read_truth(const std::string& path) {
  std::ifstream in(path);
  inventory::CsvReader reader(in, path);
  std::map<std::string, Expected> out;
  while (auto t = reader.next()) {
    Expected e;
    e.host = t->host;
    e.model = t->model; // a column the inventory reader knows by name
    for (const auto& [k, v] : t->extra) {
      if (k == "root_cause") e.root_cause = v;
      if (k == "itl_state") e.itl_state = v;
      if (k == "cucm_auth") e.cucm_auth = v;
      if (k == "scenario") e.scenario = v;
      if (k == "family") e.family = v;
      if (k == "locale") e.locale = v;
      if (k == "inventory_model") e.inventory_names_model = v != "no";
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

// Fleetsim's unreachable phones are UnRegistered, its silent ones registered with Httpd No
// (sim/fleetsim/estate.hpp).
std::string expected_cause(const Expected& e, const inventory::Target& target) {
  bool asked = false;
  for (const auto& [k, v] : target.extra) asked = asked || k == "registration";
  if (!asked) return e.root_cause;
  if (e.scenario == "unreachable" && e.root_cause == "unreachable") return "unregistered";
  if (e.scenario == "silent" && e.root_cause == "timeout") return "web_disabled";
  return e.root_cause;
}

std::optional<std::string> differs_from_truth(const storage::PhoneRecord& r,
                                              const std::map<std::string, Expected>& truth) {
  const std::string address = r.target.address();
  const auto it = truth.find(address);
  if (it == truth.end()) return "phone not in the ground truth: " + address;
  const Expected& e = it->second;
  const std::string_view cause = diagnosis::to_string(r.outcome.cause);
  const std::string_view itl = diagnosis::to_string(r.evidence.itl);
  const std::string_view cucm = diagnosis::to_string(r.evidence.cucm);
  const std::string expected = expected_cause(e, r.target);
  if (cause == expected && itl == e.itl_state && cucm == e.cucm_auth) return std::nullopt;
  return fmt::format("{} ({}): got {}/{}/{}, expected {}/{}/{} — {}", address, e.scenario, cause, itl, cucm, expected,
                     e.itl_state, e.cucm_auth, r.outcome.detail);
}

} // namespace test_support
