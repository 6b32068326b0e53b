#pragma once
// inventory::Target::extra (the inventory's other columns) as stored in results.extra_json:
// a JSON array of [name, value] pairs, which keeps column order and repeated names.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storage {

using ExtraColumns = std::vector<std::pair<std::string, std::string>>;

// Always valid JSON. Bytes that are not valid UTF-8 (a Latin-1 inventory) become U+FFFD:
// JSON cannot carry them, and SQLite's json_valid() check would reject the row otherwise.
std::string encode_extra(const ExtraColumns& extra);

// nullopt when `json` is not an array of two-string arrays.
std::optional<ExtraColumns> decode_extra(std::string_view json);

} // namespace storage
