#include <storage/extra_json.hpp>

#include <util/json_text.hpp>

#include <fmt/format.h>
#include <simdjson.h>

namespace storage {
std::string encode_extra(const ExtraColumns& extra) {
  std::string out = "[";
  for (const auto& [name, value] : extra) {
    if (out.size() > 1) out += ',';
    out += '[';
    util::append_json_string(out, name);
    out += ',';
    util::append_json_string(out, value);
    out += ']';
  }
  out += ']';
  return out;
}

std::optional<ExtraColumns> decode_extra(std::string_view json) {
  ExtraColumns extra;
  if (json == "[]") return extra; // nearly every row: skip the parser
  // One parser per thread: it keeps its buffers between rows.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::array pairs;
  if (parser.parse(json.data(), json.size()).get_array().get(pairs)) return std::nullopt;
  for (simdjson::dom::element element : pairs) {
    simdjson::dom::array pair;
    if (element.get_array().get(pair) || pair.size() != 2) return std::nullopt;
    std::string_view name;
    std::string_view value;
    if (pair.at(0).get_string().get(name) || pair.at(1).get_string().get(value)) return std::nullopt;
    extra.emplace_back(name, value);
  }
  return extra;
}

} // namespace storage
