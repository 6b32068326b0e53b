// `scan --inventory … --axl` against the real fleetsim binary over HTTPS: RisPort70 is asked for
// the inventory's phones (by device name, by IPv4 address for rows without one), so that phones
// that do not answer are explained by the CUCM as for a discovered inventory, and an inventory
// address the CUCM does not have the phone at is a finding.
#include <tests/cucm/soap_fleet.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace std::chrono_literals;
using namespace soap_test;

namespace {

harness::RunResult scan_inventory(const SoapFleet& fleet, const std::string& inventory, const std::string& db,
                                  const std::string& cacert, std::vector<std::string> extra = {}) {
  extra.insert(extra.begin(), {"--axl", fleet.soap_url, "--cacert", cacert});
  return run_scan(fleet, db, {"--inventory", inventory}, extra);
}

// The report's CSV line of the phone at `address` ("" when there is none).
std::string row_of(const std::string& csv, const std::string& address) {
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (line.find("," + address + ",") != std::string::npos) return line;
  return {};
}

// The root_cause of the phone at `address` in a report CSV ("" when there is none).
std::string cause_of(const std::string& csv, const std::string& address) {
  std::istringstream in(csv);
  inventory::CsvReader reader(in, "report.csv");
  while (auto t = reader.next())
    if (t->address() == address) return extra(*t, "root_cause");
  return {};
}

// The estate's inventory.csv with some rows changed: `unnamed` addresses lose their device name,
// the row of `moved_name` gets `moved_to` as its address.
struct Edits {
  std::set<std::string> unnamed;
  std::string moved_name;
  std::string moved_to;
};

std::string edited_inventory(const std::string& dir, const Edits& edits) {
  std::istringstream in(slurp(dir + "/estate/inventory.csv"));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    std::string address = line.substr(0, first);
    std::string name = line.substr(first + 1, second - first - 1);
    if (edits.unnamed.contains(address)) name.clear();
    if (name == edits.moved_name) address = edits.moved_to;
    out += address + ',' + name + line.substr(second) + '\n';
  }
  const std::string path = dir + "/edited.csv";
  std::ofstream(path) << out;
  return path;
}

} // namespace

TEST_CASE("scan --inventory with --axl asks RisPort70 by name and by address and proves unregistered and web_disabled",
          "[cucm][risport]") {
  const std::string dir = harness::make_temp_dir("inventory-risport");
  const Tls tls = make_certificate(dir);
  auto fleet = start(300, tls, dir);

  std::map<std::string, std::size_t> scenarios;
  Edits edits;
  std::string unnamed_unreachable, unnamed_silent, unchecked_host, moved_from, closed_port;
  for (const auto& t : read_csv(dir + "/estate/truth.csv")) {
    const std::string scenario = extra(t, "scenario");
    ++scenarios[scenario];
    const bool ipv4 = t.host_is_ip_literal() && t.host.find(':') == std::string::npos;
    if (scenario == "unreachable" && ipv4 && unnamed_unreachable.empty()) {
      unnamed_unreachable = t.address();
      closed_port = std::to_string(t.port);
    } else if (scenario == "silent" && ipv4 && unnamed_silent.empty()) {
      unnamed_silent = t.address();
    } else if (scenario == "by_name" && unchecked_host.empty()) {
      unchecked_host = t.address();
    } else if (scenario == "healthy" && ipv4 && !t.https && edits.moved_name.empty()) {
      edits.moved_name = t.device_name;
      moved_from = t.host;
    }
  }
  REQUIRE_FALSE(unnamed_unreachable.empty());
  REQUIRE_FALSE(unnamed_silent.empty());
  REQUIRE_FALSE(unchecked_host.empty());
  REQUIRE_FALSE(edits.moved_name.empty());
  edits.unnamed = {unnamed_unreachable, unnamed_silent, unchecked_host};
  // Nothing answers there: the inventory is out of date for this phone.
  edits.moved_to = "127.15.0.9:" + closed_port;
  const std::string inventory = edited_inventory(dir, edits);

  const std::string db = dir + "/s.db";
  const auto s = scan_inventory(fleet, inventory, db, tls.cert);
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  CHECK(s.err.find("RisPort70: 299 of 299 inventory phones known (297 asked by name, 2 by address)") !=
        std::string::npos);
  CHECK(s.err.find("1 inventory phones have neither a device name nor an IPv4 address") != std::string::npos);
  CHECK(s.err.find(unchecked_host) != std::string::npos);

  const Report r = report_of(dir, db);
  // The CUCM explains every phone that does not answer, named or not.
  CHECK(rows_with(r.csv, "unregistered") == scenarios["unreachable"]);
  CHECK(rows_with(r.csv, "web_disabled") == scenarios["silent"]);
  CHECK(cause_of(r.csv, unnamed_unreachable) == "unregistered");
  CHECK(cause_of(r.csv, unnamed_silent) == "web_disabled");
  // The moved phone does not answer where the inventory says; the CUCM has it elsewhere.
  const std::string moved = row_of(r.csv, edits.moved_to);
  CHECK(cause_of(r.csv, edits.moved_to) == "unreachable");
  CHECK(moved.find("inventory says 127.15.0.9, the CUCM says " + moved_from) != std::string::npos);
  // The CUCM's facts in the phone rows: the CSV's last columns, the HTML sections' CUCM cell.
  CHECK(r.csv.find(",registration,registered_at,cucm_node,registered_ip,active_load\r\n") != std::string::npos);
  CHECK(moved.find(",registered,") != std::string::npos);
  CHECK(moved.find(".sim.test," + moved_from + ",") != std::string::npos); // node, then the CUCM's address
  CHECK(r.html.find("<th>CUCM (RisPort70)</th>") != std::string::npos);
  CHECK(r.html.find("<td>unregistered since ") != std::string::npos);

  // One request by name (299 names fit one batch), one by address; nothing throttled.
  const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
  INFO(stats);
  CHECK(json_number(stats, "risport_requests") == 2);
  CHECK(json_number(stats, "risport_by_address") == 1);
  CHECK(json_number(stats, "risport_rate_faults") == 0);
  // One connection and one CUCM session carry the AXL preflight and both RisPort70 requests.
  CHECK(json_number(stats, "axl_requests") == 1);
  CHECK(json_number(stats, "soap_connections") == 1);
  CHECK(json_number(stats, "sessions_started") == 1);
  CHECK(json_number(stats, "requests_in_session") == 2);
}

TEST_CASE("discover sends every AXL and RisPort70 request over one connection in one CUCM session",
          "[cucm][discover]") {
  const std::string dir = harness::make_temp_dir("discover-session");
  const Tls tls = make_certificate(dir);
  auto fleet = start(60, tls, dir);
  const auto d =
      discover(fleet, dir + "/found.csv", {"--cacert", tls.cert, "--axl-page", "20", "--risport-batch", "20"});
  INFO(d.err);
  REQUIRE(d.status == 0);
  const std::string stats = http_get(fleet.soap_url + "/stats", tls.cert);
  INFO(stats);
  CHECK(json_number(stats, "axl_requests") == 4); // three full pages and an empty one
  CHECK(json_number(stats, "risport_requests") == 3);
  CHECK(json_number(stats, "soap_connections") == 1);
  CHECK(json_number(stats, "sessions_started") == 1);
  CHECK(json_number(stats, "requests_in_session") == 6);
}
