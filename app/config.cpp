#include <app/config.hpp>

#include <sys/stat.h>
#include <unistd.h>

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

std::string config_file_problem(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {}; // a missing file is CLI11's to report
  if (!S_ISREG(st.st_mode)) return path + " is not a regular file";
  if (st.st_uid != geteuid() && st.st_uid != 0)
    return path + " is owned by uid " + std::to_string(st.st_uid) +
           ", neither the user running phonesweep nor root: refusing to read it";
  if (st.st_mode & (S_IWGRP | S_IWOTH))
    return path + " may be changed by group or others: refusing to read it (run `chmod go-w " + path + "`)";
  return {};
}

} // namespace app
