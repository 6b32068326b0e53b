#pragma once
// Exit statuses of doc/DESIGN.md, and the two exceptions main() turns into them.
#include <stdexcept>

namespace app {

enum ExitStatus : int {
  exit_all_ok = 0,
  exit_failures_found = 1,
  exit_usage = 2,      // usage or input error
  exit_incomplete = 3, // the run could not complete (database, resources)
};

// Bad command line or input: main prints the message and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The run could not complete: main prints the message and exits 3.
struct RunError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace app
