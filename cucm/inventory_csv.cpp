#include <cucm/inventory_csv.hpp>

#include <util/csv_cell.hpp>

#include <cctype>

namespace cucm {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Written as the CUCM has it (the scan reads this file, not Excel): only quoting.
std::string csv_field(std::string_view text) { return util::csv_cell(text, util::Formulas::kept); }

} // namespace

std::string registration_code(std::string_view status) {
  const std::string s = lower(status);
  if (s == "partiallyregistered") return "partially_registered";
  if (s.empty()) return "unknown";
  return s;
}

std::string httpd_code(std::string_view httpd) {
  const std::string s = lower(httpd);
  if (s == "yes" || s == "no") return s;
  return "unknown";
}

InventoryCsv inventory_csv(const std::vector<DiscoveredPhone>& phones, std::uint16_t phone_port) {
  InventoryCsv out;
  out.text = "address,name,model,site,description,registration,httpd,firmware\n";
  for (const DiscoveredPhone& p : phones) {
    const std::string ip = p.ris ? preferred_address(*p.ris) : std::string{};
    if (ip.empty()) {
      out.without_address.push_back(p.axl.name);
      continue;
    }
    std::string address = ip;
    if (phone_port != 0) {
      address = ip.find(':') != std::string::npos ? "[" + ip + "]" : ip;
      address += ":" + std::to_string(phone_port);
    }
    out.text += csv_field(address) + ',' + csv_field(p.axl.name) + ',' + csv_field(p.axl.model) + ',' +
                csv_field(p.axl.device_pool) + ',' + csv_field(p.axl.description) + ',' +
                registration_code(p.ris->status) + ',' + httpd_code(p.ris->httpd) + ',' +
                csv_field(p.ris->active_load) + '\n';
    ++out.rows;
  }
  return out;
}

} // namespace cucm
