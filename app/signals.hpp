#pragma once
// SIGINT and SIGTERM during a scan: the handler only records the signal and asks the sweep to
// stop (scanner::request_stop, an atomic flag); the event loop does the rest on its own thread:
// no new phones, in-flight ones get the request timeout, what is known is committed, the run is
// marked interrupted. A second signal of the same kind kills at once (SA_RESETHAND), for an
// operator who does not want to wait.
//
// SIGXFSZ is ignored as well, so that a file-size limit (ulimit -f) makes a write fail with
// EFBIG, which the database reports as an error, instead of killing the process mid-commit.
#include <csignal>

namespace app {

class StopSignals {
public:
  StopSignals();  // installs the handlers, clears received()
  ~StopSignals(); // restores the previous dispositions
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // The first signal received since construction (SIGINT or SIGTERM), or 0.
  [[nodiscard]] static int received() noexcept;

private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  struct sigaction old_xfsz_ {};
};

// "SIGINT", "SIGTERM", or "signal N".
const char* signal_name(int signal_number) noexcept;

} // namespace app
