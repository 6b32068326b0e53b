#include <scanner/pages/device_info_reader.hpp>

#include <scanner/pages/ascii.hpp>
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/label_index.hpp>
#include <scanner/pages/labels.hpp>
#include <scanner/pages/value_shapes.hpp>

#include <optional>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace scanner::pages {

namespace {

constexpr char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

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
  for (std::size_t at = text.find_first_of("Ss"); at != std::string_view::npos; at = text.find_first_of("Ss", at + 1)) {
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

// versionID is the software version ("sip88xx.14-2-1-0201-30", "8.1(2.0)" on a 7940); a real
// 6941 answers "= V02" there and its load in appLoadID (real-pages/index-snippets/FACTS.md B):
// a load-shaped value wins, then a version-like one (digits and a dot), then whatever is there.
std::string xml_firmware(std::string version_id, std::string app_load_id) {
  if (looks_like_load(version_id)) return version_id;
  if (looks_like_load(app_load_id)) return app_load_id;
  const auto version_like = [](std::string_view text) {
    return text.find('.') != std::string_view::npos && text.find_first_of("0123456789") != std::string_view::npos;
  };
  if (version_like(version_id)) return version_id;
  if (version_like(app_load_id)) return app_load_id;
  return !version_id.empty() ? version_id : app_load_id;
}

using Shape = bool (*)(std::string_view);

// A labelled value of the right shape; else the first value of that shape anywhere (when
// `anywhere`); else whatever the label shows (pages with odd values keep them as evidence).
std::string shaped_field(const LabelIndex& labels, Label label, Shape shape, bool anywhere = true) {
  if (auto value = labels.find(label, shape)) return std::move(*value);
  if (anywhere) {
    for (const auto& cell : labels.cells())
      if (shape(cell.text)) return cell.text;
  }
  const auto non_empty = [](std::string_view value) { return !value.empty(); };
  return labels.find(label, non_empty).value_or(std::string{});
}

// A model named inside a longer text, as in the page heading "Cisco IP Phone CP-6921 (SEP…)".
std::string model_in_text(std::span<const TextCell> cells) {
  for (const auto& cell : cells) {
    std::string_view text = cell.text;
    while (!text.empty()) {
      const std::size_t end = text.find_first_of(" ()[],;");
      const std::string_view word = text.substr(0, end);
      if (looks_like_model(word)) return std::string(word);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
  }
  return {};
}

std::string read_model(const LabelIndex& labels) {
  std::string model = shaped_field(labels, Label::model, looks_like_model);
  return model.empty() ? model_in_text(labels.cells()) : model;
}

bool is_version_load(std::string_view text) { return looks_like_load(text) && !is_component_load(text); }

// The software version ("sip88xx.14-2-1-0201-30"), which pages show beside component loads
// (root file system, boot loader, the ATA's "APP…" load): a labelled version first, then any
// version-shaped load, then whatever a version or app load label shows, then a component load.
std::string read_firmware(const LabelIndex& labels) {
  std::string version = shaped_field(labels, Label::version, is_version_load);
  if (!version.empty()) return version;
  const auto non_empty = [](std::string_view value) { return !value.empty(); };
  if (auto load = labels.find(Label::app_load, non_empty)) return std::move(*load);
  for (const auto& cell : labels.cells())
    if (looks_like_load(cell.text)) return cell.text;
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
    return tl::make_unexpected(
        fmt::format("DeviceInformationX is not XML: {} at byte {}", parsed.description(), parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (!iequals(root.name(), "DeviceInformation")) {
    return tl::make_unexpected(
        fmt::format("DeviceInformationX root is <{}>, not <DeviceInformation>", printable_prefix(root.name(), 40)));
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
  info.firmware = xml_firmware(std::move(version_id), std::move(app_load_id));
  fill_gaps(info);
  if (info.model.empty() && info.mac.empty()) {
    return tl::make_unexpected(std::string("DeviceInformationX has neither modelNumber nor MACAddress"));
  }
  return info;
}

tl::expected<DeviceInfo, std::string> read_device_information_html(std::string_view html) {
  const std::vector<TextCell> cells = html_cells(html);
  const LabelIndex labels(cells);
  DeviceInfo info;
  info.model = read_model(labels);
  info.host_name = upper_case(shaped_field(labels, Label::host_name, looks_like_device_name, false));
  if (info.host_name.empty()) {
    for (const auto& cell : cells) {
      if (auto name = find_sep_name(cell.text)) {
        info.host_name = std::move(*name);
        break;
      }
    }
  }
  // A MAC-shaped value anywhere is taken only after the device name's MAC: a long directory
  // number can look like twelve hex digits too.
  info.mac = normalise_mac(shaped_field(labels, Label::mac_address, looks_like_mac, false));
  fill_gaps(info);
  if (info.mac.empty()) {
    for (const auto& cell : cells) {
      if (looks_like_mac(cell.text)) {
        info.mac = normalise_mac(cell.text);
        break;
      }
    }
  }
  info.firmware = read_firmware(labels);
  info.serial = shaped_field(labels, Label::serial_number, looks_like_serial);
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
