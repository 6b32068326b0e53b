#include <app/summary_table.hpp>

#include <fmt/format.h>

namespace app {

void print_summary_table(std::ostream& out, const storage::RunSummary& run, double seconds) {
  out << fmt::format("run {}: {} phones in {:.1f} s ({:.0f} phones/s)\n", run.id, run.recorded, seconds,
                     seconds > 0 ? static_cast<double>(run.recorded) / seconds : 0.0);
  for (const auto& [cause, count] : run.counts_by_cause)
    out << fmt::format("  {:<16} {:>7}  {:5.1f} %\n", diagnosis::to_string(cause), count,
                       run.recorded ? 100.0 * static_cast<double>(count) / static_cast<double>(run.recorded) : 0.0);
}

} // namespace app
