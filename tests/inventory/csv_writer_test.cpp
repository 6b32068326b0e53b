// inventory::csv_text: targets written for `scan --inventory` to read back unchanged (fix
// --verify re-scans the stored rows of the phones it changed this way).
#include <inventory/csv_reader.hpp>
#include <inventory/csv_writer.hpp>
#include <util/csv_cell.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace inventory;

TEST_CASE("csv_text: the CSV reader reads back the same targets, HTTPS, IPv6, quotes and extra columns included",
          "[inventory][fix]") {
  std::vector<Target> targets(3);
  targets[0].host = "10.1.2.3";
  targets[0].port = 8080;
  targets[0].device_name = "SEP00EBD5A1B2C3";
  targets[0].site = "LON-1";
  targets[0].description = "Finance, \"quiet\" room\nsecond line";
  targets[0].extra = {{"registration", "registered"}, {"httpd", "yes"}};
  targets[1].host = "2001:db8::1";
  targets[1].port = 80;
  targets[1].model = "CP-8841";
  targets[1].extra = {{"httpd", "no"}, {"owner", "=cmd"}};
  targets[2].host = "10.1.2.4";
  targets[2].port = 8443;
  targets[2].https = true;
  const std::string text = csv_text(targets);
  CHECK(text.rfind("address,name,model,site,description,registration,httpd,owner\n", 0) == 0);
  std::istringstream in(text);
  CsvReader reader(in, "changed-phones.csv");
  std::vector<Target> back;
  while (auto t = reader.next()) back.push_back(std::move(*t));
  CHECK(reader.issues().empty());
  REQUIRE(back.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back[i].address() == targets[i].address());
    CHECK(back[i].device_name == targets[i].device_name);
    CHECK(back[i].model == targets[i].model);
    CHECK(back[i].site == targets[i].site);
    CHECK(back[i].description == targets[i].description);
  }
  const auto extra = [](const Target& t, const std::string& key) {
    for (const auto& [k, v] : t.extra)
      if (k == key) return v;
    return std::string("<none>");
  };
  CHECK(extra(back[0], "registration") == "registered");
  CHECK(extra(back[1], "httpd") == "no");
  CHECK(extra(back[1], "owner") == "=cmd"); // read back as it was: this file is for phonesweep, not a spreadsheet
  CHECK(util::csv_cell("plain", util::Formulas::kept) == "plain");
  CHECK(util::csv_cell("a,b", util::Formulas::kept) == "\"a,b\"");
}
