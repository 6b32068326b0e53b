#include <cucm/risport.hpp>

#include <cucm/soap.hpp>
#include <cucm/xml_util.hpp>

#include <charconv>

namespace cucm {

std::string select_cm_device_ext_request(std::span<const std::string> items, SelectBy by) {
  std::string body = "<soap:selectCmDeviceExt><soap:StateInfo></soap:StateInfo><soap:CmSelectionCriteria>"
                     "<soap:MaxReturnedDevices>" +
                     std::to_string(items.size()) +
                     "</soap:MaxReturnedDevices><soap:DeviceClass>Phone</soap:DeviceClass>"
                     "<soap:Model>255</soap:Model><soap:Status>Any</soap:Status><soap:NodeName></soap:NodeName>"
                     "<soap:SelectBy>" +
                     std::string(by == SelectBy::name ? "Name" : "IPV4Address") + "</soap:SelectBy><soap:SelectItems>";
  for (const std::string& item : items)
    body += "<soap:item><soap:Item>" + xml_escape(item) + "</soap:Item></soap:item>";
  body += "</soap:SelectItems><soap:Protocol>Any</soap:Protocol>"
          "<soap:DownloadStatus>Any</soap:DownloadStatus></soap:CmSelectionCriteria>"
          "</soap:selectCmDeviceExt>";
  return envelope("xmlns:soap=\"http://schemas.cisco.com/ast/soap\"", body);
}

tl::expected<RisAnswer, std::string> read_select_cm_device(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return tl::make_unexpected("selectCmDeviceExt answer is not XML");
  if (const auto fault = read_fault(body)) return tl::make_unexpected(describe(*fault));
  const pugi::xml_node result = find_descendant(doc, "SelectCmDeviceResult");
  if (!result) return tl::make_unexpected("not a RisPort70 selectCmDevice answer");
  RisAnswer answer;
  const std::string total = child_text(result, "TotalDevicesFound");
  std::from_chars(total.data(), total.data() + total.size(), answer.total_found);
  for (pugi::xml_node node = child(result, "CmNodes").first_child(); node; node = node.next_sibling()) {
    if (!is(node, "item")) continue;
    const std::string node_name = child_text(node, "Name");
    for (pugi::xml_node d = child(node, "CmDevices").first_child(); d; d = d.next_sibling()) {
      if (!is(d, "item")) continue;
      RisDevice device;
      device.name = child_text(d, "Name");
      device.status = child_text(d, "Status");
      device.httpd = child_text(d, "Httpd");
      device.model = child_text(d, "Model");
      device.active_load = child_text(d, "ActiveLoadID");
      device.description = child_text(d, "Description");
      device.node = node_name;
      const std::string stamp = child_text(d, "TimeStamp");
      std::from_chars(stamp.data(), stamp.data() + stamp.size(), device.timestamp);
      for (pugi::xml_node a = child(d, "IPAddress").first_child(); a; a = a.next_sibling()) {
        if (!is(a, "item")) continue;
        RisAddress address{child_text(a, "IP"), child_text(a, "IPAddrType")};
        if (!address.ip.empty()) device.addresses.push_back(std::move(address));
      }
      if (!device.name.empty()) answer.devices.push_back(std::move(device));
    }
  }
  return answer;
}

std::vector<std::span<const std::string>> batches(std::span<const std::string> names, std::size_t max) {
  if (max == 0) max = 1;
  std::vector<std::span<const std::string>> out;
  for (std::size_t at = 0; at < names.size(); at += max)
    out.push_back(names.subspan(at, std::min(max, names.size() - at)));
  return out;
}

std::string preferred_address(const RisDevice& device) {
  for (const RisAddress& a : device.addresses)
    if (a.type == "ipv4" || (a.type.empty() && a.ip.find(':') == std::string::npos)) return a.ip;
  return device.addresses.empty() ? std::string{} : device.addresses.front().ip;
}

} // namespace cucm
