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

} // namespace cucm
