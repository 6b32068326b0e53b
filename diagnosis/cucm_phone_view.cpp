#include <diagnosis/cucm_phone_view.hpp>

#include <cctype>

namespace diagnosis {

RisPortState risport_from_columns(InventoryColumns columns) {
  std::string_view registration;
  std::string_view httpd;
  for (const auto& [name, value] : columns) {
    if (name == "registration") registration = value;
    else if (name == "httpd") httpd = value;
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

CucmPhoneView CucmFacts::phone(std::string_view device_name, InventoryColumns columns) const {
  CucmPhoneView view;
  view.risport = risport_from_columns(columns);
  if (axl) view.axl = axl->for_device(device_name);
  return view;
}

} // namespace diagnosis
