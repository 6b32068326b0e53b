#include <app/password.hpp>

#include <app/exit_status.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace app {

std::string read_password(const std::string& env_var, const std::string& file) {
  if (!file.empty()) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0)
      throw UsageError("--password-file " + file + ": " + std::strerror(errno));
    if (st.st_mode & (S_IRWXG | S_IRWXO))
      throw UsageError("--password-file " + file +
                       ": readable by other users; run `chmod 600 " + file + "` first");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string password = text.str();
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
      password.pop_back();
    if (password.empty()) throw UsageError("--password-file " + file + ": empty");
    return password;
  }
  const char* value = std::getenv(env_var.c_str());
  if (!value || !*value)
    throw UsageError("no password: set the environment variable " + env_var +
                     " (or use --password-env VAR / --password-file FILE)");
  return value;
}

} // namespace app
