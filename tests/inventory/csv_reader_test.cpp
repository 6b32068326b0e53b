#include <inventory/address.hpp>
#include <inventory/csv_reader.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace inventory;

namespace {
std::vector<Target> read_all(const std::string& text, std::vector<RowIssue>* issues = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in, "phones.csv");
  std::vector<Target> out;
  while (auto t = reader.next()) out.push_back(std::move(*t));
  if (issues) *issues = reader.issues();
  return out;
}
} // namespace

TEST_CASE("parse_address: IPv4, IPv6, names, with and without ports") {
  CHECK(parse_address("10.1.2.3")->host == "10.1.2.3");
  CHECK(parse_address("10.1.2.3:8080")->port == 8080);
  CHECK(parse_address("[2001:db8::1]:80")->host == "2001:db8::1");
  CHECK(parse_address("[2001:db8::1]:80")->port == 80);
  CHECK(parse_address("2001:db8::1")->host == "2001:db8::1");
  CHECK(parse_address("Phone-42.Example.NET")->host == "phone-42.example.net");
  CHECK(parse_address(" 10.0.0.1 ")->host == "10.0.0.1");
}

TEST_CASE("parse_address: bad addresses say what is wrong") {
  CHECK(parse_address("10.1.2.300").error().find("IPv4") != std::string::npos);
  CHECK(parse_address("10.1.2.3:99999").error().find("port") != std::string::npos);
  CHECK(parse_address("10.1.2.3:http").error().find("port") != std::string::npos);
  CHECK(parse_address("[2001:db8::1").error().find("]") != std::string::npos);
  CHECK(parse_address("bad host!").error().find("host name") != std::string::npos);
  CHECK_FALSE(parse_address("").has_value());
}

TEST_CASE("CsvReader: header-driven columns, quoted fields with commas, quotes and newlines") {
  const auto targets = read_all(
      "Site,Address,Name,Model,Description,Owner\r\n"
      "LON-1,10.0.0.1,SEP001122334455,CP-8841,\"Reception, desk 1\",\"Ann \"\"the\"\" boss\"\r\n"
      "LON-2,10.0.0.2,SEP001122334456,CP-7821,\"two\nlines\",Bob\r\n");
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].site == "LON-1");
  CHECK(targets[0].device_name == "SEP001122334455");
  CHECK(targets[0].description == "Reception, desk 1");
  REQUIRE(targets[0].extra.size() == 1);
  CHECK(targets[0].extra[0].first == "Owner");
  CHECK(targets[0].extra[0].second == "Ann \"the\" boss");
  CHECK(targets[1].description == "two\nlines");
}

TEST_CASE("CsvReader: a UTF-8 byte order mark does not hide the address column") {
  const auto targets = read_all("\xEF\xBB\xBF" "address,name\n10.0.0.1,SEPAA\n");
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].host == "10.0.0.1");
}

TEST_CASE("CsvReader: bad and duplicate rows are skipped and reported with file, line and column") {
  std::vector<RowIssue> issues;
  const auto targets = read_all("name,address\nA,10.0.0.1\nB,10.0.0.999\nC,10.0.0.1\n\nD,10.0.0.4\n", &issues);
  REQUIRE(targets.size() == 2);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].to_string() == "phones.csv:3:2: address: not an IPv4 address: 10.0.0.999");
  CHECK(issues[1].line == 4);
  CHECK(issues[1].reason.find("duplicate") != std::string::npos);
}

TEST_CASE("CsvReader: a file without an address column is refused, naming the file") {
  std::istringstream in("name,model\nA,CP-8841\n");
  try {
    CsvReader reader(in, "phones.csv");
    FAIL("expected InventoryError");
  } catch (const InventoryError& e) {
    CHECK(std::string(e.what()).find("phones.csv:1") != std::string::npos);
    CHECK(std::string(e.what()).find("address") != std::string::npos);
  }
}

TEST_CASE("Target::address writes IPv6 with brackets when a port is given") {
  Target t;
  t.host = "2001:db8::1";
  CHECK(t.address() == "2001:db8::1");
  t.port = 8080;
  CHECK(t.address() == "[2001:db8::1]:8080");
}
