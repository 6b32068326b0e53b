#include <storage/run_lock.hpp>

#include <storage/timestamp.hpp>

#include <fmt/format.h>

#include <util/paths.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>

namespace storage {
namespace {

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  off_t offset = 0;
  for (;;) {
    const ssize_t n = pread(fd, buffer, sizeof buffer, offset);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
    if (text.size() > 4096) break; // a sane holder line is short
  }
  return text;
}

LockHolder parse_holder(const std::string& text) {
  LockHolder holder;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    if (key == "pid") holder.pid = std::strtol(value.c_str(), nullptr, 10);
    else if (key == "host") holder.host = value;
    else if (key == "started") holder.started_at = value;
    else if (key == "command") holder.command = value;
  }
  return holder;
}

std::string this_host() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

} // namespace

std::string describe(const LockFailure& failure) {
  if (const auto* busy = std::get_if<LockBusy>(&failure)) {
    const LockHolder& h = busy->holder;
    if (h.pid == 0) return fmt::format("another phonesweep is using this database (lock {} is held)", busy->path);
    return fmt::format("another phonesweep {} is running on this database: pid {} on {}, started {} "
                       "(lock {})",
                       h.command.empty() ? "process" : h.command, h.pid, h.host.empty() ? "unknown host" : h.host,
                       h.started_at.empty() ? "at an unknown time" : h.started_at, busy->path);
  }
  return std::get<std::string>(failure);
}

tl::expected<RunLock, LockFailure> RunLock::acquire(const std::string& db_path, const std::string& command) {
  // The lock belongs to the file the path names: two spellings of one database (a link) must take
  // one lock, and a dangling link is refused as Database::open refuses it.
  const auto resolved = util::resolve_for_writing(db_path);
  if (!resolved) return tl::unexpected(LockFailure("database " + resolved.error()));
  const std::string path = lock_path(*resolved);
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return tl::unexpected(LockFailure(fmt::format("cannot open the lock file {}: {}", path, std::strerror(errno))));
  // Its holder line is written into it: it must be a file of its own, not another file's second
  // name planted as a hard link.
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
    close(fd);
    return tl::unexpected(LockFailure(fmt::format("the lock file {} is not a plain file (a hard link?); "
                                                  "remove it",
                                                  path)));
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      // The holder writes its line right after locking; a refusal in that instant reads an empty
      // file, which describe() still turns into a sensible message.
      LockBusy busy{parse_holder(read_all(fd)), path};
      close(fd);
      return tl::unexpected(LockFailure(std::move(busy)));
    }
    close(fd);
    return tl::unexpected(LockFailure(fmt::format("cannot lock {}: {}", path, std::strerror(error))));
  }
  // Whatever a crashed holder left in the file is replaced by who holds the lock now.
  const std::string line = fmt::format("pid={} host={} started={} command={}\n", static_cast<long>(getpid()),
                                       this_host(), utc_now(), command);
  // When this fails (disk full) the lock is still held; others just cannot say by whom.
  if (ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const auto written = pwrite(fd, line.data(), line.size(), 0);
  }
  return RunLock(fd);
}

RunLock::RunLock(RunLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RunLock& RunLock::operator=(RunLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

RunLock::~RunLock() {
  if (fd_ >= 0) close(fd_); // closing the last descriptor releases the flock
}

} // namespace storage
