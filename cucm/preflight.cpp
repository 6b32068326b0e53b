#include <cucm/preflight.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

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

// {as guides write it, as CUCM ships it}.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> group_spellings{{
    {"Standard CTI Allow Control of All Phones", "Standard CTI Allow Control of All Devices"},
}};

} // namespace

std::span<const std::string_view> required_groups() { return groups; }

std::string_view cucm_group_name(std::string_view name) {
  for (const auto& [guide, cucm] : group_spellings)
    if (equal_nocase(name, guide)) return cucm;
  return name;
}

bool same_group(std::string_view a, std::string_view b) { return equal_nocase(cucm_group_name(a), cucm_group_name(b)); }

bool same_device(std::string_view a, std::string_view b) { return equal_nocase(a, b); }

std::string device_key(std::string_view name) { return upper(name); }

std::string group_key(std::string_view name) { return upper(cucm_group_name(name)); }

UserAssessment assess(const AxlUser& user) {
  UserAssessment out;
  out.userid = user.userid;
  for (const std::string_view required : required_groups()) {
    const bool has = std::any_of(user.groups.begin(), user.groups.end(), [&](const UserGroup& g) {
      return same_group(g.name, required) ||
             std::any_of(g.roles.begin(), g.roles.end(), [&](const std::string& r) { return same_group(r, required); });
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
