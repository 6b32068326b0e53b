#pragma once
// What the report's Run table says about the run's credentials and its load on the CUCM, read
// from what the run stored: its options (the authenticated caps, with all shards' total for a
// --shard sweep and its merge; whether --cucm was given) and its credentials view
// (storage/credentials_view.hpp: accepted, or refused and the sweep stopped spending them).
#include <storage/record.hpp>

#include <optional>
#include <string>
#include <vector>

namespace report {

struct RunNote {
  std::string name;
  std::string value;
  bool hot = false; // a finding that needs action
};

// In this order, each when the run stored what it needs: "Authenticated requests",
// "Credentials", "Failed logons caused", "CUCM cross-check" (without --cucm: what cannot be told
// apart, and how many phones are auth_failed for that reason).
std::vector<RunNote> run_notes(const storage::RunSummary& run);

// What the run covers, in words (`runs`, the report's header): "full sweep", "re-check of run 2",
// "shard 1/3", "merge of 1/3+2/3+3/3", "partial merge of 1/3+3/3".
std::string scope_text(const storage::RunSummary& run);

// How long the sweep took, in whole seconds: for a merged run from its first shard's start to its
// last shard's finish (not the minute the merge took), else from start to finish. nullopt when a
// time is missing or unreadable.
std::optional<long long> sweep_seconds(const storage::RunSummary& run);

} // namespace report
