#include <util/paths.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace util {
namespace {

tl::expected<std::string, std::string> real_path(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> resolved(realpath(path.c_str(), nullptr), &std::free);
  if (!resolved) return tl::unexpected(path + ": " + std::strerror(errno));
  return std::string(resolved.get());
}

std::string link_target(const std::string& path) {
  char target[PATH_MAX] = {};
  const ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
  return n > 0 ? std::string(target, static_cast<std::size_t>(n)) : std::string("?");
}

} // namespace

tl::expected<std::string, std::string> resolve_for_writing(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode) && stat(path.c_str(), &st) != 0)
      return tl::unexpected(path + " is a symbolic link to " + link_target(path) +
                            ", which does not exist: refusing to create a file through it");
    return real_path(path);
  }
  if (errno != ENOENT) return tl::unexpected(path + ": " + std::strerror(errno));
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return tl::unexpected(path + ": not a file name");
  auto real_dir = real_path(dir);
  if (!real_dir) return tl::unexpected(path + ": no such directory " + dir);
  return (*real_dir == "/" ? "" : *real_dir) + "/" + name;
}

} // namespace util
