#pragma once
// One writer per database: a scan (or prune) holds an exclusive lock on the sidecar file
// "<database>.lock" for as long as it runs.
//
// The lock is flock(2) on that file, so the kernel releases it when the holder exits for any
// reason, kill -9 included: a crashed run never leaves a stale lock to clean up. The file's text
// names the holder (pid, host, start time) so that a refused second scan can say who runs.
// The file itself is left in place on release; its content is only read while it is locked.
#include <tl/expected.hpp>

#include <string>
#include <variant>

namespace storage {

struct LockHolder {
  long pid = 0;
  std::string host;
  std::string started_at; // ISO 8601 UTC
  std::string command;    // "scan", "prune"
};

// Why acquire() failed: another process holds the lock (who, as far as its file says), or the
// lock file could not be created or locked at all (the message names the file).
struct LockBusy {
  LockHolder holder;
  std::string path;
};
using LockFailure = std::variant<LockBusy, std::string>;

// A one-line explanation of a failure, for the user.
std::string describe(const LockFailure& failure);

class RunLock {
public:
  // Takes the lock of database `db_path` without waiting. `command` is recorded for others. The
  // lock file is "<db>.lock" beside the file `db_path` resolves to (links followed; a dangling
  // link fails), created 0600.
  static tl::expected<RunLock, LockFailure> acquire(const std::string& db_path, const std::string& command);
  static std::string lock_path(const std::string& db_path) { return db_path + ".lock"; }

  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) noexcept;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;
  ~RunLock(); // releases the lock

private:
  explicit RunLock(int fd) noexcept : fd_(fd) {}
  int fd_ = -1;
};

} // namespace storage
