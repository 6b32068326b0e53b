#pragma once
// `phonesweep fix` on the command line: its options, registered by the command itself so that
// main() only asks whether it was chosen.
#include <app/fix_command.hpp>

#include <CLI/CLI.hpp>

#include <memory>

namespace app {

struct FixCli {
  CLI::App* command = nullptr;
  FixOptions options;
};

// Adds the `fix` subcommand to `cli`; the options are filled when `cli` parses (keep the result
// alive until then). Run it with run_fix(result->options) when *result->command is set.
std::unique_ptr<FixCli> add_fix_command(CLI::App& cli);

} // namespace app
