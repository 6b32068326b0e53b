#pragma once
// Owns one file descriptor: closed when the owner goes or is given another, so that a set-up that
// throws half-way closes what it had already opened. Move-only.
#include <unistd.h>

#include <utility>

namespace util {

class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  // Closes the descriptor held (a close error is not reported: nothing was written through it
  // that close could lose), then holds `fd` (-1: none).
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // Gives up ownership without closing; returns the descriptor (-1 when none was held).
  [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }
  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }

private:
  int fd_ = -1;
};

} // namespace util
