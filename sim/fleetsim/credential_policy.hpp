#pragma once
// The CUCM's credential policy for its one application user, as doc/DOMAIN.md §7 describes the
// defaults: every logon with the user's name and a wrong password is a failed logon, and the
// account locks at the `lockout_after`-th (3 by default); a locked account refuses every logon,
// the right password too. The CUCM counts logons wherever they come from: the authentication
// service (a phone's screenshot check, a cross-check) and AXL alike. A name that is not the
// user's is no account: refused, counted nowhere. Whether a right password for a device outside
// the user's controlled devices is a failed logon is unconfirmed (§7): here it is not, as the
// team assumes. Thread-safe (the phone, CUCM and SOAP daemons share one).
#include <sim/fleetsim/estate.hpp>
#include <sim/fleetsim/user_account.hpp>

#include <atomic>
#include <cstdint>
#include <string_view>

namespace fleetsim {

class CredentialPolicy {
public:
  // `lockout_after` 0: the account never locks (failed logons are still counted). The user's
  // controlled devices are `cucm.controlled`, fixed; with `account` (which must outlive the
  // policy) they are the account's live ones, which AXL updates change.
  CredentialPolicy(const Cucm& cucm, unsigned lockout_after);
  CredentialPolicy(const Cucm& cucm, const UserAccount& account, unsigned lockout_after);

  // One logon: true when the name is the user's, the password is right and the account is not
  // locked. A wrong password for the user is a failed logon (and may lock the account).
  bool logon(std::string_view user, std::string_view password);

  // The authentication service's answer (/ccmcip/authenticate.jsp): ERROR when a field is empty
  // (no logon), else a logon, and AUTHORIZED when it succeeds for a controlled device.
  CucmVerdict authenticate(std::string_view user, std::string_view password, std::string_view device_name);

  [[nodiscard]] std::uint64_t failed_logons() const { return failed_.load(); }
  [[nodiscard]] bool locked() const { return locked_.load(); }

private:
  const Cucm& cucm_;
  const UserAccount* account_ = nullptr;
  unsigned lockout_after_;
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<bool> locked_{false};
};

} // namespace fleetsim
