#include <app/config_keys.hpp>

#include <util/nearest.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <vector>

namespace app {
namespace {

std::string trimmed(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

std::string normal(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return key;
}

std::vector<std::string> option_names(CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options())
    for (const auto& name : option->get_lnames()) names.push_back(name);
  return names;
}

std::vector<std::string> command_names(CLI::App& cli) {
  std::vector<std::string> names;
  for (const CLI::App* command : cli.get_subcommands({})) names.push_back(command->get_name());
  return names;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto guess = util::nearest(word, candidates);
  return guess ? fmt::format("; did you mean '{}'?", *guess) : std::string();
}

// The problem with `key` (normalised) in `section` ("" at the top), or empty.
std::string key_problem(CLI::App& cli, const std::string& section, const std::string& key) {
  CLI::App* command = &cli;
  if (!section.empty()) {
    const auto commands = command_names(cli);
    if (std::find(commands.begin(), commands.end(), section) == commands.end())
      return fmt::format("there is no command [{}]{}", util::printable(section), did_you_mean(section, commands));
    command = cli.get_subcommand(section);
  }
  const auto names = option_names(*command);
  if (std::find(names.begin(), names.end(), key) != names.end()) return {};
  return fmt::format("[{}] has no option '{}'{}", section.empty() ? "top level" : section, util::printable(key),
                     did_you_mean(key, names));
}

} // namespace

std::string config_key_problem(const std::string& path, CLI::App& cli) {
  std::ifstream in(path);
  std::string line, section;
  for (std::size_t number = 1; std::getline(in, line) && number <= 100000; ++number) {
    const std::string text = trimmed(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    if (text.front() == '[' && text.back() == ']') {
      section = trimmed(std::string_view(text).substr(1, text.size() - 2));
      const auto commands = command_names(cli);
      if (!section.empty() && std::find(commands.begin(), commands.end(), section) == commands.end())
        return fmt::format("{} line {}: there is no command [{}]{}", path, number, util::printable(section),
                           did_you_mean(section, commands));
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string::npos) continue; // CLI11 says what it makes of it
    std::string key = normal(trimmed(std::string_view(text).substr(0, equals)));
    std::string in_section = section;
    if (const auto dot = key.find('.'); section.empty() && dot != std::string::npos) {
      in_section = key.substr(0, dot);
      key = key.substr(dot + 1);
    }
    if (const auto problem = key_problem(cli, in_section, key); !problem.empty())
      return fmt::format("{} line {}: {}", path, number, problem);
  }
  return {};
}

std::string unknown_command_problem(int argc, char** argv, CLI::App& cli) {
  const auto commands = command_names(cli);
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--config") {
      ++i; // its value
      continue;
    }
    if (word.starts_with("-")) continue;
    if (std::find(commands.begin(), commands.end(), word) != commands.end()) return {};
    return fmt::format("unknown command '{}'{} (commands: {})", util::printable(word), did_you_mean(word, commands),
                       fmt::join(commands, ", "));
  }
  return {};
}

std::string parse_problem(const CLI::ParseError& error, int argc, char** argv, CLI::App& cli,
                          const std::string& config_path) {
  if (dynamic_cast<const CLI::ConfigError*>(&error) != nullptr && !config_path.empty())
    return config_key_problem(config_path, cli);
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr ||
      dynamic_cast<const CLI::RequiredError*>(&error) != nullptr)
    return unknown_command_problem(argc, argv, cli);
  return {};
}

} // namespace app
