#pragma once
// A subcommand as main() wires it: each registers its own options on the command line, in its own
// file, and hands back what runs it once the command line is parsed.
#include <CLI/CLI.hpp>

#include <functional>

namespace app {

struct Command {
  CLI::App* cli = nullptr;  // the subcommand, to tell whether it was chosen
  std::function<int()> run; // runs it with the parsed options; returns the exit status or throws
                            // UsageError / RunError (app/exit_status.hpp)
};

} // namespace app
