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
  const auto targets =
      read_all("Site,Address,Name,Model,Description,Owner\r\n"
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
  const auto targets = read_all("\xEF\xBB\xBF"
                                "address,name\n10.0.0.1,SEPAA\n");
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

TEST_CASE("CsvReader: an unterminated quote is a bad row named by its line, the rows after it are read") {
  // One stray quote used to swallow the rest of the file into one field, silently.
  std::string text = "address,description\n10.0.0.1,lobby\n10.0.0.2,\"stray quote\n";
  for (int i = 3; i <= 200; ++i) text += "10.0.1." + std::to_string(i) + ",desk\n";
  std::vector<RowIssue> issues;
  const auto targets = read_all(text, &issues);
  CHECK(targets.size() == 199);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 3);
  CHECK(issues[0].column == 2);
  CHECK_THAT(issues[0].reason, Catch::Contains("quote"));
}

TEST_CASE("CsvReader: text after a closing quote ends the quoted field there: a bad row, the rest is read") {
  std::vector<RowIssue> issues;
  const auto targets = read_all("address,description\n10.0.0.1,\"open\n10.0.0.2,closed\" here\n10.0.0.3,ok\n", &issues);
  std::vector<std::string> hosts;
  for (const auto& t : targets) hosts.push_back(t.host);
  CHECK(hosts == std::vector<std::string>{"10.0.0.2", "10.0.0.3"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 2);
  CHECK_THAT(issues[0].reason, Catch::Contains("quote"));
}

TEST_CASE("CsvReader: a quoted field that really spans lines is still one field") {
  std::vector<RowIssue> issues;
  const auto targets = read_all("address,description\n10.0.0.1,\"two\nlines, \"\"quoted\"\"\"\n10.0.0.2,x\n", &issues);
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].description == "two\nlines, \"quoted\"");
  CHECK(issues.empty());
}
