// phonesweep: why can't our application user take a screenshot of this phone?
// main() only wires: the command line's common options, each subcommand registered by its own
// file, and the exit status of doc/DESIGN.md for what they throw.
#include <app/config.hpp>
#include <app/config_keys.hpp>
#include <app/discover_command.hpp>
#include <app/exit_status.hpp>
#include <app/fix_cli.hpp>
#include <app/history_command.hpp>
#include <app/log.hpp>
#include <app/merge_command.hpp>
#include <app/prune_command.hpp>
#include <app/report_command.hpp>
#include <app/scan_command.hpp>
#include <app/version_text.hpp>

#include <CLI/CLI.hpp>
#include <util/net_libraries.hpp>

#include <array>

int main(int argc, char** argv) {
  CLI::App cli{"phonesweep: sweeps Cisco IP phones and names why remote screenshots fail"};
  cli.require_subcommand(1);
  cli.set_version_flag(
      "--version", [] { return app::version_text(); },
      "print the version, the commit and the linked libraries' versions");
  cli.set_config("--config", app::default_config_path(),
                 "options file, one [section] per subcommand (default: $XDG_CONFIG_HOME/phonesweep/config, "
                 "else /etc/phonesweep.conf, when present); refused when others may write it")
      ->check(CLI::Validator([](std::string& path) { return app::config_file_problem(path); }, "FILE"));
  // An unknown key is an error, not silently ignored: a misspelt option must not go unnoticed in
  // a nightly job, and there is no password option a config file could hold.
  cli.allow_config_extras(CLI::config_extras_mode::error);
  const std::array commands{app::register_scan(cli),     app::register_report(cli), app::register_runs(cli),
                            app::register_history(cli),  app::register_merge(cli),  app::register_prune(cli),
                            app::register_discover(cli), app::register_fix(cli)};
  try {
    // Before anything else and before any thread starts; cleaned up when main returns.
    const util::NetLibraries libraries;
    cli.parse(argc, argv);
    for (const auto& command : commands)
      if (*command.cli) return command.run();
  } catch (const CLI::ParseError& e) {
    // A mistyped command or config key: say which, where, and what was probably meant.
    // The file given (results(), which never throws, unlike as<>() after a failed check), else the default.
    const auto* config = cli.get_config_ptr();
    const std::string config_path =
        config && !config->results().empty() ? config->results().front() : app::default_config_path();
    if (const std::string problem = app::parse_problem(e, argc, argv, cli, config_path); !problem.empty()) {
      app::log_error(problem);
      return app::exit_usage;
    }
    const int code = cli.exit(e);
    return code == 0 ? 0 : app::exit_usage;
  } catch (const app::UsageError& e) {
    app::log_error(e.what());
    return app::exit_usage;
  } catch (const app::RunError& e) {
    app::log_error(e.what());
    return app::exit_incomplete;
  } catch (const std::exception& e) {
    app::log_error(e.what());
    return app::exit_incomplete;
  }
  return app::exit_usage;
}
