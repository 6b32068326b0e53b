#include <storage/merge.hpp>

#include <inventory/shard.hpp>
#include <storage/credentials_view.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>
#include <storage/json_text.hpp>
#include <storage/settle.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace storage {
namespace {

constexpr std::size_t batch_size = 2000;
constexpr std::size_t conflicts_named = 5;

struct Source {
  std::string path;
  Database db;
  RunSummary run;
  inventory::Shard shard; // 1/1 for an unsharded run
  std::string shard_text;
  // options_json's fields other than shard (and merged_from), as minified JSON.
  std::map<std::string, std::string> options;
};

// The JSON text of `element` with the value of every "shard" key, at any depth, replaced by
// `shard` (quoted), or left out when `shard` is nullopt: what runs of one sweep have in common.
std::string without_shard(simdjson::dom::element element, const std::optional<std::string>& shard) {
  simdjson::dom::object object;
  if (element.get_object().get(object)) return simdjson::minify(element);
  std::string out = "{";
  for (auto field : object) {
    if (field.key == "shard" && !shard) continue;
    if (out.size() > 1) out += ',';
    append_json_string(out, field.key);
    out += ':';
    if (field.key == "shard")
      append_json_string(out, *shard);
    else
      out += without_shard(field.value, shard);
  }
  return out + "}";
}

// Splits options_json into the shard and every other field. The JSON was written by a scan, so
// a field that is not an object is a damaged database, reported as such. A scan records the
// shard at the top (and again inside "scope"); both are set by --shard.
tl::expected<void, std::string> read_options(Source& source) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  const std::string& json = source.run.options_json;
  if (parser.parse(json.data(), json.size()).get_object().get(object))
    return tl::unexpected(fmt::format("{}: run {} has unreadable options ({})", source.path,
                                      source.run.id, json));
  for (auto field : object) {
    const std::string key(field.key);
    // estate_auth (the authenticated caps of all shards together) follows from N like the shard
    // itself: shards of different splits are refused below, with a clearer message.
    if (key == "merged_from" || key == "estate_auth") continue;
    if (key == "shard") {
      std::string_view text;
      if (field.value.get_string().get(text))
        return tl::unexpected(fmt::format("{}: run {}: shard is not text", source.path, source.run.id));
      source.shard_text = std::string(text);
      continue;
    }
    source.options[key] = without_shard(field.value, std::nullopt);
  }
  if (source.shard_text.empty()) return {};
  auto shard = inventory::parse_shard(source.shard_text);
  if (!shard)
    return tl::unexpected(fmt::format("{}: run {}: {}", source.path, source.run.id, shard.error()));
  source.shard = *shard;
  return {};
}

// The CUCM's view of the whole sweep: every shard asked the same CUCM about the same user, so the
// shards that asked agree; the first one that asked speaks for all (shards run without --axl say
// nothing, "{}").
std::string merged_cucm_view(const std::vector<Source>& sources) {
  for (const auto& s : sources)
    if (s.run.cucm_json != "{}" && !s.run.cucm_json.empty()) return s.run.cucm_json;
  return "{}";
}

// What the shards learnt about the one set of credentials they were given, added up: the merged
// run says "accepted" when any shard saw them work. A shard's unreadable view counts as none.
std::string merged_credentials_view(const std::vector<Source>& sources) {
  CredentialsView merged;
  for (const auto& s : sources)
    if (const auto view = decode_credentials_view(s.run.credentials_json)) merged = combine(merged, *view);
  return encode_credentials_view(merged);
}

tl::expected<Source, std::string> open_source(const std::string& path) {
  auto db = Database::open(path, Database::Mode::existing);
  if (!db) return tl::unexpected(db.error());
  const auto id = db->latest_run_id();
  if (!id) return tl::unexpected(fmt::format("{}: no runs recorded", path));
  auto run = db->run(*id);
  if (!run) return tl::unexpected(fmt::format("{}: run {} vanished while reading", path, *id));
  if (run->status != RunStatus::completed)
    return tl::unexpected(fmt::format(
        "{}: its newest run ({}) is {}, not completed; finish that shard (scan --resume) or "
        "leave the file out",
        path, *id, code(run->status)));
  Source source{path, std::move(*db), std::move(*run), {}, {}, {}};
  if (auto read = read_options(source); !read) return tl::unexpected(read.error());
  return source;
}

std::string value_or_absent(const std::map<std::string, std::string>& options, const std::string& key) {
  const auto found = options.find(key);
  return found == options.end() ? std::string("(absent)") : found->second;
}

// The first option (other than shard) in which two runs differ, as a message; nullopt if none.
std::optional<std::string> option_difference(const Source& a, const Source& b) {
  std::set<std::string> keys;
  for (const auto& [key, value] : a.options) keys.insert(key);
  for (const auto& [key, value] : b.options) keys.insert(key);
  for (const auto& key : keys) {
    const std::string left = value_or_absent(a.options, key);
    const std::string right = value_or_absent(b.options, key);
    if (left != right)
      return fmt::format("{} (run {}) and {} (run {}) are not runs of the same sweep: option "
                         "{} is {} in one and {} in the other (only --shard may differ)",
                         a.path, a.run.id, b.path, b.run.id, key, left, right);
  }
  return std::nullopt;
}

// What must agree for a phone recorded by two scanners to be stored once.
std::string result_key(const PhoneRecord& r) {
  return fmt::format("{}/{}/{} screenshot={} phone_error={} transport={}",
                     diagnosis::to_string(r.outcome.cause), diagnosis::to_string(r.evidence.itl),
                     diagnosis::to_string(r.evidence.cucm), diagnosis::to_string(r.evidence.screenshot),
                     r.evidence.phone_error, diagnosis::to_string(r.evidence.transport));
}

struct Seen {
  std::size_t source;
  std::string key;
};

std::string merged_options(const std::vector<Source>& sources, const std::string& shard) {
  std::string out = "{";
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  const std::string& json = sources.front().run.options_json;
  if (!parser.parse(json.data(), json.size()).get_object().get(object)) {
    for (auto field : object) {
      if (field.key == "shard" || field.key == "merged_from") continue;
      append_json_string(out, field.key);
      out += ':';
      out += without_shard(field.value, shard);
      out += ',';
    }
  }
  out += "\"shard\":";
  append_json_string(out, shard);
  out += ",\"merged_from\":[";
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Source& s = sources[i];
    if (i > 0) out += ',';
    out += "{\"db\":";
    append_json_string(out, s.path);
    out += fmt::format(",\"run\":{},\"shard\":", s.run.id);
    append_json_string(out, s.shard_text);
    out += ",\"started_at\":";
    append_json_string(out, s.run.started_at);
    out += ",\"finished_at\":";
    append_json_string(out, s.run.finished_at);
    out += '}';
  }
  return out + "]}";
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error) && !error;
}

// Why the paths cannot be merged as given; nullopt when they can.
std::optional<std::string> refuse_paths(const std::vector<std::string>& paths, const std::string& output) {
  if (paths.empty()) return std::string("nothing to merge: give the shards' databases");
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (same_file(paths[i], output))
      return fmt::format("{} is both a source and the output; write the merge to a new file", output);
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(paths[i], paths[j])) return fmt::format("{} is given twice", paths[i]);
  }
  return std::nullopt;
}

// Every source's newest run, when they are shards of one sweep.
tl::expected<std::vector<Source>, std::string> open_sweep(const std::vector<std::string>& paths) {
  std::vector<Source> sources;
  for (const auto& path : paths) {
    auto source = open_source(path);
    if (!source) return tl::unexpected(source.error());
    sources.push_back(std::move(*source));
  }
  const Source& first = sources.front();
  for (std::size_t i = 1; i < sources.size(); ++i) {
    if (auto difference = option_difference(first, sources[i])) return tl::unexpected(*difference);
    if (sources[i].shard.count != first.shard.count)
      return tl::unexpected(fmt::format(
          "{} (shard {}) and {} (shard {}) split the inventory differently; merge shards of one "
          "--shard K/N split",
          first.path, first.shard_text.empty() ? "none" : first.shard_text, sources[i].path,
          sources[i].shard_text.empty() ? "none" : sources[i].shard_text));
  }
  return sources;
}

// Pass 1 over every phone of every source, before anything is written: which source stores each
// phone, the phones recorded twice, and what the union shows about the credentials.
struct Union {
  std::unordered_map<std::string, Seen> seen; // by address: the first source that recorded it
  diagnosis::FleetFacts fleet;
  std::vector<std::string> conflicts;         // the first few, for the message
  std::size_t conflict_count = 0;
};

Union read_union(std::vector<Source>& sources, MergeReport& report) {
  Union u;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    Source& source = sources[i];
    std::size_t phones = 0;
    source.db.for_each_record(source.run.id, [&](const PhoneRecord& record) {
      ++phones;
      diagnosis::accumulate(u.fleet, record.evidence);
      std::string key = result_key(record);
      auto [found, inserted] = u.seen.try_emplace(record.target.address(), Seen{i, key});
      if (inserted) return;
      if (found->second.key == key) {
        ++report.duplicates;
        return;
      }
      if (++u.conflict_count <= conflicts_named)
        u.conflicts.push_back(fmt::format("{}: {} in {}, {} in {}", found->first, found->second.key,
                                          sources[found->second.source].path, key, source.path));
    });
    report.sources.push_back({source.path, source.run.id, source.shard_text, phones});
  }
  return u;
}

std::string conflict_message(const Union& u) {
  std::string message = fmt::format(
      "{} phones were recorded by more than one source with different results; these runs "
      "overlap (the same shard twice, or a shard of another night?), nothing was merged:",
      u.conflict_count);
  for (const auto& line : u.conflicts) message += "\n  " + line;
  if (u.conflict_count > u.conflicts.size())
    message += fmt::format("\n  … and {} more", u.conflict_count - u.conflicts.size());
  return message;
}

// Fills report.missing_shards; returns the merged run's shard: empty for the whole estate, else
// the shards it holds ("1/3+3/3"), so that nobody reads a partial union as the whole estate.
std::string union_shard(const std::vector<Source>& sources, MergeReport& report) {
  const unsigned count = sources.front().shard.count;
  std::set<unsigned> present;
  for (const auto& s : sources) present.insert(s.shard.index);
  for (unsigned k = 1; k <= count; ++k)
    if (!present.contains(k)) report.missing_shards.push_back(fmt::format("{}/{}", k, count));
  std::string shard_text;
  if (report.missing_shards.empty()) return shard_text;
  for (unsigned k : present) {
    if (!shard_text.empty()) shard_text += '+';
    shard_text += fmt::format("{}/{}", k, count);
  }
  return shard_text;
}

// Pass 2: each phone from the source that stores it, in batches; then the run's views.
void write_union(std::vector<Source>& sources, const Union& u, Database& out, MergeReport& report) {
  std::vector<PhoneRecord> batch;
  batch.reserve(batch_size);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    sources[i].db.for_each_record(sources[i].run.id, [&](const PhoneRecord& record) {
      if (u.seen.at(record.target.address()).source != i) return; // stored from an earlier source
      batch.push_back(record);
      if (batch.size() == batch_size) {
        report.phones += out.insert_batch(report.run, batch).inserted;
        batch.clear();
      }
    });
  }
  report.phones += out.insert_batch(report.run, batch).inserted;
  out.set_run_cucm(report.run, merged_cucm_view(sources));
  out.set_run_credentials(report.run, merged_credentials_view(sources));
}

// The union's final outcomes (storage/settle.hpp), with the CUCM's view the shards recorded.
std::size_t settle_union(Database& out, std::int64_t run, const diagnosis::FleetFacts& fleet) {
  const auto stored = out.run(run);
  const auto view = stored ? decode_cucm_view(stored->cucm_json) : std::nullopt;
  return settle_run(out, run, fleet, view ? cucm_facts(*view) : diagnosis::CucmFacts{});
}

} // namespace

tl::expected<MergeReport, std::string> merge_runs(const std::vector<std::string>& paths,
                                                  const std::string& output) {
  if (auto refused = refuse_paths(paths, output)) return tl::unexpected(*refused);
  auto sources = open_sweep(paths);
  if (!sources) return tl::unexpected(sources.error());
  MergeReport report;
  Union u = read_union(*sources, report);
  if (u.conflict_count > 0) return tl::unexpected(conflict_message(u));
  const std::string shard_text = union_shard(*sources, report);

  // Only now is the output opened, so a refusal leaves it untouched.
  auto out = Database::open(output, Database::Mode::create);
  if (!out) return tl::unexpected(out.error());
  std::int64_t phone_count = 0;
  for (const auto& s : *sources) phone_count += s.run.phone_count;
  report.run = out->begin_run({merged_options(*sources, shard_text), sources->front().run.tool_version, phone_count});
  try {
    write_union(*sources, u, *out, report);
    const diagnosis::FleetFacts fleet = u.fleet;
    u = {};             // the phones' keys are not needed to settle: memory as for a scan's run
    sources->clear();   // nor the sources' connections
    report.settled = settle_union(*out, report.run, fleet);
    out->finish_run(report.run, RunStatus::completed);
  } catch (...) {
    try {
      out->finish_run(report.run, RunStatus::failed);
    } catch (const Error&) {
      // The database that just failed may fail again; the first error is the one to report.
    }
    throw;
  }
  return report;
}

} // namespace storage
