#include <storage/merge.hpp>

#include <inventory/shard.hpp>
#include <storage/credentials_view.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>
#include <storage/run_options.hpp>
#include <storage/settle.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
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
  RunOptions options;
  inventory::Shard shard; // 1/1 for an unsharded run
  std::string shard_text;
};

// The run's options and its shard. The options were written by a scan, so options that do not
// decode are a damaged database, reported as such.
tl::expected<void, std::string> read_options(Source& source) {
  auto options = decode_run_options(source.run.options_json);
  if (!options)
    return tl::unexpected(
        fmt::format("{}: run {} has unreadable options ({})", source.path, source.run.id, source.run.options_json));
  source.options = std::move(*options);
  source.shard_text = source.options.shard.value_or("");
  if (source.shard_text.empty()) return {};
  auto shard = inventory::parse_shard(source.shard_text);
  if (!shard) return tl::unexpected(fmt::format("{}: run {}: {}", source.path, source.run.id, shard.error()));
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
    return tl::unexpected(
        fmt::format("{}: its newest run ({}) is {}, not completed; finish that shard (scan --resume) or "
                    "leave the file out",
                    path, *id, code(run->status)));
  Source source{path, std::move(*db), std::move(*run), {}, {}, {}};
  if (auto read = read_options(source); !read) return tl::unexpected(read.error());
  return source;
}

// The first option (other than shard) in which two runs differ, as a message; nullopt if none.
std::optional<std::string> option_difference(const Source& a, const Source& b) {
  const auto difference = sweep_difference(a.options, b.options);
  if (!difference) return std::nullopt;
  return fmt::format("{} (run {}) and {} (run {}) are not runs of the same sweep: option "
                     "{} is {} in one and {} in the other (only --shard may differ)",
                     a.path, a.run.id, b.path, b.run.id, difference->name, difference->left, difference->right);
}

// What must agree for a phone recorded by two scanners to be stored once.
std::string result_key(const PhoneRecord& r) {
  return fmt::format("{}/{}/{} screenshot={} phone_error={} transport={}", diagnosis::to_string(r.outcome.cause),
                     diagnosis::to_string(r.evidence.itl), diagnosis::to_string(r.evidence.cucm),
                     diagnosis::to_string(r.evidence.screenshot), r.evidence.phone_error,
                     diagnosis::to_string(r.evidence.transport));
}

struct Seen {
  std::size_t source;
  std::string key;
};

// The first source's options, with the union's shard and where it was merged from.
std::string merged_options(const std::vector<Source>& sources, const std::string& shard) {
  RunOptions merged = sources.front().options;
  merged.shard = shard;
  if (merged.scope) merged.scope->shard = shard;
  merged.merged_from.clear();
  for (const Source& s : sources)
    merged.merged_from.push_back({s.path, s.run.id, s.shard_text, s.run.started_at, s.run.finished_at});
  return encode_run_options(merged);
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error) && !error;
}

// The shard runs a merge is made of, in an order that does not depend on the order given: what
// tells a second merge of the same runs (under any file names) from a merge of another night's.
std::string merge_key(const std::vector<Source>& sources) {
  std::vector<std::string> parts;
  for (const Source& s : sources)
    parts.push_back(fmt::format("{}@{}#{}:{}", s.shard_text, s.run.started_at, s.run.id, s.run.recorded));
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : ";") + part;
  return key;
}

// The completed merge of these shard runs that `output` already holds, as a report; nullopt when
// the output does not exist yet or holds none.
std::optional<MergeReport> existing_merge(const std::vector<Source>& sources, const std::string& output,
                                          const std::string& key) {
  if (!std::filesystem::exists(output)) return std::nullopt;
  auto out = Database::open(output, Database::Mode::existing);
  if (!out) return std::nullopt; // merge_runs opens it again and reports why it cannot
  const auto run = out->find_merge(key);
  if (!run) return std::nullopt;
  MergeReport report;
  report.run = *run;
  report.existing = true;
  for (const Source& s : sources) {
    report.sources.push_back({s.path, s.run.id, s.shard_text, static_cast<std::size_t>(s.run.recorded)});
  }
  if (const auto summary = out->run(*run)) report.phones = static_cast<std::size_t>(summary->recorded);
  return report;
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
      return tl::unexpected(
          fmt::format("{} (shard {}) and {} (shard {}) split the inventory differently; merge shards of one "
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
  std::vector<std::string> conflicts; // the first few, for the message
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
  std::string message =
      fmt::format("{} phones were recorded by more than one source with different results; these runs "
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

tl::expected<MergeReport, std::string> merge_runs(const std::vector<std::string>& paths, const std::string& output) {
  if (auto refused = refuse_paths(paths, output)) return tl::unexpected(*refused);
  auto sources = open_sweep(paths);
  if (!sources) return tl::unexpected(sources.error());
  const std::string key = merge_key(*sources);
  if (auto existing = existing_merge(*sources, output, key)) return *existing;
  MergeReport report;
  Union u = read_union(*sources, report);
  if (u.conflict_count > 0) return tl::unexpected(conflict_message(u));
  const std::string shard_text = union_shard(*sources, report);

  // Only now is the output opened, so a refusal leaves it untouched.
  auto out = Database::open(output, Database::Mode::create);
  if (!out) return tl::unexpected(out.error());
  std::int64_t phone_count = 0;
  for (const auto& s : *sources) phone_count += s.run.phone_count;
  RunCoverage coverage;
  coverage.kind = report.missing_shards.empty() ? RunKind::merge : RunKind::shard;
  coverage.merge_key = key;
  report.run =
      out->begin_run({merged_options(*sources, shard_text), sources->front().run.tool_version, phone_count}, coverage);
  try {
    write_union(*sources, u, *out, report);
    const diagnosis::FleetFacts fleet = u.fleet;
    u = {};           // the phones' keys are not needed to settle: memory as for a scan's run
    sources->clear(); // nor the sources' connections
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
