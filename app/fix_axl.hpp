#pragma once
// The AXL side of `fix`: reading the user (getAppUser / getUser) and writing its lists
// (updateAppUser / updateUser) over one verified HTTPS connection, as `discover` and `scan --axl`
// reach the CUCM (cucm/transport.hpp: TLS verified unless --insecure, proxy only when given).
#include <cucm/axl_update.hpp>
#include <cucm/transport.hpp>

#include <cstddef>
#include <memory>
#include <string>

#include <tl/expected.hpp>

namespace app {

struct FixAxlSettings {
  std::string url;      // the AXL service (https://cucm:8443)
  std::string axl_user; // who asks and writes
  std::string password;
  std::string cacert;
  bool insecure = false;
  std::string proxy;
  std::string version = "14.0";
  bool end_user = false; // getUser / updateUser
  std::string userid;    // the user read and changed
};

class FixAxl {
public:
  explicit FixAxl(FixAxlSettings settings); // the password is kept only by the transport
  // Over another transport (tests: a simulated CUCM in the same process); settings' TLS and
  // password fields are not used.
  FixAxl(FixAxlSettings settings, std::unique_ptr<cucm::Transport> transport);
  // The user as AXL shows it now. Throws RunError when AXL cannot be asked (TLS, connect, 401,
  // SIGINT / SIGTERM), answers a fault (no such user: fault 5007, named), or leaves a list out:
  // a write replaces whole lists, so fix never writes after a reading it cannot trust.
  cucm::AxlUser read();
  // Writes the lists given; AXL's <return> (the user's GUID), or the reason it was not accepted
  // (transport, HTTP status, fault).
  tl::expected<std::string, std::string> write(const cucm::UserLists& lists);

  [[nodiscard]] const std::string& url() const { return url_; } // https://host:port
  [[nodiscard]] bool end_user() const { return settings_.end_user; }
  [[nodiscard]] std::size_t reads() const { return reads_; }
  [[nodiscard]] std::size_t writes() const { return writes_; }

private:
  FixAxlSettings settings_;
  std::string url_;
  std::unique_ptr<cucm::Transport> transport_;
  std::size_t reads_ = 0;
  std::size_t writes_ = 0;
};

} // namespace app
