#pragma once
// Where the application user's password comes from: never argv (visible in ps and shell
// history), only the environment or a file that other users cannot read.
#include <string>

namespace app {

// Reads the password from `file` when given, else from the environment variable `env_var`.
// Throws UsageError naming the source when it is missing, empty, or the file is readable by
// group or others.
std::string read_password(const std::string& env_var, const std::string& file);

} // namespace app
