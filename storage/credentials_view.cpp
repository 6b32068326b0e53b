#include <storage/credentials_view.hpp>

#include <storage/json_fields.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace storage {
namespace {

int rank(std::string_view verdict) {
  if (verdict == "accepted") return 3;
  if (verdict == "rejected") return 2;
  if (verdict == "unproven") return 1;
  return 0;
}

} // namespace

std::string encode_credentials_view(const CredentialsView& v) {
  if (v.verdict.empty()) return "{}";
  return fmt::format(R"({{"verdict":{},"accepted_by":{},"refused":{},"failed_logons":{},)"
                     R"("max_failed_logons":{},"message":{}}})",
                     util::json_string(v.verdict), util::json_string(v.accepted_by), util::json_string_array(v.refused),
                     v.failed_logons, v.max_failed_logons, util::json_string(v.message));
}

std::optional<CredentialsView> decode_credentials_view(std::string_view json) {
  CredentialsView view;
  if (json == "{}") return view;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json.data(), json.size()).get_object().get(root)) return std::nullopt;
  using namespace json_fields;
  if (!read_string(root, "verdict", view.verdict) || !read_string(root, "accepted_by", view.accepted_by) ||
      !read_string(root, "message", view.message) || !read_count(root, "failed_logons", view.failed_logons) ||
      !read_count(root, "max_failed_logons", view.max_failed_logons) || !read_strings(root["refused"], view.refused))
    return std::nullopt;
  return view;
}

CredentialsView combine(const CredentialsView& a, const CredentialsView& b) {
  CredentialsView out;
  out.verdict = rank(b.verdict) > rank(a.verdict) ? b.verdict : a.verdict;
  out.accepted_by = !a.accepted_by.empty() ? a.accepted_by : b.accepted_by;
  out.refused = a.refused;
  for (const auto& r : b.refused)
    if (std::find(out.refused.begin(), out.refused.end(), r) == out.refused.end()) out.refused.push_back(r);
  out.failed_logons = a.failed_logons + b.failed_logons;
  out.max_failed_logons = std::max(a.max_failed_logons, b.max_failed_logons);
  if (out.verdict == "rejected") out.message = !a.message.empty() ? a.message : b.message;
  return out;
}

} // namespace storage
