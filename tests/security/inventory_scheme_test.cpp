// HTTPS phones in the inventory: an "https://" address or a `scheme` column makes a phone HTTPS;
// plain HTTP stays the default; contradictions and other schemes are row issues.
#include <inventory/address.hpp>
#include <inventory/csv_reader.hpp>
#include <inventory/json_reader.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

namespace {

struct Read {
  std::vector<inventory::Target> targets;
  std::vector<inventory::RowIssue> issues;
};

Read read_csv(const std::string& text) {
  std::istringstream in(text);
  inventory::CsvReader reader(in, "phones.csv");
  Read r;
  while (auto t = reader.next()) r.targets.push_back(std::move(*t));
  r.issues = reader.issues();
  return r;
}

} // namespace

TEST_CASE("an https:// address makes the phone HTTPS, a bare address stays plain HTTP", "[security][inventory]") {
  const Read r = read_csv("address,name\n"
                          "10.0.0.1,SEP000000000001\n"
                          "https://10.0.0.2:8443,SEP000000000002\n"
                          "HTTPS://Phone-3.Example.NET/,SEP000000000003\n"
                          "http://10.0.0.4:8080,SEP000000000004\n"
                          "https://[2001:db8::5],SEP000000000005\n");
  REQUIRE(r.issues.empty());
  REQUIRE(r.targets.size() == 5);
  CHECK_FALSE(r.targets[0].https);
  CHECK(r.targets[0].address() == "10.0.0.1");
  CHECK(r.targets[1].https);
  CHECK(r.targets[1].host == "10.0.0.2");
  CHECK(r.targets[1].port == 8443);
  CHECK(r.targets[1].address() == "https://10.0.0.2:8443");
  CHECK(r.targets[2].https);
  CHECK(r.targets[2].host == "phone-3.example.net");
  CHECK(r.targets[2].port == 0);
  CHECK(r.targets[2].address() == "https://phone-3.example.net");
  CHECK_FALSE(r.targets[3].https);
  CHECK(r.targets[3].address() == "10.0.0.4:8080");
  CHECK(r.targets[4].https);
  CHECK(r.targets[4].host == "2001:db8::5");
  CHECK(r.targets[4].address() == "https://[2001:db8::5]");
}

TEST_CASE("a scheme column says http or https per phone, empty keeps what the address says", "[security][inventory]") {
  const Read r = read_csv("address,scheme,model\n"
                          "10.0.1.1,https,CP-8875\n"
                          "10.0.1.2,HTTP,CP-8841\n"
                          "10.0.1.3,,CP-8841\n"
                          "https://10.0.1.4,,CP-9861\n"
                          "https://10.0.1.5, https ,CP-9861\n");
  REQUIRE(r.issues.empty());
  REQUIRE(r.targets.size() == 5);
  CHECK(r.targets[0].https);
  CHECK(r.targets[0].address() == "https://10.0.1.1");
  CHECK_FALSE(r.targets[1].https);
  CHECK_FALSE(r.targets[2].https);
  CHECK(r.targets[3].https);
  CHECK(r.targets[4].https);
  for (const auto& t : r.targets)
    for (const auto& [key, value] : t.extra) CHECK(key != "scheme"); // consumed, not an extra column
}

TEST_CASE("other schemes, paths, unknown scheme values and contradictions are row issues", "[security][inventory]") {
  const Read r = read_csv("address,scheme\n"
                          "ftp://10.0.2.1,\n"
                          "https://10.0.2.2/CGI/Screenshot,\n"
                          "10.0.2.3,gopher\n"
                          "https://10.0.2.4,http\n"
                          "http://10.0.2.5,https\n"
                          "https://,\n"
                          "10.0.2.7,https\n");
  REQUIRE(r.targets.size() == 1);
  CHECK(r.targets[0].address() == "https://10.0.2.7");
  REQUIRE(r.issues.size() == 6);
  CHECK(r.issues[0].reason.find("unsupported scheme") != std::string::npos);
  CHECK(r.issues[1].reason.find("path") != std::string::npos);
  CHECK(r.issues[2].reason.find("neither http nor https") != std::string::npos);
  CHECK(r.issues[2].column == 2);
  CHECK(r.issues[3].reason.find("contradicts") != std::string::npos);
  CHECK(r.issues[4].reason.find("contradicts") != std::string::npos);
  CHECK(r.issues[5].reason.find("empty address") != std::string::npos);
}

TEST_CASE("the same host and port over HTTP and over HTTPS are two phones, not a duplicate", "[security][inventory]") {
  const Read r = read_csv("address\n10.0.3.1:8443\nhttps://10.0.3.1:8443\nhttps://10.0.3.1:8443/\n");
  REQUIRE(r.targets.size() == 2);
  CHECK_FALSE(r.targets[0].https);
  CHECK(r.targets[1].https);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].reason.find("duplicate address https://10.0.3.1:8443") != std::string::npos);
}

TEST_CASE("a JSON inventory says https with the address form or a scheme key", "[security][inventory]") {
  std::istringstream in(R"([{"address": "https://10.0.4.1"}, {"address": "10.0.4.2", "scheme": "https"},
                            {"address": "10.0.4.3"}])");
  inventory::JsonReader reader(in, "phones.json", inventory::JsonReader::Layout::array);
  std::vector<inventory::Target> targets;
  while (auto t = reader.next()) targets.push_back(std::move(*t));
  CHECK(reader.issues().empty());
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].https);
  CHECK(targets[1].https);
  CHECK_FALSE(targets[2].https);
}
