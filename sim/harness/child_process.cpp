#include <sim/harness/child_process.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace harness {
namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && extra.contains(entry.substr(0, eq))) continue;
    out.push_back(std::move(entry));
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

std::string drain(int fd) {
  std::string out;
  if (fd < 0) return out;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  return out;
}

} // namespace

ChildProcess::ChildProcess(const Launch& launch) {
  int out_pipe[2] = {-1, -1};
  int err_pipe[2] = {-1, -1};
  if (launch.capture_stdout && pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (launch.capture_stderr && pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string in_path = launch.stdin_file.empty() ? "/dev/null" : launch.stdin_file;
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  if (launch.capture_stdout) posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  if (launch.capture_stderr) posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  std::vector<char*> argv;
  for (const auto& a : launch.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env = merged_environment(launch.env);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (launch.capture_stdout) close(out_pipe[1]);
  if (launch.capture_stderr) close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + launch.argv.at(0) + ": " + std::strerror(rc));
  }
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), out_fd_(other.out_fd_), err_fd_(other.err_fd_), buffer_(std::move(other.buffer_)),
      status_(other.status_) {
  other.pid_ = -1;
  other.out_fd_ = other.err_fd_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) {
    terminate(SIGTERM);
    wait(std::chrono::seconds(5));
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

std::string ChildProcess::read_all_stdout() {
  std::string out = std::move(buffer_);
  buffer_.clear();
  return out + drain(out_fd_);
}

std::string ChildProcess::read_all_stderr() { return drain(err_fd_); }

int ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_) return *status_;
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int raw = 0;
  for (;;) {
    const pid_t r = waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) break;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &raw, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return *status_;
}

void ChildProcess::terminate(int signal_number) {
  if (pid_ > 0 && !status_) kill(pid_, signal_number);
}

RunResult run(const Launch& launch, std::chrono::milliseconds timeout) {
  Launch l = launch;
  l.capture_stdout = true;
  l.capture_stderr = true;
  ChildProcess child(l);
  // Read both pipes concurrently so a chatty child cannot block on a full pipe; a watchdog
  // kills a child that outlives the timeout so that reading ends.
  RunResult result;
  std::atomic<bool> finished{false};
  std::thread watchdog([&] {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!finished.load() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!finished.load()) child.terminate(SIGKILL);
  });
  std::thread err_reader([&] { result.err = child.read_all_stderr(); });
  result.out = child.read_all_stdout();
  err_reader.join();
  result.status = child.wait(timeout);
  finished.store(true);
  watchdog.join();
  return result;
}

std::string executable_dir() {
  char path[PATH_MAX] = {};
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return ".";
  std::string p(path, static_cast<std::size_t>(n));
  return p.substr(0, p.rfind('/'));
}

} // namespace harness
