#pragma once
// What a run was asked to do, kept in runs.options_json: the report shows it, `scan --resume`
// compares the phones it covers (its scope), and `merge` compares everything but the shard to
// tell shards of one sweep from runs of different sweeps. Never holds a password.
//
// Every field is as the run recorded it; nullopt when it did not: a run of an older phonesweep,
// a database written by hand, or an option recorded only when given (axl, canary_device, and
// estate_auth for a --shard K/N sweep). Encoding leaves absent fields out, so a run decoded and
// encoded again says what it said.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

// Which phones a run covers: what `scan --resume` compares before adding to a run.
struct RunScope {
  std::string inventory;     // the --inventory files, comma-separated
  std::string targets;       // --targets
  std::string shard;         // --shard K/N
  bool only_failed = false;  // --only-failed
  std::string cucm_discover; // --cucm-discover; recorded only when given
  std::string discover_name; // --discover-name, recorded with --cucm-discover only

  bool operator==(const RunScope&) const = default;
};

// The authenticated caps of all the shards of a --shard K/N sweep together.
struct EstateAuth {
  std::int64_t concurrency = 0;
  double rate = 0;
  std::int64_t shards = 0;

  bool operator==(const EstateAuth&) const = default;
};

// A run a merged run was made from.
struct MergedFrom {
  std::string db;
  std::int64_t run = 0;
  std::string shard;
  std::string started_at;
  std::string finished_at;

  bool operator==(const MergedFrom&) const = default;
};

struct RunOptions {
  std::optional<std::string> inventory; // --inventory files, comma-separated
  std::optional<std::string> targets;
  std::optional<std::string> user;
  std::optional<std::string> cucm;
  std::optional<std::int64_t> concurrency;
  std::optional<std::int64_t> auth_concurrency; // in force: a shard's share unless given
  std::optional<double> auth_rate;              // per second, 0: unlimited
  std::optional<std::int64_t> max_failed_logons;
  std::optional<double> timeout;
  std::optional<double> connect_timeout;
  std::optional<std::string> dns_server;
  std::optional<std::string> shard; // "K/N"; a merged run's: "" (all) or "1/3+3/3"
  std::optional<RunScope> scope;
  std::optional<std::string> axl;
  std::optional<std::string> canary_device;
  std::optional<EstateAuth> estate_auth;
  std::vector<MergedFrom> merged_from; // a merged run's sources; empty otherwise

  bool operator==(const RunOptions&) const = default;
};

// How long the sweep a merged run was made of took: from the first shard's start to the last
// shard's finish (the shards run side by side). nullopt when `sources` is empty or a time is
// unreadable.
std::optional<double> merged_sweep_seconds(const std::vector<MergedFrom>& sources);

// Always valid JSON: the present fields in the order above.
std::string encode_run_options(const RunOptions& options);
// merged_from's JSON array, as encode writes it (for a reader who wants it verbatim).
std::string merged_from_json(const std::vector<MergedFrom>& sources);

// nullopt when `json` is not a JSON object, or a field above has another type than encode writes
// (a damaged database). Unknown fields are ignored; absent ones stay nullopt (empty).
std::optional<RunOptions> decode_run_options(std::string_view json);

// Whether a run recorded for `stored` covers the phones of `scope`, field by field (--resume).
// A run that recorded no scope (an older phonesweep) covers any.
bool covers_scope(const RunOptions& stored, const RunScope& scope);

// The first option in which two runs of one sweep would differ: every field but the shard (at
// the top and in the scope), estate_auth (which follows from N, like the shard) and merged_from,
// compared by name in alphabetical order. Values are JSON text, "(absent)" when not recorded.
struct OptionDifference {
  std::string name;
  std::string left;
  std::string right;
};
std::optional<OptionDifference> sweep_difference(const RunOptions& a, const RunOptions& b);

} // namespace storage
