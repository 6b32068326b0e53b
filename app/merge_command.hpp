#pragma once
// `phonesweep merge A.db B.db … -o all.db`: one run from the shards of a sweep (storage/merge.hpp).
#include <app/command.hpp>

#include <string>
#include <vector>

namespace app {

struct MergeOptions {
  std::vector<std::string> sources; // shard databases, each with one run of `scan --shard K/N`
  std::string output;               // created if missing; the merged run is added to it
  bool quiet = false;
};

// Returns the exit status of a scan over the union (0 every phone ok, 1 failures found).
// Throws UsageError when the runs cannot be merged (nothing written), RunError when a database
// fails while writing.
int run_merge(const MergeOptions& options);

// Registers `merge` and its options on `cli`.
Command register_merge(CLI::App& cli);

} // namespace app
