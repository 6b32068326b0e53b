#pragma once
// Namespace-blind pugixml helpers shared by the AXL and RisPort readers (private to cucm/).
// The CUCM's prefixes differ between versions and operations (ns:, ns1:, none), so elements
// are matched by local name.
#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace cucm {

inline std::string_view local_name(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

inline bool is(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node.name()) == name;
}

inline std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

inline pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (is(c, name)) return c;
  return {};
}

inline std::string child_text(const pugi::xml_node& parent, std::string_view name) {
  return trimmed(child(parent, name).text().get());
}

// Depth-first, document order.
inline pugi::xml_node find_descendant(const pugi::xml_node& root, std::string_view name) {
  return root.find_node([name](const pugi::xml_node& n) { return is(n, name); });
}

inline bool parse_xml(pugi::xml_document& doc, std::string_view body) {
  return static_cast<bool>(doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8));
}

} // namespace cucm
