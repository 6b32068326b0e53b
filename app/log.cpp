#include <app/log.hpp>

#include <app/exit_status.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>

#include <atomic>
#include <iostream>

namespace app {
namespace {

std::atomic<LogFormat> current{LogFormat::text};
std::atomic<bool> quiet_now{false};

void write_line(std::string line) {
  line += '\n';
  std::cerr << line << std::flush;
}

} // namespace

LogFormat parse_log_format(std::string_view text) {
  if (text == "text") return LogFormat::text;
  if (text == "json") return LogFormat::json;
  throw UsageError(fmt::format("--log-format must be text or json, not '{}'", text));
}

void set_log_format(LogFormat format) noexcept { current = format; }
LogFormat log_format() noexcept { return current; }
void set_quiet(bool quiet) noexcept { quiet_now = quiet; }
bool quiet() noexcept { return quiet_now; }

std::string json_object(std::string_view level, std::string_view event, std::string_view message,
                        const std::vector<LogField>& fields) {
  std::string out = fmt::format(R"({{"ts":{},"level":{},"event":{})", util::json_string(storage::utc_now()),
                                util::json_string(level), util::json_string(event));
  if (!message.empty()) out += fmt::format(R"(,"msg":{})", util::json_string(message));
  for (const auto& [name, value] : fields) out += fmt::format(",{}:{}", util::json_string(name), value);
  return out + "}";
}

void log_line(std::string_view level, std::string_view event, std::string_view message,
              const std::vector<LogField>& fields) {
  if (quiet() && level == "info") return;
  // Text lines show control characters as \n, \x1b, …: an inventory value holding a newline must
  // not forge a line of its own, nor an escape sequence drive the operator's terminal.
  write_line(log_format() == LogFormat::json ? json_object(level, event, message, fields)
                                             : fmt::format("phonesweep: {}: {}", level, util::printable(message)));
}

void log_say(std::string_view level, std::string_view event, std::string_view message,
             const std::vector<LogField>& fields) {
  if (quiet() && level == "info") return;
  write_line(log_format() == LogFormat::json ? json_object(level, event, message, fields) : util::printable(message));
}

void log_error(std::string_view message) {
  if (log_format() == LogFormat::json) {
    log_line("error", "error", message);
    return;
  }
  std::cerr << "phonesweep: " << util::printable(message) << '\n' << std::flush;
}

} // namespace app
