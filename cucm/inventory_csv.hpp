#pragma once
// The inventory CSV `phonesweep discover` writes and `phonesweep scan --inventory` reads:
// address,name,model,site,description,registration,httpd,firmware. The first five are the
// inventory reader's own columns (site is the device pool); the rest are kept as extra columns.
#include <cucm/discovery.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cucm {

struct InventoryCsv {
  std::string text;
  std::size_t rows = 0;
  std::vector<std::string> without_address; // device names RisPort gave no address for (not written)
};

// `phone_port` 0: addresses without a port (the scheme's default); else host:port / [v6]:port.
InventoryCsv inventory_csv(const std::vector<DiscoveredPhone>& phones, std::uint16_t phone_port = 0);

// RisPort's Status as the registration column writes it: registered, unregistered, rejected,
// partially_registered, unknown (anything else, lower-cased).
std::string registration_code(std::string_view status);
// RisPort's Httpd: yes, no, unknown.
std::string httpd_code(std::string_view httpd);

} // namespace cucm
