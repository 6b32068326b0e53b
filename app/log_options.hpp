#pragma once
// The options every subcommand shares for what it prints: --log-format (app/log.hpp), applied as
// soon as the command line names it, so that every line the subcommand prints, its errors
// included, is in that format.
#include <CLI/CLI.hpp>

namespace app {

// Registers --log-format text|json on `cmd`.
void add_log_format_option(CLI::App& cmd);

} // namespace app
