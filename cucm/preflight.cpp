#include <cucm/preflight.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace cucm {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool equal_nocase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr std::array<std::string_view, 1> groups{"Standard CTI Enabled"};

} // namespace

std::span<const std::string_view> required_groups() { return groups; }

UserAssessment assess(const AxlUser& user) {
  UserAssessment out;
  out.userid = user.userid;
  for (const std::string_view required : required_groups()) {
    const bool has = std::any_of(user.groups.begin(), user.groups.end(), [&](const UserGroup& g) {
      return equal_nocase(g.name, required) ||
             std::any_of(g.roles.begin(), g.roles.end(), [&](const std::string& r) { return equal_nocase(r, required); });
    });
    if (!has) out.missing_groups.emplace_back(required);
  }
  for (const std::string& d : user.devices) out.controlled.insert(upper(d));
  return out;
}

bool controls(const UserAssessment& user, std::string_view device_name) {
  return user.controlled.contains(upper(device_name));
}

std::optional<diagnosis::Outcome> cucm_outcome(const diagnosis::Outcome& scanned, const PhoneFacts& facts) {
  using diagnosis::RootCause;
  switch (scanned.cause) {
  case RootCause::unreachable:
  case RootCause::timeout:
  case RootCause::bad_response:
    if (!facts.registration.empty() && facts.registration != "registered" && facts.registration != "unknown")
      return diagnosis::Outcome{RootCause::unregistered,
                              "RisPort: " + facts.registration + "; the phone does not answer (" + scanned.detail + ")"};
    if (facts.httpd == "no")
      return diagnosis::Outcome{RootCause::web_disabled,
                              "RisPort: Httpd No (Web Access disabled); the phone does not answer (" + scanned.detail + ")"};
    return std::nullopt;
  case RootCause::not_associated:
  case RootCause::itl_trust:
  case RootCause::auth_url_dns:
  case RootCause::auth_failed:
    if (facts.user_missing)
      return diagnosis::Outcome{RootCause::bad_credentials, "AXL: the CUCM has no such user"};
    if (facts.roles_missing)
      return diagnosis::Outcome{RootCause::missing_roles, "AXL: the user lacks the CTI groups remote control uses"};
    if (facts.controlled == false && scanned.cause != RootCause::not_associated)
      return diagnosis::Outcome{RootCause::not_associated, "AXL: not among the user's controlled devices"};
    if (facts.controlled == false)
      return diagnosis::Outcome{RootCause::not_associated,
                              "AXL: not among the user's controlled devices (" + scanned.detail + ")"};
    return std::nullopt;
  default: return std::nullopt;
  }
}

} // namespace cucm
