#include <app/signals.hpp>

#include <scanner/sweep.hpp>

namespace app {
namespace {

volatile std::sig_atomic_t first_signal = 0;

extern "C" void on_stop_signal(int signal_number) {
  if (first_signal == 0) first_signal = signal_number;
  scanner::request_stop();
}

} // namespace

StopSignals::StopSignals() {
  first_signal = 0;
  struct sigaction action {};
  action.sa_handler = &on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND; // no SA_RESTART needed: the loop retries epoll_wait on EINTR
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGXFSZ, &ignore, &old_xfsz_);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  sigaction(SIGXFSZ, &old_xfsz_, nullptr);
}

int StopSignals::received() noexcept { return first_signal; }

const char* signal_name(int signal_number) noexcept {
  switch (signal_number) {
  case SIGINT: return "SIGINT";
  case SIGTERM: return "SIGTERM";
  default: return "a signal";
  }
}

} // namespace app
