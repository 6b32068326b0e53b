#include <cucm/axl_update.hpp>

#include <cucm/soap.hpp>
#include <cucm/xml_util.hpp>

namespace cucm {

std::string_view get_operation(bool end_user) { return end_user ? "getUser" : "getAppUser"; }

std::string_view update_operation(bool end_user) { return end_user ? "updateUser" : "updateAppUser"; }

std::string update_user_request(bool end_user, std::string_view userid, const UserLists& lists,
                                std::string_view version) {
  const std::string operation(update_operation(end_user));
  std::string body = "<ns:" + operation + "><userid>" + xml_escape(userid) + "</userid>";
  if (lists.devices) {
    body += "<associatedDevices>";
    for (const auto& device : *lists.devices) body += "<device>" + xml_escape(device) + "</device>";
    body += "</associatedDevices>";
  }
  if (lists.groups) {
    body += "<associatedGroups>";
    for (const auto& group : *lists.groups) body += "<userGroup><name>" + xml_escape(group) + "</name></userGroup>";
    body += "</associatedGroups>";
  }
  body += "</ns:" + operation + ">";
  return envelope(axl_namespace(version), body);
}

tl::expected<std::string, std::string> read_update(std::string_view body, bool end_user) {
  const std::string response = std::string(update_operation(end_user)) + "Response";
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return tl::make_unexpected(response + ": the answer is not XML");
  if (const auto fault = read_fault(body)) return tl::make_unexpected(describe(*fault));
  const pugi::xml_node node = find_descendant(doc, response);
  if (!node) return tl::make_unexpected("not an AXL " + response);
  std::string value = child_text(node, "return");
  if (value.empty()) return tl::make_unexpected(response + " without a return value");
  return value;
}

} // namespace cucm
