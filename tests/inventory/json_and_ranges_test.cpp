#include <inventory/json_reader.hpp>
#include <inventory/open_inventory.hpp>
#include <inventory/range_reader.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using namespace inventory;

namespace {

std::vector<Target> drain(Reader& reader) {
  std::vector<Target> out;
  while (auto t = reader.next()) out.push_back(std::move(*t));
  return out;
}

std::vector<Target> read_json(const std::string& text, JsonReader::Layout layout,
                              std::vector<RowIssue>* issues = nullptr) {
  std::istringstream in(text);
  JsonReader reader(in, "phones.json", layout);
  auto out = drain(reader);
  if (issues) *issues = reader.issues();
  return out;
}

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/phonesweep-inv-" +
                           std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

} // namespace

TEST_CASE("JSON array: objects with the CSV column names become targets, other keys are kept") {
  const auto targets = read_json(R"([
    {"address": "10.0.0.1", "name": "SEP001122334455", "model": "CP-8841", "site": "LON-1",
     "description": "Reception \u00e9", "room": 12},
    {"ip": "[2001:db8::5]:8080", "device pool": "NYC"}
  ])",
                                 JsonReader::Layout::array);
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].host == "10.0.0.1");
  CHECK(targets[0].device_name == "SEP001122334455");
  CHECK(targets[0].description == "Reception \xc3\xa9");
  REQUIRE(targets[0].extra.size() == 1);
  CHECK(targets[0].extra[0] == std::pair<std::string, std::string>{"room", "12"});
  CHECK(targets[1].host == "2001:db8::5");
  CHECK(targets[1].port == 8080);
  CHECK(targets[1].site == "NYC");
}

TEST_CASE("JSON array: a bad address is reported with the line and column of its value") {
  std::vector<RowIssue> issues;
  const auto targets = read_json("[\n {\"address\": \"10.0.0.1\"},\n {\"name\": \"x\",\n  \"address\": "
                                 "\"10.0.0.300\"},\n {\"address\": \"10.0.0.1\"}\n]",
                                 JsonReader::Layout::array, &issues);
  CHECK(targets.size() == 1);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].to_string() == "phones.json:4:14: address: not an IPv4 address: 10.0.0.300");
  CHECK(issues[1].reason.find("duplicate") != std::string::npos);
  CHECK(issues[1].line == 5);
}

TEST_CASE("JSON array: a syntax error half way keeps the phones before it and names its line") {
  std::vector<RowIssue> issues;
  const auto targets =
      read_json("[{\"address\":\"10.0.0.1\"},\n{\"address\" \"10.0.0.2\"},\n{\"address\":\"10.0.0.3\"}]",
                JsonReader::Layout::array, &issues);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].host == "10.0.0.1");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 2);
}

TEST_CASE("JSON array: a file cut off in the middle is refused as a whole, naming the file") {
  std::istringstream in("[{\"address\":\"10.0.0.1\"},{\"address\":");
  CHECK_THROWS_WITH(JsonReader(in, "cut.json", JsonReader::Layout::array), Catch::Contains("cut.json:1"));
}

TEST_CASE("JSON: a document that is not an array is refused with its name") {
  std::istringstream in(R"({"address": "10.0.0.1"})");
  CHECK_THROWS_WITH(JsonReader(in, "x.json", JsonReader::Layout::array),
                    Catch::Contains("x.json:1") && Catch::Contains("array"));
}

TEST_CASE("NDJSON: one object per line, a bad line is skipped with its line number") {
  std::vector<RowIssue> issues;
  const auto targets =
      read_json("{\"address\":\"10.0.0.1\"}\n\n{not json}\n[1]\n{\"address\":\"10.0.0.2\",\"model\":\"CP-7821\"}\r\n",
                JsonReader::Layout::lines, &issues);
  REQUIRE(targets.size() == 2);
  CHECK(targets[1].model == "CP-7821");
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].line == 3);
  CHECK(issues[1].line == 4);
  CHECK(issues[1].reason.find("object") != std::string::npos);
}

TEST_CASE("target list (--targets): CIDR blocks leave out network and broadcast, ranges include both ends") {
  auto blocks = parse_target_ranges("10.20.0.0/30, 10.30.1.10-12,10.9.9.9,192.168.1.254-192.168.2.1");
  REQUIRE(blocks);
  RangeReader reader(std::move(*blocks));
  std::vector<std::string> hosts;
  for (const auto& t : drain(reader)) hosts.push_back(t.host);
  CHECK(hosts == std::vector<std::string>{"10.20.0.1", "10.20.0.2", "10.30.1.10", "10.30.1.11", "10.30.1.12",
                                          "10.9.9.9", "192.168.1.254", "192.168.1.255", "192.168.2.0", "192.168.2.1"});
}

TEST_CASE("target list (--targets): IPv6 networks are expanded") {
  auto blocks = parse_target_ranges("2001:db8::/126,[::1]");
  REQUIRE(blocks);
  RangeReader reader(std::move(*blocks));
  std::vector<std::string> hosts;
  for (const auto& t : drain(reader)) hosts.push_back(t.host);
  CHECK(hosts == std::vector<std::string>{"2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3", "::1"});
}

TEST_CASE("target list (--targets): mistakes are refused with the item and the reason") {
  CHECK(parse_target_ranges("10.0.0.0/8").error().find("1,048,576") != std::string::npos);
  CHECK(parse_target_ranges("10.0.0.1/24").error().find("host bits") != std::string::npos);
  CHECK(parse_target_ranges("10.0.0.9-3").error().find("ends before") != std::string::npos);
  CHECK(parse_target_ranges("phone.example.net").error().find("inventory file") != std::string::npos);
  CHECK(parse_target_ranges("10.0.0.1,bogus/3").error().find("\"bogus/3\"") != std::string::npos);
  CHECK_FALSE(parse_target_ranges(" , ").has_value());
}

TEST_CASE("open_inventory: picks CSV, JSON or NDJSON by extension or content, and removes duplicates across sources") {
  const auto csv = temp_file("a.csv", "address,name\n10.0.0.1,SEPA\n10.0.0.2,SEPB\n");
  const auto json = temp_file("b.json", "[{\"address\":\"10.0.0.2\"},{\"address\":\"10.0.0.3\"}]");
  const auto ndjson = temp_file("c.data", "{\"address\":\"10.0.0.4\"}\n");
  auto reader = open_inventory({{csv, json, ndjson}, "10.0.0.4-5", Format::automatic});
  std::vector<std::string> hosts;
  for (const auto& t : drain(*reader)) hosts.push_back(t.host);
  CHECK(hosts == std::vector<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"});
  CHECK(reader->issues().size() == 2);
  for (const auto& p : {csv, json, ndjson}) std::remove(p.c_str());
}

TEST_CASE("open_inventory: a missing file is named in the error") {
  CHECK_THROWS_WITH(open_inventory({{"/nonexistent/phones.csv"}, "", Format::automatic}),
                    Catch::Contains("/nonexistent/phones.csv"));
}

TEST_CASE("inventory parsers survive random bytes without crashing") {
  std::mt19937 random(20261124);
  for (int round = 0; round < 300; ++round) {
    std::string junk(static_cast<std::size_t>(random() % 400), '\0');
    for (char& c : junk) c = static_cast<char>(random() % 256);
    if (round % 3 == 0) junk = "[{\"address\":\"10.0.0.1\"," + junk;
    if (round % 3 == 1) junk = "address,name\n" + junk;
    for (const Format format : {Format::csv, Format::json, Format::ndjson}) {
      const auto path = temp_file("fuzz", junk);
      try {
        auto reader = open_inventory({{path}, "", format});
        drain(*reader);
      } catch (const InventoryError&) {
        // refusing the whole file is an acceptable answer to garbage
      }
      std::remove(path.c_str());
    }
    (void)parse_target_ranges(junk);
  }
  SUCCEED("no crash on 900 random inventories");
}

#include <inventory/shard.hpp>

TEST_CASE("sharding (--shard): every phone is in exactly one shard, and the split is roughly even") {
  auto blocks = parse_target_ranges("10.1.0.0/22");
  REQUIRE(blocks);
  RangeReader reader(std::move(*blocks));
  const auto targets = drain(reader);
  std::vector<std::size_t> per_shard(3, 0);
  for (const auto& t : targets) {
    int owners = 0;
    for (unsigned k = 1; k <= 3; ++k)
      if (in_shard(t, Shard{k, 3})) {
        ++owners;
        ++per_shard[k - 1];
      }
    CHECK(owners == 1);
  }
  for (const auto n : per_shard) CHECK(n > targets.size() / 4);
}

TEST_CASE("sharding (--shard): the hash is fixed, so a phone stays on its scanner across versions") {
  CHECK(stable_hash("") == 0xcbf29ce484222325ULL);
  CHECK(stable_hash("10.0.0.1") == stable_hash("10.0.0.1"));
  CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cULL); // FNV-1a test vector
}

TEST_CASE("sharding (--shard): bad specifications are refused") {
  CHECK(parse_shard("2/5")->index == 2);
  CHECK_FALSE(parse_shard("0/5"));
  CHECK_FALSE(parse_shard("6/5"));
  CHECK_FALSE(parse_shard("1/0"));
  CHECK_FALSE(parse_shard("1-5"));
  CHECK_FALSE(parse_shard("x/5"));
}

TEST_CASE("JSON array: data after the closing bracket is a bad row named by its line") {
  std::vector<RowIssue> issues;
  const auto targets =
      read_json("[{\"address\":\"10.0.0.1\"},\n{\"address\":\"10.0.0.2\"}]\n{\"address\":\"10.0.0.3\"}\n",
                JsonReader::Layout::array, &issues);
  CHECK(targets.size() == 2);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 3);
  CHECK_THAT(issues[0].reason, Catch::Contains("after the array"));
}

TEST_CASE("NDJSON: two objects on one line are a bad row named by its line") {
  std::vector<RowIssue> issues;
  const auto targets = read_json("{\"address\":\"10.0.0.1\"}\n{\"address\":\"10.0.0.2\"} {\"address\":\"10.0.0.3\"}\n"
                                 "{\"address\":\"10.0.0.4\"}\n",
                                 JsonReader::Layout::lines, &issues);
  std::vector<std::string> hosts;
  for (const auto& t : targets) hosts.push_back(t.host);
  CHECK(hosts == std::vector<std::string>{"10.0.0.1", "10.0.0.4"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 2);
  CHECK_THAT(issues[0].reason, Catch::Contains("one object per line"));
}

TEST_CASE("open_inventory: a directory is refused as a whole, naming it") {
  const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  CHECK_THROWS_WITH(open_inventory({{dir}, "", Format::automatic}),
                    Catch::Contains(dir) && Catch::Contains("directory"));
}
