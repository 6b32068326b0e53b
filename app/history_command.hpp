#pragma once
// `phonesweep history SEP…|ADDRESS`: one phone's story, newest run first: in each run that holds
// it, its root cause, the detail and the evidence that decided (screenshot answer, CUCM verdict,
// ITL state, transport, firmware), so that "since when, and what changed" needs no SQL. Reads the
// database read-only, like `report`.
//
// The phone is a device name (any case), an address as the runs key it, or a host. --json writes
// one JSON array of objects, newest first. Shows the newest --last runs (20) and says how many
// more hold the phone. Throws UsageError (exit 2) for a database that does not exist or a phone
// no run holds.
#include <app/command.hpp>

#include <cstddef>
#include <string>

namespace app {

struct HistoryOptions {
  std::string db = "phonesweep.db";
  std::string phone;
  std::size_t last = 20;
  bool json = false;
};
int run_history(const HistoryOptions& options);

Command register_history(CLI::App& cli);

} // namespace app
