#pragma once
// The short table printed after a scan and by `phonesweep runs`.
#include <storage/record.hpp>

#include <ostream>

namespace app {

void print_summary_table(std::ostream& out, const storage::RunSummary& run, double seconds);

} // namespace app
