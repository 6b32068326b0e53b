#include <app/log_options.hpp>

#include <app/log.hpp>

#include <string>

namespace app {

void add_log_format_option(CLI::App& cmd) {
  cmd.add_option_function<std::string>(
         "--log-format", [](const std::string& format) { set_log_format(parse_log_format(format)); },
         "text or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
}

} // namespace app
