#pragma once
// A child process started by tests, the demo and benchmarks (fleetsim, dnsmasq, phonesweep),
// with its stdout readable line by line. The destructor terminates it, so no test leaves a
// server running.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace harness {

struct Launch {
  std::vector<std::string> argv;          // argv[0] is the program path
  std::map<std::string, std::string> env; // added to (or replacing in) the parent's environment
  bool capture_stdout = true;
  bool capture_stderr = false; // else inherited
  std::string stdin_file;      // empty: /dev/null
};

class ChildProcess {
public:
  // Throws std::runtime_error when the program cannot be started.
  explicit ChildProcess(const Launch& launch);
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Next line of stdout (without the newline), or nullopt at EOF or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // All remaining stdout / stderr until the process closes them.
  std::string read_all_stdout();
  std::string read_all_stderr();
  // Waits for the exit status (the exit code, or 128 + signal). Kills it after `timeout`.
  int wait(std::chrono::milliseconds timeout = std::chrono::minutes(10));
  void terminate(int signal_number = 15);
  [[nodiscard]] pid_t pid() const { return pid_; }

private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string buffer_;
  std::optional<int> status_;
};

// Runs a command to completion; returns {exit status, stdout, stderr}.
struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};
RunResult run(const Launch& launch, std::chrono::milliseconds timeout = std::chrono::minutes(10));

// The directory holding the running executable (fleetsim and phonesweep are built side by side).
std::string executable_dir();

} // namespace harness
