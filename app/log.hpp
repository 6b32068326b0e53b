#pragma once
// What phonesweep tells the operator, in one of two formats for the whole process:
//   text  "phonesweep: warning: …" lines on stderr (the default; what a person or cron reads),
//         control characters in the message shown as \n, \x1b, … (util/printable.hpp)
//   json  one JSON object per line, {"ts":…,"level":…,"event":…,"msg":…, fields…}, on stderr,
//         for log shippers (journald, Vector, Fluent Bit). The run's summary is also one JSON
//         object, on stdout.
// Never pass a password in a message or a field.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace app {

enum class LogFormat { text, json };

// --quiet, for the whole process: "info" lines are dropped, warnings and errors stay (a cron job
// mails what is left: one summary line, and one more per real problem).
void set_quiet(bool quiet) noexcept;
[[nodiscard]] bool quiet() noexcept;

// Throws UsageError for anything but "text" or "json".
LogFormat parse_log_format(std::string_view text);
void set_log_format(LogFormat format) noexcept;
[[nodiscard]] LogFormat log_format() noexcept;

// A JSON field: the name, and the value already encoded as JSON (util::json_string for text).
using LogField = std::pair<std::string, std::string>;

// One line on stderr. In text format `event` and `fields` are left out.
void log_line(std::string_view level, std::string_view event, std::string_view message,
              const std::vector<LogField>& fields = {});
inline void log_warning(std::string_view message) { log_line("warning", "warning", message); }
// As log_line, but in text format the message is the whole line ("preflight: …", "discover: …"):
// for lines that name their own stage.
void log_say(std::string_view level, std::string_view event, std::string_view message,
             const std::vector<LogField>& fields = {});
// main()'s one line for a fatal error: "phonesweep: <message>" in text format.
void log_error(std::string_view message);

// A JSON object of the fields with "ts" first, on one line (no newline).
std::string json_object(std::string_view level, std::string_view event, std::string_view message,
                        const std::vector<LogField>& fields);

} // namespace app
