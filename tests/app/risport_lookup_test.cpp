// The scan's RisPort70 lookup of an inventory, without a network: which rows are asked by name,
// which by address, which cannot be asked; and what the answers add to each row.
#include <app/risport_lookup.hpp>
#include <diagnosis/cucm_phone_view.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

inventory::Target row(std::string host, std::string name) {
  inventory::Target t;
  t.host = std::move(host);
  t.device_name = std::move(name);
  return t;
}

std::string column(const inventory::Target& t, std::string_view name) {
  std::string value = "<missing>";
  for (const auto& [k, v] : t.extra)
    if (k == name) value = v;
  return value;
}

cucm::RisDevice device(std::string name, std::string status, std::string httpd, std::string ip) {
  cucm::RisDevice d;
  d.name = std::move(name);
  d.status = std::move(status);
  d.httpd = std::move(httpd);
  d.addresses.push_back({std::move(ip), "ipv4"});
  d.node = "cucm-sub1";
  d.active_load = "sip88xx.14-2-1-0001-14";
  d.timestamp = 1716900000;
  return d;
}

} // namespace

TEST_CASE("RisPort is asked by device name, by IPv4 address for unnamed rows, and the rest are unchecked",
          "[app][risport]") {
  const std::vector<inventory::Target> rows{row("10.1.2.3", "sep001122334455"), row("10.1.2.4", ""),
                                            row("phone-7.example.net", ""), row("2001:db8::7", ""),
                                            row("10.1.2.5", "SEP001122334455")};
  const auto q = app::risport_questions(rows);
  CHECK(q.names == std::vector<std::string>{"SEP001122334455"}); // once, as the CUCM writes it
  CHECK(q.addresses == std::vector<std::string>{"10.1.2.4"});
  CHECK(q.unchecked == std::vector<std::string>{"phone-7.example.net", "2001:db8::7"});

  auto in_range = row("10.20.0.9", "");
  in_range.from_range = true; // --targets: not known to be a phone, not asked about
  const std::vector<inventory::Target> ranged{in_range};
  const auto none = app::risport_questions(ranged);
  CHECK(none.addresses.empty());
  CHECK(none.unchecked.empty());
}

TEST_CASE("RisPort's answers become the rows' columns and the view's counts", "[app][risport]") {
  std::vector<inventory::Target> rows{row("10.1.2.3", "sep001122334455"), row("10.1.2.4", ""),
                                      row("10.1.2.6", "SEPAABBCCDDEEFF"), row("10.1.2.8", ""),
                                      row("phone-7.example.net", "")};
  const auto q = app::risport_questions(rows);
  cucm::DevicesByName by_name;
  by_name.emplace("SEP001122334455", device("SEP001122334455", "UnRegistered", "Yes", "10.1.9.7"));
  cucm::DevicesByName addressed;
  addressed.emplace("SEP0000000000A4", device("SEP0000000000A4", "Registered", "No", "10.1.2.4"));
  const auto v = app::apply_risport(rows, q, by_name, app::by_address(addressed));

  CHECK(column(rows[0], diagnosis::risport_column::registration) == "unregistered");
  CHECK(column(rows[0], diagnosis::risport_column::httpd) == "yes");
  CHECK(column(rows[0], diagnosis::risport_column::registered_ip) == "10.1.9.7");
  CHECK(column(rows[0], diagnosis::risport_column::node) == "cucm-sub1");
  CHECK(column(rows[0], diagnosis::risport_column::registered_at) == "2024-05-28T12:40:00Z");
  CHECK(column(rows[0], diagnosis::risport_column::active_load) == "sip88xx.14-2-1-0001-14");
  CHECK(column(rows[0], diagnosis::risport_column::device) == "<missing>");
  CHECK(column(rows[1], diagnosis::risport_column::httpd) == "no");
  CHECK(column(rows[1], diagnosis::risport_column::device) == "SEP0000000000A4"); // learnt by address
  CHECK(rows[2].extra.empty());                                                   // RisPort does not know it
  CHECK(v.by_name == 2);
  CHECK(v.by_address == 2);
  CHECK(v.known == 2);
  CHECK(v.unregistered == 1);
  CHECK(v.web_disabled == 1);
  CHECK(v.moved == 1);
  CHECK(v.not_found == std::vector<std::string>{"SEPAABBCCDDEEFF", "10.1.2.8"});
  CHECK(v.unchecked == std::vector<std::string>{"phone-7.example.net"});

  // What diagnose() reads from the row: RisPort's state and the address it has the phone at.
  const auto view = diagnosis::CucmFacts{}.phone(rows[0].device_name, rows[0].extra, rows[0].host);
  CHECK(view.risport.registration == diagnosis::Registration::not_registered);
  CHECK(view.address.inventory_differs == "10.1.2.3");
}
