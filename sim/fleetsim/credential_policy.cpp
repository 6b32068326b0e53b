#include <sim/fleetsim/credential_policy.hpp>

namespace fleetsim {

CredentialPolicy::CredentialPolicy(const Cucm& cucm, unsigned lockout_after)
    : cucm_(cucm), lockout_after_(lockout_after) {}

CredentialPolicy::CredentialPolicy(const Cucm& cucm, const UserAccount& account, unsigned lockout_after)
    : cucm_(cucm), account_(&account), lockout_after_(lockout_after) {}

bool CredentialPolicy::logon(std::string_view user, std::string_view password) {
  if (user != cucm_.user) return false;
  if (password != cucm_.password) {
    const std::uint64_t failed = failed_.fetch_add(1) + 1;
    if (lockout_after_ > 0 && failed >= lockout_after_) locked_.store(true);
    return false;
  }
  return !locked_.load();
}

CucmVerdict CredentialPolicy::authenticate(std::string_view user, std::string_view password,
                                           std::string_view device_name) {
  if (user.empty() || password.empty() || device_name.empty()) return CucmVerdict::error;
  if (!logon(user, password)) return CucmVerdict::unauthorized;
  const bool controlled =
      account_ != nullptr ? account_->controls(device_name) : cucm_.controlled.contains(std::string(device_name));
  return controlled ? CucmVerdict::authorized : CucmVerdict::unauthorized;
}

} // namespace fleetsim
