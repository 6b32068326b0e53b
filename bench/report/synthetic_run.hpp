#pragma once
// A synthetic but realistic estate for report benchmarks and browser tests: sites of very
// different sizes, a real model mix (including models without a screenshot service), firmware per
// model family, and failures that cluster the way they do in the field (one site whose phones all
// have an authentication URL that does not resolve, one with a broken ITL rollout) on top of a
// background of scattered ones. Deterministic for a given seed.
#include <storage/record.hpp>

#include <cstdint>
#include <vector>

namespace bench {

struct SyntheticOptions {
  int phones = 100'000;
  unsigned seed = 1;
  // Share of phones whose root cause differs from the seed-only outcome: what makes a second
  // run (seed + 1) differ from the first by a plausible night's worth of changes.
  double churn = 0.0;
};

// Phone i of the estate has the same address, name, site and model for every seed; the root
// cause depends on the seed only for the `churn` share of phones.
std::vector<storage::PhoneRecord> synthetic_run(const SyntheticOptions& options);

} // namespace bench
