#include <util/atomic_file.hpp>

#include <util/paths.hpp>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <utility>

namespace util {
namespace {

// An ostream's buffer over a file descriptor, remembering the first write error.
class FdBuffer final : public std::streambuf {
public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  [[nodiscard]] int error() const { return error_; }

protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (static_cast<std::size_t>(size) < buffer_.size()) return std::streambuf::xsputn(data, size);
    if (!drain() || !write_all(data, static_cast<std::size_t>(size))) return 0;
    return size;
  }

private:
  bool drain() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return write_all(buffer_.data(), size);
  }
  bool write_all(const char* data, std::size_t size) {
    while (size > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 64 * 1024> buffer_{};
};

WriteError unusable(std::string message) { return {WriteError::Kind::unusable, std::move(message)}; }
WriteError failed(std::string message) { return {WriteError::Kind::failed, std::move(message)}; }
std::string reason(int error) { return std::strerror(error); }

bool same_file(const struct stat& a, int fd) {
  struct stat b {};
  return fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// A device a report may go to: /dev/null, a terminal, or where our own output already goes.
bool harmless_device(int fd, const struct stat& st) {
  return st.st_rdev == makedev(1, 3) || isatty(fd) || same_file(st, STDOUT_FILENO) || same_file(st, STDERR_FILENO);
}

// An existing FIFO or device opened for writing in place; -1 when it turned out to be (or to have
// become) a regular file, which is then written through a temporary like any other.
tl::expected<int, WriteError> open_in_place(const std::string& path, const struct stat& named) {
  if (S_ISDIR(named.st_mode)) return tl::unexpected(unusable(path + " is a directory"));
  if (!S_ISFIFO(named.st_mode) && !S_ISCHR(named.st_mode))
    return tl::unexpected(unusable(path + " is not a regular file, a FIFO or a terminal; give - for "
                                          "standard output"));
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(failed("cannot open " + path + ": " + reason(errno)));
  struct stat st {};
  if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || (S_ISCHR(st.st_mode) && harmless_device(fd, st)))) return fd;
  const bool regular = S_ISREG(st.st_mode);
  close(fd);
  if (regular) return -1;
  return tl::unexpected(unusable(path + " is a device other than /dev/null or a terminal: refusing to "
                                        "write into it"));
}

std::string random_suffix() {
  std::array<unsigned char, 6> bytes{};
  if (getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    const auto seed = static_cast<unsigned long>(getpid()) ^ static_cast<unsigned long>(time(nullptr));
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(seed >> (8 * i));
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

} // namespace

struct AtomicFile::Impl {
  Impl(std::string target, std::string temp, int descriptor, bool owned)
      : path(std::move(target)), temporary(std::move(temp)), fd(descriptor), owns_fd(owned), buffer(descriptor),
        out(&buffer) {}
  ~Impl() {
    if (owns_fd && fd >= 0) close(fd);
    if (!committed && !temporary.empty()) unlink(temporary.c_str());
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::string path;
  std::string temporary; // empty: written in place (standard output, a FIFO, a device)
  int fd;
  bool owns_fd;
  bool committed = false;
  FdBuffer buffer;
  std::ostream out;
};

tl::expected<AtomicFile, WriteError> AtomicFile::open(const std::string& path) {
  if (path.empty()) return tl::unexpected(unusable("no output file name given"));
  if (path == "-") {
    std::cout.flush(); // what was printed before comes first
    return AtomicFile(std::make_unique<Impl>(path, "", STDOUT_FILENO, false));
  }
  struct stat named {};
  if (::stat(path.c_str(), &named) == 0 && !S_ISREG(named.st_mode)) {
    auto fd = open_in_place(path, named);
    if (!fd) return tl::unexpected(fd.error());
    if (*fd >= 0) return AtomicFile(std::make_unique<Impl>(path, "", *fd, true));
  }
  // The mode of the regular file being replaced (not of what a link points to), else private.
  mode_t mode = 0600;
  struct stat existing {};
  if (lstat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) mode = existing.st_mode & 0777;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temporary = path + "." + random_suffix() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0)
      return tl::unexpected(
          failed("cannot create a file in " + directory_of(path) + " for " + path + ": " + reason(errno)));
    // fchmod, unlike the creation mode, is not narrowed by the umask: an existing 0640 stays 0640.
    (void)fchmod(fd, mode);
    return AtomicFile(std::make_unique<Impl>(path, std::move(temporary), fd, true));
  }
  return tl::unexpected(failed("cannot create a temporary file for " + path));
}

AtomicFile::AtomicFile(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
AtomicFile::AtomicFile(AtomicFile&& other) noexcept = default;
AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept = default;
AtomicFile::~AtomicFile() = default;

std::ostream& AtomicFile::stream() { return impl_->out; }
const std::string& AtomicFile::path() const { return impl_->path; }

tl::expected<void, WriteError> AtomicFile::commit() {
  Impl& f = *impl_;
  f.out.flush();
  if (!f.out || f.buffer.error() != 0)
    return tl::unexpected(
        failed("writing " + f.path + " failed: " + reason(f.buffer.error() ? f.buffer.error() : EIO)));
  if (f.temporary.empty()) {
    f.committed = true;
    return {};
  }
  if (fsync(f.fd) != 0) return tl::unexpected(failed("writing " + f.path + " failed: " + reason(errno)));
  const int fd = std::exchange(f.fd, -1);
  if (close(fd) != 0) return tl::unexpected(failed("writing " + f.path + " failed: " + reason(errno)));
  if (rename(f.temporary.c_str(), f.path.c_str()) != 0)
    return tl::unexpected(failed("cannot move " + f.temporary + " to " + f.path + ": " + reason(errno)));
  f.committed = true;
  // The rename itself is durable only once the directory is.
  const int dir = ::open(directory_of(f.path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)fsync(dir);
    close(dir);
  }
  return {};
}

tl::expected<void, WriteError> write_file(const std::string& path, std::string_view text) {
  auto file = AtomicFile::open(path);
  if (!file) return tl::unexpected(file.error());
  file->stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  return file->commit();
}

bool same_output(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return a == b;
  const auto resolved_a = resolve_for_writing(a), resolved_b = resolve_for_writing(b);
  if (resolved_a && resolved_b && *resolved_a == *resolved_b) return true;
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  return a == b;
}

} // namespace util
