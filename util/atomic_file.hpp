#pragma once
// Writing an output file (a report, an inventory) the way a job running as root every night must,
// into a directory others may be able to write to:
//  - "-" is standard output;
//  - an existing FIFO, /dev/null or a terminal (also through a link, as /dev/stdout is) is
//    written in place, never replaced by a regular file;
//  - a directory, a socket or any other device is refused;
//  - anything else is written to a new temporary file in the target's directory, with a random
//    name, created O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC (so a link planted in the directory is
//    never followed), mode 0600, or the permission bits of the regular file it replaces; commit()
//    fsyncs it and renames it over the target, so no reader ever sees half a file, and a link at
//    the target's name is replaced, not followed.
#include <tl/expected.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace util {

struct WriteError {
  enum class Kind {
    unusable, // the path cannot take an output at all (a directory, a socket, a disk): a usage error
    failed,   // creating, writing or renaming failed (no such directory, permissions, disk full)
  };
  Kind kind = Kind::failed;
  std::string message; // one sentence naming the path
};

class AtomicFile {
public:
  static tl::expected<AtomicFile, WriteError> open(const std::string& path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile(); // without a successful commit() the temporary file is removed; the target untouched

  [[nodiscard]] std::ostream& stream();
  [[nodiscard]] const std::string& path() const;
  // Flushes; a temporary file is fsynced and renamed over the target (then the directory is
  // fsynced). Error: kind failed, e.g. the disk filled up while writing.
  tl::expected<void, WriteError> commit();

private:
  struct Impl;
  explicit AtomicFile(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

// `text` written to `path` through an AtomicFile, committed.
tl::expected<void, WriteError> write_file(const std::string& path, std::string_view text);

// Whether two outputs are one file: both "-", or one file however spelt (links, ./, ..).
bool same_output(const std::string& a, const std::string& b);

} // namespace util
