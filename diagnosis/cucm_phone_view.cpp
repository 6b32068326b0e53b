#include <diagnosis/cucm_phone_view.hpp>

#include <cctype>

namespace diagnosis {

namespace {

// Dotted-quad text: RisPort's IPv4 addresses and the inventory's compare as text.
bool ipv4_text(std::string_view text) {
  int dots = 0;
  for (const char c : text) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots == 3;
}

} // namespace

RisPortState risport_from_columns(InventoryColumns columns) {
  std::string_view registration;
  std::string_view httpd;
  for (const auto& [name, value] : columns) {
    if (name == risport_column::registration) registration = value;
    else if (name == risport_column::httpd) httpd = value;
  }
  RisPortState state;
  if (registration == "registered") {
    state.registration = Registration::registered;
  } else if (!registration.empty() && registration != "unknown") {
    state.registration = Registration::not_registered;
    state.status = std::string(registration);
  }
  if (httpd == "no") state.web_server = false;
  else if (httpd == "yes") state.web_server = true;
  return state;
}

AxlPhoneState AxlUserFacts::for_device(std::string_view device_name) const {
  AxlPhoneState state;
  state.user_missing = user_missing;
  state.roles_missing = !user_missing && roles_missing;
  if (user_missing || device_name.empty()) return state;
  std::string upper(device_name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  state.controlled = controlled.contains(upper);
  return state;
}

CucmPhoneView CucmFacts::phone(std::string_view device_name, InventoryColumns columns,
                               std::string_view inventory_host) const {
  CucmPhoneView view;
  view.risport = risport_from_columns(columns);
  for (const auto& [name, value] : columns)
    if (name == risport_column::registered_ip) view.address.ip = value;
  const std::string& ip = view.address.ip;
  if (ipv4_text(ip) && ipv4_text(inventory_host) && ip != inventory_host)
    view.address.inventory_differs = std::string(inventory_host);
  if (axl) view.axl = axl->for_device(device_name);
  return view;
}

} // namespace diagnosis
