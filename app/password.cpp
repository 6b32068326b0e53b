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

// Longer is not a password but the wrong file; refused rather than cut to a password that fails.
constexpr std::size_t max_password = 1024;

std::string mode_text(mode_t mode) {
  return std::to_string((mode >> 6) & 7) + std::to_string((mode >> 3) & 7) + std::to_string(mode & 7);
}

// The file opened and checked on its descriptor (fstat), so the file read is the file checked.
// O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
int open_private_file(const std::string& file) {
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) throw UsageError("--password-file " + file + ": " + std::strerror(errno));
  struct stat st {};
  const auto refuse = [&](const std::string& why) {
    close(fd);
    throw UsageError("--password-file " + file + ": " + why);
  };
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) refuse("not a regular file");
  if (st.st_uid != geteuid())
    refuse("owned by uid " + std::to_string(st.st_uid) + ", not by the user running phonesweep (uid " +
           std::to_string(geteuid()) + "): someone else could change it");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    refuse("refusing a password file that group or others can access (mode " + mode_text(st.st_mode) +
           "); run `chmod 600 " + file + "` first");
  return fd;
}

void check_password(const std::string& password, const std::string& source) {
  if (password.empty()) throw UsageError(source + ": empty");
  if (password.size() > max_password)
    throw UsageError(source + ": longer than " + std::to_string(max_password) + " bytes: not a password");
  if (password.find('\0') != std::string::npos) throw UsageError(source + ": holds a NUL byte: not a password");
}

std::string read_password_file(const std::string& file) {
  const int fd = open_private_file(file);
  std::string password;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    password.append(buffer, static_cast<std::size_t>(n));
    if (password.size() > max_password + 2) break; // too long whatever its line end
  }
  explicit_bzero(buffer, sizeof buffer);
  close(fd);
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  try {
    check_password(password, "--password-file " + file);
  } catch (...) {
    wipe(password);
    throw;
  }
  return password;
}

} // namespace

std::string read_password(const std::string& env_var, const std::string& file) {
  if (!file.empty()) return read_password_file(file);
  const char* value = std::getenv(env_var.c_str());
  if (!value || !*value)
    throw UsageError("no password: set the environment variable " + env_var +
                     " (or use --password-env VAR / --password-file FILE)");
  std::string password = value;
  check_password(password, "the environment variable " + env_var);
  return password;
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
