// IPv6 end to end: fleetsim --ipv6 serves one not_associated phone inventoried as [::1]:PORT and
// one healthy phone by a name whose only DNS record is AAAA ::1 (dnsmasq, from fleetsim's hosts
// file). The real phonesweep must reach both over IPv6 (c-ares for the name, curl pinned to the
// bracketed address), name their ground-truth causes, write [::1]:PORT intact into the database,
// CSV and HTML, hash it into one stable shard, and sweep it from --targets.
#include <inventory/address.hpp>
#include <inventory/csv_reader.hpp>
#include <inventory/range_reader.hpp>
#include <inventory/shard.hpp>
#include <sim/harness/servers.hpp>
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>
#include <tests/support/files.hpp>
#include <tests/support/fleet_scan.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace std::chrono_literals;

namespace {

using test_support::Expected;
using test_support::http_get;
using test_support::json_number;
using test_support::read_truth;
using test_support::slurp;

struct Verdict {
  std::string cause, itl, cucm, host, detail;
};

// Address (as Target::address() writes it) → what the newest run of `db_path` says.
std::map<std::string, Verdict> verdicts(const std::string& db_path) {
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  const auto run = db->latest_run_id();
  REQUIRE(run);
  std::map<std::string, Verdict> out;
  db->for_each_record(*run, [&](const storage::PhoneRecord& r) {
    out[r.target.address()] =
        Verdict{std::string(diagnosis::to_string(r.outcome.cause)), std::string(diagnosis::to_string(r.evidence.itl)),
                std::string(diagnosis::to_string(r.evidence.cucm)), r.target.host, r.outcome.detail};
  });
  return out;
}

// `source` names what to sweep (--inventory FILE or --targets LIST).
harness::RunResult scan(const harness::Fleet& fleet, const harness::Dns& dns, const std::string& db,
                        std::vector<std::string> source) {
  return harness::run(
      test_support::fleet_scan(fleet, dns, db, std::move(source), {{"--inventory", test_support::leave_out}}), 3min);
}

harness::RunResult phonesweep(std::vector<std::string> args) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep")};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.capture_stderr = true;
  return harness::run(launch, 2min);
}

struct Ipv6Estate {
  harness::Fleet fleet;
  harness::Dns dns;
  std::map<std::string, Expected> truth;
  std::string literal; // "[::1]:PORT"
  std::string named;   // "phoneNNNN.sim.test:PORT", AAAA ::1 only
};

Ipv6Estate start_ipv6_estate() {
  harness::FleetOptions options;
  options.phones = 40; // the default mix: at least one phone of every default scenario
  options.extra_args = {"--ipv6"};
  auto fleet = harness::start_fleet(options);
  auto dns = harness::start_dns(fleet.hosts());
  Ipv6Estate e{std::move(fleet), std::move(dns), {}, {}, {}};
  e.truth = read_truth(e.fleet.truth());
  e.literal = "[::1]:" + std::to_string(e.fleet.port);
  for (const auto& [address, expected] : e.truth)
    if (expected.scenario == "healthy" && expected.host.find(".sim.test") != std::string::npos) e.named = address;
  return e;
}

} // namespace

TEST_CASE("fleetsim --ipv6 inventories a phone as [::1]:PORT and gives another a name with only an AAAA record") {
  const auto e = start_ipv6_estate();
  REQUIRE(e.truth.count(e.literal) == 1);
  CHECK(e.truth.at(e.literal).scenario == "not_associated");
  CHECK(e.truth.at(e.literal).root_cause == "not_associated");
  CHECK(e.truth.at(e.literal).host == "::1");
  REQUIRE_FALSE(e.named.empty());
  CHECK(e.truth.at(e.named).root_cause == "ok");
  const std::string name = e.truth.at(e.named).host;
  const std::string hosts = slurp(e.fleet.hosts());
  CHECK(hosts.find("::1 " + name + "\n") != std::string::npos);
  CHECK(hosts.find(" " + name + "\n") == hosts.rfind(" " + name + "\n")); // no A record
  CHECK(slurp(e.fleet.inventory()).find("\n" + e.literal + ",SEP") != std::string::npos);
}

TEST_CASE("scan: the IPv6 literal phone and the AAAA-named phone get their ground-truth causes over IPv6") {
  const auto e = start_ipv6_estate();
  REQUIRE(e.truth.count(e.literal) == 1);
  REQUIRE_FALSE(e.named.empty());
  const std::string db = e.fleet.dir + "/scan.db";
  const auto r = scan(e.fleet, e.dns, db, {"--inventory", e.fleet.inventory()});
  INFO(r.err);
  CHECK(r.status == 1);

  const auto seen = verdicts(db);
  CHECK(seen.size() == e.truth.size());
  std::size_t mismatches = 0;
  for (const auto& [address, expected] : e.truth) {
    const auto it = seen.find(address);
    if (it == seen.end()) {
      FAIL_CHECK("not in the run: " << address);
      continue;
    }
    const Verdict& v = it->second;
    if (v.cause != expected.root_cause || v.itl != expected.itl_state || v.cucm != expected.cucm_auth) {
      ++mismatches;
      FAIL_CHECK(address << " (" << expected.scenario << "): got " << v.cause << "/" << v.itl << "/" << v.cucm
                         << ", expected " << expected.root_cause << "/" << expected.itl_state << "/"
                         << expected.cucm_auth << " — " << v.detail);
    }
  }
  CHECK(mismatches == 0);
  REQUIRE(seen.count(e.literal) == 1);
  CHECK(seen.at(e.literal).host == "::1");
  CHECK(seen.at(e.literal).cause == "not_associated");
  CHECK(seen.at(e.literal).cucm == "unauthorized");
  REQUIRE(seen.count(e.named) == 1);
  CHECK(seen.at(e.named).cause == "ok");

  // Every page of both phones came through the [::1] listener.
  const std::string stats = http_get(e.fleet.cucm_url + "/stats");
  INFO(stats);
  CHECK(json_number(stats, "ipv6_phone_requests") >= 4);

  SECTION("the CSV and HTML reports show [::1]:PORT as it is") {
    const std::string csv = e.fleet.dir + "/r.csv", html = e.fleet.dir + "/r.html";
    const auto rep = phonesweep({"report", "--db", db, "--csv", csv, "--html", html});
    INFO(rep.out << rep.err);
    REQUIRE(rep.status == 0);
    const std::string csv_text = slurp(csv);
    CHECK(csv_text.find("," + e.literal + ",") != std::string::npos); // one plain cell, unquoted
    std::ifstream in(csv);
    inventory::CsvReader reader(in, csv);
    std::map<std::string, std::string> causes;
    while (auto t = reader.next())
      for (const auto& [k, v] : t->extra)
        if (k == "root_cause") causes[t->address()] = v;
    CHECK(causes[e.literal] == "not_associated");
    CHECK(causes[e.named] == "ok");
    CHECK(slurp(html).find("<td>" + e.literal + "</td>") != std::string::npos);
  }
}

TEST_CASE("scan: an AAAA-only name is resolved by c-ares and its phone is asked on ::1") {
  const auto e = start_ipv6_estate();
  REQUIRE_FALSE(e.named.empty());
  const std::string inventory = e.fleet.dir + "/named-only.csv";
  std::ofstream(inventory) << "address\n" << e.named << "\n";
  const auto before = json_number(http_get(e.fleet.cucm_url + "/stats"), "ipv6_phone_requests");
  const std::string db = e.fleet.dir + "/named.db";
  const auto r = scan(e.fleet, e.dns, db, {"--inventory", inventory});
  INFO(r.err);
  CHECK(r.status == 0);
  const auto seen = verdicts(db);
  REQUIRE(seen.count(e.named) == 1);
  CHECK(seen.at(e.named).cause == "ok");
  CHECK(json_number(http_get(e.fleet.cucm_url + "/stats"), "ipv6_phone_requests") > before);
}

TEST_CASE("scan --shard: an IPv6 phone lands in the one shard its address hashes to, and merge restores its cause") {
  const auto e = start_ipv6_estate();
  REQUIRE(e.truth.count(e.literal) == 1);
  constexpr unsigned shards = 3;
  std::vector<std::string> dbs;
  std::map<std::string, unsigned> shard_of;
  for (unsigned k = 1; k <= shards; ++k) {
    dbs.push_back(e.fleet.dir + "/shard" + std::to_string(k) + ".db");
    const auto r =
        scan(e.fleet, e.dns, dbs.back(), {"--inventory", e.fleet.inventory(), "--shard", std::to_string(k) + "/3"});
    INFO(r.err);
    REQUIRE((r.status == 0 || r.status == 1));
    for (const auto& [address, verdict] : verdicts(dbs.back())) {
      CHECK(shard_of.count(address) == 0);
      shard_of[address] = k;
    }
  }
  CHECK(shard_of.size() == e.truth.size());
  REQUIRE(shard_of.count(e.literal) == 1);
  CHECK(shard_of[e.literal] == inventory::stable_hash(e.literal) % shards + 1);

  const std::string merged = e.fleet.dir + "/merged.db";
  const auto m = phonesweep({"merge", dbs[0], dbs[1], dbs[2], "-o", merged});
  INFO(m.out << m.err);
  REQUIRE(m.status == 1); // the estate has failures
  const auto seen = verdicts(merged);
  REQUIRE(seen.count(e.literal) == 1);
  CHECK(seen.at(e.literal).cause == "not_associated");
  REQUIRE(seen.count(e.named) == 1);
  CHECK(seen.at(e.named).cause == "ok");
}

TEST_CASE("scan --targets: an IPv6 address with a port is swept at that port") {
  const auto e = start_ipv6_estate();
  REQUIRE(e.truth.count(e.literal) == 1);
  // A healthy IPv4 phone beside it proves the credentials good, so the IPv6 one is not_associated.
  std::string healthy_v4;
  for (const auto& [address, expected] : e.truth)
    if (expected.scenario == "healthy" && expected.host.rfind("127.", 0) == 0) healthy_v4 = address;
  REQUIRE_FALSE(healthy_v4.empty());
  const std::string db = e.fleet.dir + "/targets.db";
  const auto r = scan(e.fleet, e.dns, db, {"--targets", e.literal + "," + healthy_v4});
  INFO(r.err);
  CHECK(r.status == 1);
  const auto seen = verdicts(db);
  CHECK(seen.size() == 2);
  REQUIRE(seen.count(e.literal) == 1);
  CHECK(seen.at(e.literal).cause == "not_associated");
  REQUIRE(seen.count(healthy_v4) == 1);
  CHECK(seen.at(healthy_v4).cause == "ok");
}

TEST_CASE("scan targets list: a bare ::1 is one IPv6 target on the default port, a bracketed one keeps its port") {
  auto bare = inventory::parse_target_ranges("::1");
  REQUIRE(bare);
  inventory::RangeReader bare_reader(std::move(*bare));
  auto t = bare_reader.next();
  REQUIRE(t);
  CHECK(t->host == "::1");
  CHECK(t->port == 0);
  CHECK(t->address() == "::1");
  CHECK_FALSE(bare_reader.next());

  auto ported = inventory::parse_target_ranges("[::1]:8080, 10.9.9.9:8081");
  REQUIRE(ported);
  inventory::RangeReader ported_reader(std::move(*ported));
  std::vector<std::string> addresses;
  while (auto target = ported_reader.next()) addresses.push_back(target->address());
  CHECK(addresses == std::vector<std::string>{"[::1]:8080", "10.9.9.9:8081"});
}

TEST_CASE("inventory: one IPv6 phone has one address however it is spelt, so duplicates and shards agree") {
  CHECK(inventory::parse_address("[0:0:0:0:0:0:0:1]:8080")->host == "::1");
  CHECK(inventory::parse_address("2001:DB8:0:0::5")->host == "2001:db8::5");
  std::istringstream in("address,name\n[::1]:8080,SEPA\n[0::1]:8080,SEPB\n[2001:DB8::5],SEPC\n");
  inventory::CsvReader reader(in, "v6.csv");
  std::vector<std::string> addresses;
  while (auto target = reader.next()) addresses.push_back(target->address());
  CHECK(addresses == std::vector<std::string>{"[::1]:8080", "2001:db8::5"});
  REQUIRE(reader.issues().size() == 1);
  CHECK(reader.issues()[0].reason.find("duplicate") != std::string::npos);
}
