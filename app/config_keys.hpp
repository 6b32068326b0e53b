#pragma once
// A config file's keys checked against the options they must name, for an error a newcomer can act
// on: CLI11 says only "INI was not able to parse scan.timout"; this names the file, the line and
// the nearest key ("/etc/phonesweep.conf line 7: [scan] has no option 'timout'; did you mean
// 'timeout'?").
#include <CLI/CLI.hpp>

#include <string>

namespace app {

// The first key of the file at `path` that names no option of its [section]'s subcommand (or a
// section that names no subcommand), described as above; empty when every key is known or the
// file cannot be read. Keys are the long option names, `-` or `_` alike.
std::string config_key_problem(const std::string& path, CLI::App& cli);

// "unknown command 'scna'; did you mean 'scan'?" when the first word of `argv` that is not an
// option is no subcommand of `cli`; empty otherwise.
std::string unknown_command_problem(int argc, char** argv, CLI::App& cli);

// For a parse error of `cli`: one of the two above when it applies (a config file's error, a
// command line without a known subcommand), else empty (CLI11's own message stands).
std::string parse_problem(const CLI::ParseError& error, int argc, char** argv, CLI::App& cli,
                          const std::string& config_path);

} // namespace app
