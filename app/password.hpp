#pragma once
// Where the application user's password comes from: never argv (visible in ps and shell
// history), only the environment or a file that other users cannot read.
#include <sys/resource.h>

#include <string>

namespace app {

// Reads the password from `file` when given, else from the environment variable `env_var`.
// Throws UsageError naming the source when it is missing or empty, longer than 1 KiB or holding a
// NUL byte (never cut short), or the file is not a regular file (a FIFO is refused at once, not
// waited on), is owned by another user, or is readable (or writable) by group or others.
std::string read_password(const std::string& env_var, const std::string& file);

// While it lives, the process makes no core dump (RLIMIT_CORE 0) and is not dumpable
// (PR_SET_DUMPABLE 0: no core, no ptrace attach by other processes of the same user), so the
// password in memory cannot end up in a core file of our own making. Restores both on
// destruction. Create it before reading the password.
class SecretsGuard {
public:
  SecretsGuard();
  ~SecretsGuard();
  SecretsGuard(const SecretsGuard&) = delete;
  SecretsGuard& operator=(const SecretsGuard&) = delete;

private:
  rlimit old_core_{};
  bool have_core_ = false;
  int old_dumpable_ = -1;
};

// Overwrites the string's characters before it is freed (best effort: copies made by libraries
// are theirs).
void wipe(std::string& secret) noexcept;

} // namespace app
