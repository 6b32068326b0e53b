#pragma once
// `phonesweep fix` on the command line: its options, registered by the command itself
// (app/command.hpp) so that main() only wires.
#include <app/command.hpp>
#include <app/fix_command.hpp>

#include <CLI/CLI.hpp>

namespace app {

Command register_fix(CLI::App& cli);

} // namespace app
