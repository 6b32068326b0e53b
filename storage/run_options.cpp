#include <storage/run_options.hpp>

#include <storage/json_fields.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

namespace storage {
namespace {

using Fields = std::vector<std::pair<std::string_view, std::string>>; // name, JSON text

std::string json_number(std::int64_t value) { return std::to_string(value); }
std::string json_number(double value) { return fmt::format("{}", value); }

std::string json_object(const Fields& fields) {
  std::string out = "{";
  for (const auto& [name, value] : fields) {
    if (out.size() > 1) out += ',';
    util::append_json_string(out, name);
    out += ':';
    out += value;
  }
  return out + "}";
}

// The scope as a scan writes it; without the shard, what runs of one sweep have in common.
std::string scope_json(const RunScope& s, bool with_shard) {
  Fields fields{{"inventory", util::json_string(s.inventory)}, {"targets", util::json_string(s.targets)}};
  if (with_shard) fields.emplace_back("shard", util::json_string(s.shard));
  fields.emplace_back("only_failed", s.only_failed ? "true" : "false");
  if (!s.cucm_discover.empty()) {
    fields.emplace_back("cucm_discover", util::json_string(s.cucm_discover));
    fields.emplace_back("discover_name", util::json_string(s.discover_name));
  }
  return json_object(fields);
}

} // namespace

std::string merged_from_json(const std::vector<MergedFrom>& sources) {
  std::string out = "[";
  for (const MergedFrom& m : sources) {
    if (out.size() > 1) out += ',';
    out += json_object({{"db", util::json_string(m.db)},
                        {"run", json_number(m.run)},
                        {"shard", util::json_string(m.shard)},
                        {"started_at", util::json_string(m.started_at)},
                        {"finished_at", util::json_string(m.finished_at)}});
  }
  return out + "]";
}

namespace {

template <class T>
void add(Fields& fields, std::string_view name, const std::optional<T>& value) {
  if (!value) return;
  if constexpr (std::is_same_v<T, std::string>) fields.emplace_back(name, util::json_string(*value));
  else fields.emplace_back(name, json_number(*value));
}

// The present fields, in the order a scan writes them; the scope with or without its shard.
Fields fields_of(const RunOptions& o, bool scope_shard) {
  Fields f;
  add(f, "inventory", o.inventory);
  add(f, "targets", o.targets);
  add(f, "user", o.user);
  add(f, "cucm", o.cucm);
  add(f, "concurrency", o.concurrency);
  add(f, "auth_concurrency", o.auth_concurrency);
  add(f, "auth_rate", o.auth_rate);
  add(f, "max_failed_logons", o.max_failed_logons);
  add(f, "timeout", o.timeout);
  add(f, "connect_timeout", o.connect_timeout);
  add(f, "dns_server", o.dns_server);
  add(f, "shard", o.shard);
  if (o.scope) f.emplace_back("scope", scope_json(*o.scope, scope_shard));
  add(f, "axl", o.axl);
  add(f, "canary_device", o.canary_device);
  if (o.estate_auth)
    f.emplace_back("estate_auth", json_object({{"concurrency", json_number(o.estate_auth->concurrency)},
                                               {"rate", json_number(o.estate_auth->rate)},
                                               {"shards", json_number(o.estate_auth->shards)}}));
  if (!o.merged_from.empty()) f.emplace_back("merged_from", merged_from_json(o.merged_from));
  return f;
}

// Reading one field: absent leaves `out` alone and succeeds; another type fails.
bool read(simdjson::dom::object object, std::string_view key, std::optional<std::string>& out) {
  const auto field = object[key];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  std::string_view text;
  if (field.get_string().get(text)) return false;
  out = std::string(text);
  return true;
}

bool read(simdjson::dom::object object, std::string_view key, std::optional<std::int64_t>& out) {
  const auto field = object[key];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  std::int64_t value = 0;
  if (field.get_int64().get(value)) return false;
  out = value;
  return true;
}

bool read(simdjson::dom::object object, std::string_view key, std::optional<double>& out) {
  const auto field = object[key];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  double value = 0;
  if (field.get_double().get(value)) return false;
  out = value;
  return true;
}

template <class T>
bool read_required(simdjson::dom::object object, std::string_view key, T& out) {
  std::optional<T> value;
  if (!read(object, key, value) || !value) return false;
  out = std::move(*value);
  return true;
}

bool read_scope(simdjson::dom::object object, std::optional<RunScope>& out) {
  const auto field = object["scope"];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  simdjson::dom::object s;
  if (field.get_object().get(s)) return false;
  RunScope scope;
  std::optional<std::string> cucm_discover, discover_name, shard;
  bool only_failed = false;
  if (!read_required(s, "inventory", scope.inventory) || !read_required(s, "targets", scope.targets) ||
      !read(s, "shard", shard) || s["only_failed"].get_bool().get(only_failed) ||
      !read(s, "cucm_discover", cucm_discover) || !read(s, "discover_name", discover_name))
    return false;
  scope.shard = shard.value_or("");
  scope.only_failed = only_failed;
  scope.cucm_discover = cucm_discover.value_or("");
  scope.discover_name = discover_name.value_or("");
  out = std::move(scope);
  return true;
}

bool read_estate_auth(simdjson::dom::object object, std::optional<EstateAuth>& out) {
  const auto field = object["estate_auth"];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  simdjson::dom::object e;
  EstateAuth estate;
  if (field.get_object().get(e) || !read_required(e, "concurrency", estate.concurrency) ||
      !read_required(e, "rate", estate.rate) || !read_required(e, "shards", estate.shards))
    return false;
  out = estate;
  return true;
}

bool read_merged_from(simdjson::dom::object object, std::vector<MergedFrom>& out) {
  const auto field = object["merged_from"];
  if (field.error() == simdjson::NO_SUCH_FIELD) return true;
  simdjson::dom::array sources;
  if (field.get_array().get(sources)) return false;
  for (simdjson::dom::element element : sources) {
    simdjson::dom::object s;
    MergedFrom m;
    if (element.get_object().get(s) || !read_required(s, "db", m.db) || !read_required(s, "run", m.run) ||
        !read_required(s, "shard", m.shard) || !read_required(s, "started_at", m.started_at) ||
        !read_required(s, "finished_at", m.finished_at))
      return false;
    out.push_back(std::move(m));
  }
  return true;
}

} // namespace

std::string encode_run_options(const RunOptions& options) { return json_object(fields_of(options, true)); }

std::optional<RunOptions> decode_run_options(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json.data(), json.size()).get_object().get(root)) return std::nullopt;
  RunOptions o;
  if (!read(root, "inventory", o.inventory) || !read(root, "targets", o.targets) || !read(root, "user", o.user) ||
      !read(root, "cucm", o.cucm) || !read(root, "concurrency", o.concurrency) ||
      !read(root, "auth_concurrency", o.auth_concurrency) || !read(root, "auth_rate", o.auth_rate) ||
      !read(root, "max_failed_logons", o.max_failed_logons) || !read(root, "timeout", o.timeout) ||
      !read(root, "connect_timeout", o.connect_timeout) || !read(root, "dns_server", o.dns_server) ||
      !read(root, "shard", o.shard) || !read_scope(root, o.scope) || !read(root, "axl", o.axl) ||
      !read(root, "canary_device", o.canary_device) || !read_estate_auth(root, o.estate_auth) ||
      !read_merged_from(root, o.merged_from))
    return std::nullopt;
  return o;
}

bool covers_scope(const RunOptions& stored, const RunScope& scope) { return !stored.scope || *stored.scope == scope; }

std::optional<OptionDifference> sweep_difference(const RunOptions& a, const RunOptions& b) {
  const auto comparable = [](const RunOptions& o) {
    std::map<std::string, std::string> fields;
    for (auto& [name, value] : fields_of(o, false))
      if (name != "shard" && name != "estate_auth" && name != "merged_from") fields.emplace(name, std::move(value));
    return fields;
  };
  const auto left = comparable(a);
  const auto right = comparable(b);
  std::set<std::string> names;
  for (const auto& [name, value] : left) names.insert(name);
  for (const auto& [name, value] : right) names.insert(name);
  const auto text = [](const std::map<std::string, std::string>& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string("(absent)") : found->second;
  };
  for (const auto& name : names)
    if (text(left, name) != text(right, name)) return OptionDifference{name, text(left, name), text(right, name)};
  return std::nullopt;
}

std::optional<double> merged_sweep_seconds(const std::vector<MergedFrom>& sources) {
  std::optional<std::chrono::sys_seconds> first, last;
  for (const auto& s : sources) {
    const auto start = parse_utc_timestamp(s.started_at);
    const auto end = parse_utc_timestamp(s.finished_at);
    if (!start || !end) return std::nullopt;
    if (!first || *start < *first) first = start;
    if (!last || *end > *last) last = end;
  }
  if (!first) return std::nullopt;
  return static_cast<double>(std::max<long long>(0, (*last - *first).count()));
}

} // namespace storage
