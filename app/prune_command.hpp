#pragma once
// `phonesweep prune --keep N`: deletes all but the newest N runs of a database.
#include <app/command.hpp>

#include <string>

namespace app {

struct PruneOptions {
  std::string db = "phonesweep.db";
  long long keep = 0;
};

// Exit 0; throws UsageError (keep < 1, no database) or RunError (a scan holds the database).
int run_prune(const PruneOptions& options);

// Registers `prune` and its options on `cli`.
Command register_prune(CLI::App& cli);

} // namespace app
