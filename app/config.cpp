#include <app/config.hpp>

#include <cstdlib>
#include <filesystem>

namespace app {

std::string default_config_path() {
  if (const char* forced = std::getenv("PHONESWEEP_CONFIG")) return forced;
  std::string user_dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) user_dir = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) user_dir = std::string(home) + "/.config";
  std::error_code ignored;
  if (!user_dir.empty()) {
    const std::string path = user_dir + "/phonesweep/config";
    if (std::filesystem::is_regular_file(path, ignored)) return path;
  }
  if (std::filesystem::is_regular_file("/etc/phonesweep.conf", ignored)) return "/etc/phonesweep.conf";
  return {};
}

} // namespace app
