#include <scanner/pages/device_info_reader.hpp>

#include <scanner/pages/html_fields.hpp>

#include <optional>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace scanner::pages {
namespace {

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string upper_case(std::string s) {
  for (char& c : s) c = upper(c);
  return s;
}

// "SEP" followed by 12 hex digits, as a whole word; phones show it in page headings.
std::optional<std::string> find_sep_name(std::string_view text) {
  for (std::size_t at = text.find_first_of("Ss"); at != std::string_view::npos;
       at = text.find_first_of("Ss", at + 1)) {
    if (text.size() - at < 15 || !iequals(text.substr(at, 3), "SEP")) continue;
    if (at > 0 && is_alnum(text[at - 1])) continue;
    bool hex = true;
    for (std::size_t i = at + 3; i < at + 15; ++i) hex = hex && is_hex(text[i]);
    if (!hex) continue;
    if (at + 15 < text.size() && is_alnum(text[at + 15])) continue;
    return upper_case(std::string(text.substr(at, 15)));
  }
  return std::nullopt;
}

// The MAC address inside a SEP… device name, which is how Cisco names phones.
std::string mac_from_device_name(std::string_view name) {
  if (name.size() == 15 && iequals(name.substr(0, 3), "SEP")) return normalise_mac(name.substr(3));
  return {};
}

void fill_gaps(DeviceInfo& info) {
  if (info.mac.empty()) info.mac = mac_from_device_name(info.host_name);
}

std::string first_field(const std::vector<TextCell>& cells,
                        std::initializer_list<std::initializer_list<std::string_view>> choices) {
  for (const auto& labels : choices) {
    if (auto value = find_field(cells, labels); value && !value->empty()) return std::move(*value);
  }
  return {};
}

} // namespace

std::string normalise_mac(std::string_view text) {
  std::string mac;
  for (const char c : text) {
    if (c == ':' || c == '-' || c == '.' || is_space(c)) continue;
    if (!is_hex(c) || mac.size() == 12) return {};
    mac += upper(c);
  }
  return mac.size() == 12 ? mac : std::string{};
}

tl::expected<DeviceInfo, std::string> read_device_information_xml(std::string_view xml) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    return tl::make_unexpected(fmt::format("DeviceInformationX is not XML: {} at byte {}",
                                           parsed.description(), parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (!iequals(root.name(), "DeviceInformation")) {
    return tl::make_unexpected(fmt::format("DeviceInformationX root is <{}>, not <DeviceInformation>",
                                           printable_prefix(root.name(), 40)));
  }
  DeviceInfo info;
  std::string version_id;
  std::string app_load_id;
  for (const pugi::xml_node child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    std::string value = trimmed(child.child_value());
    if (iequals(name, "modelNumber")) {
      info.model = std::move(value);
    } else if (iequals(name, "MACAddress")) {
      info.mac = normalise_mac(value);
    } else if (iequals(name, "HostName")) {
      info.host_name = upper_case(std::move(value));
    } else if (iequals(name, "serialNumber")) {
      info.serial = std::move(value);
    } else if (iequals(name, "versionID")) {
      version_id = std::move(value);
    } else if (iequals(name, "appLoadID")) {
      app_load_id = std::move(value);
    }
  }
  info.firmware = !version_id.empty() ? std::move(version_id) : std::move(app_load_id);
  fill_gaps(info);
  if (info.model.empty() && info.mac.empty()) {
    return tl::make_unexpected(std::string("DeviceInformationX has neither modelNumber nor MACAddress"));
  }
  return info;
}

tl::expected<DeviceInfo, std::string> read_device_information_html(std::string_view html) {
  const std::vector<TextCell> cells = html_cells(html);
  DeviceInfo info;
  // The ATA has no "Model Number" (its "Module Number" is something else): "Product ID" is.
  info.model = first_field(cells, {{"Model Number", "Model"}, {"Product ID"}});
  info.mac = normalise_mac(first_field(cells, {{"MAC Address", "MACAddress"}}));
  info.host_name = upper_case(first_field(cells, {{"Host Name", "HostName"}}));
  if (info.host_name.empty()) {
    for (const auto& cell : cells) {
      if (auto name = find_sep_name(cell.text)) {
        info.host_name = std::move(*name);
        break;
      }
    }
  }
  // versionID first, as in the XML; the 6901 shows only its app load ID.
  info.firmware = first_field(cells, {{"Version", "Software Version", "SW_Version ID",
                                       "SW Version ID", "Version ID", "Firmware Version"},
                                      {"App Load ID", "Active Load ID", "Load ID"}});
  info.serial = first_field(cells, {{"Serial Number"}});
  fill_gaps(info);
  if (info.model.empty() && info.mac.empty()) {
    return tl::make_unexpected(std::string("no model number or MAC address on the page"));
  }
  return info;
}

tl::expected<DeviceInfo, std::string> read_device_information(std::string_view body) {
  std::string_view start = body;
  if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
  while (!start.empty() && is_space(start.front())) start.remove_prefix(1);
  constexpr std::string_view root = "<DeviceInformation";
  if (start.substr(0, 5) == "<?xml" || iequals(start.substr(0, root.size()), root)) {
    return read_device_information_xml(body);
  }
  return read_device_information_html(body);
}

} // namespace scanner::pages
