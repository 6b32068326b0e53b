#pragma once
// Reading the flat JSON objects storage writes (cucm_view, credentials_view) with simdjson: each
// helper is false when the field is missing or of another type. Internal to storage.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storage::json_fields {

inline bool read_strings(simdjson::dom::element element, std::vector<std::string>& out) {
  simdjson::dom::array array;
  if (element.get_array().get(array)) return false;
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get_string().get(text)) return false;
    out.emplace_back(text);
  }
  return true;
}

inline bool read_string(simdjson::dom::object object, std::string_view key, std::string& out) {
  std::string_view text;
  if (object[key].get_string().get(text)) return false;
  out = std::string(text);
  return true;
}

inline bool read_count(simdjson::dom::object object, std::string_view key, std::size_t& out) {
  std::uint64_t value = 0;
  if (object[key].get_uint64().get(value)) return false;
  out = static_cast<std::size_t>(value);
  return true;
}

} // namespace storage::json_fields
