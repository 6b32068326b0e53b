#pragma once
// Phones of a run counted by root cause within a group (a site, a model): what the per-site CSV
// and the HTML breakdowns show. Plain data; filled in one pass over the run's records.
#include <diagnosis/root_cause.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace report {

struct CauseCounts {
  std::int64_t phones = 0;
  std::array<std::int64_t, diagnosis::root_cause_count> by_cause{}; // indexed by RootCause

  void add(diagnosis::RootCause cause) {
    ++phones;
    ++by_cause[static_cast<std::size_t>(cause)];
  }
  [[nodiscard]] std::int64_t count(diagnosis::RootCause cause) const {
    return by_cause[static_cast<std::size_t>(cause)];
  }
  [[nodiscard]] std::int64_t failing() const { return phones - count(diagnosis::RootCause::ok); }
};

// Group name (site or model as the Row shows it; "" when unknown) to its counts, sorted by name.
using Breakdown = std::map<std::string, CauseCounts>;

} // namespace report
