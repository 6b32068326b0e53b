#include <cucm/axl.hpp>

#include <cucm/soap.hpp>
#include <cucm/xml_util.hpp>

namespace cucm {

std::string axl_namespace(std::string_view version) {
  return "xmlns:ns=\"http://www.cisco.com/AXL/API/" + xml_escape(version) + "\"";
}

namespace {

// The common failure reasons of every AXL reader, or the operation's response element.
tl::expected<pugi::xml_node, std::string> response_element(const pugi::xml_document& doc, std::string_view body,
                                                           std::string_view response) {
  if (const auto fault = read_fault(body)) return tl::make_unexpected(describe(*fault));
  const pugi::xml_node node = find_descendant(doc, response);
  if (!node) return tl::make_unexpected("not an AXL " + std::string(response));
  return node;
}

} // namespace

std::string axl_soap_action(std::string_view operation, std::string_view version) {
  return "\"CUCM:DB ver=" + std::string(version) + " " + std::string(operation) + "\"";
}

std::string list_phone_request(std::string_view name_pattern, std::size_t skip, std::size_t first,
                               std::string_view version) {
  std::string body = "<ns:listPhone><searchCriteria><name>" + xml_escape(name_pattern) +
                     "</name></searchCriteria><returnedTags><name/><description/><model/>"
                     "<devicePoolName/></returnedTags><skip>" +
                     std::to_string(skip) + "</skip><first>" + std::to_string(first) + "</first></ns:listPhone>";
  return envelope(axl_namespace(version), body);
}

tl::expected<std::vector<AxlPhone>, std::string> read_list_phone(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return tl::make_unexpected("listPhone answer is not XML");
  const auto response = response_element(doc, body, "listPhoneResponse");
  if (!response) return tl::make_unexpected(response.error());
  std::vector<AxlPhone> phones;
  const pugi::xml_node result = child(*response, "return");
  for (pugi::xml_node p = result.first_child(); p; p = p.next_sibling()) {
    if (!is(p, "phone")) continue;
    AxlPhone phone;
    phone.name = child_text(p, "name");
    phone.description = child_text(p, "description");
    phone.model = child_text(p, "model");
    phone.device_pool = child_text(p, "devicePoolName");
    if (phone.name.empty()) return tl::make_unexpected("listPhone answer has a phone without a name");
    phones.push_back(std::move(phone));
  }
  return phones;
}

std::string get_app_user_request(std::string_view userid, std::string_view version) {
  return envelope(axl_namespace(version), "<ns:getAppUser><userid>" + xml_escape(userid) + "</userid></ns:getAppUser>");
}

std::string get_user_request(std::string_view userid, std::string_view version) {
  return envelope(axl_namespace(version),
                  "<ns:getUser><userid>" + xml_escape(userid) +
                      "</userid><returnedTags><userid/><associatedDevices><device/></associatedDevices>"
                      "<associatedGroups><userGroup><name/><userRoles><userRole/></userRoles></userGroup>"
                      "</associatedGroups></returnedTags></ns:getUser>");
}

tl::expected<AxlUser, std::string> read_user(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return tl::make_unexpected("user answer is not XML");
  if (const auto fault = read_fault(body)) return tl::make_unexpected(describe(*fault));
  pugi::xml_node user = find_descendant(doc, "appUser");
  if (!user || !find_descendant(doc, "getAppUserResponse")) user = {};
  if (!user && find_descendant(doc, "getUserResponse")) user = find_descendant(doc, "user");
  if (!user) return tl::make_unexpected("not an AXL getAppUserResponse or getUserResponse");
  AxlUser out;
  out.userid = child_text(user, "userid");
  const pugi::xml_node devices = child(user, "associatedDevices");
  const pugi::xml_node groups = child(user, "associatedGroups");
  out.devices_listed = static_cast<bool>(devices);
  out.groups_listed = static_cast<bool>(groups);
  for (pugi::xml_node d = devices.first_child(); d; d = d.next_sibling())
    if (is(d, "device")) out.devices.push_back(trimmed(d.text().get()));
  for (pugi::xml_node g = groups.first_child(); g; g = g.next_sibling()) {
    if (!is(g, "userGroup")) continue;
    UserGroup group;
    group.name = child_text(g, "name");
    for (pugi::xml_node r = child(g, "userRoles").first_child(); r; r = r.next_sibling())
      if (is(r, "userRole")) group.roles.push_back(trimmed(r.text().get()));
    out.groups.push_back(std::move(group));
  }
  return out;
}

} // namespace cucm
