#include <app/password.hpp>

#include <app/exit_status.hpp>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace app {
namespace {

std::string read_password_file(const std::string& file) {
  // Checked on the open descriptor (fstat), not the name, so the file read is the file checked.
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw UsageError("--password-file " + file + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    throw UsageError("--password-file " + file + ": not a regular file");
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    close(fd);
    throw UsageError("--password-file " + file + ": refusing a password file that group or "
                     "others can access (mode " + std::to_string((st.st_mode >> 6) & 7) +
                     std::to_string((st.st_mode >> 3) & 7) + std::to_string(st.st_mode & 7) +
                     "); run `chmod 600 " + file + "` first");
  }
  std::string password;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    password.append(buffer, static_cast<std::size_t>(n));
    if (password.size() > 64 * 1024) break; // not a password file
  }
  explicit_bzero(buffer, sizeof buffer);
  close(fd);
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
    password.pop_back();
  if (password.empty()) throw UsageError("--password-file " + file + ": empty");
  return password;
}

} // namespace

std::string read_password(const std::string& env_var, const std::string& file) {
  if (!file.empty()) return read_password_file(file);
  const char* value = std::getenv(env_var.c_str());
  if (!value || !*value)
    throw UsageError("no password: set the environment variable " + env_var +
                     " (or use --password-env VAR / --password-file FILE)");
  return value;
}

SecretsGuard::SecretsGuard() {
  if (getrlimit(RLIMIT_CORE, &old_core_) == 0) {
    have_core_ = true;
    rlimit none = old_core_;
    none.rlim_cur = 0;
    setrlimit(RLIMIT_CORE, &none);
  }
  old_dumpable_ = prctl(PR_GET_DUMPABLE, 0UL, 0UL, 0UL, 0UL);
  prctl(PR_SET_DUMPABLE, 0UL, 0UL, 0UL, 0UL);
}

SecretsGuard::~SecretsGuard() {
  if (old_dumpable_ > 0) prctl(PR_SET_DUMPABLE, static_cast<unsigned long>(old_dumpable_), 0UL, 0UL, 0UL);
  if (have_core_) setrlimit(RLIMIT_CORE, &old_core_);
}

void wipe(std::string& secret) noexcept {
  if (!secret.empty()) explicit_bzero(secret.data(), secret.size());
  secret.clear();
}

} // namespace app
