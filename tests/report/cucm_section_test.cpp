// The report's "What the CUCM said" section (scan --axl, --cucm-discover) and the remedies of
// the root causes the CUCM proves.
#include <report/html.hpp>
#include <report/remedies.hpp>
#include <storage/cucm_view.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using diagnosis::RootCause;
using test_support::TempDir;

namespace {

std::string render(storage::Database& db, std::int64_t run, report::HtmlOptions options = {}) {
  std::ostringstream out;
  report::write_html(out, db, run, std::nullopt, options);
  REQUIRE(out.good());
  return out.str();
}

std::string section(const std::string& page) {
  const auto from = page.find("<section id=\"cucm\">");
  if (from == std::string::npos) return {};
  return page.substr(from, page.find("</section>", from) - from);
}

} // namespace

TEST_CASE("the causes the CUCM proves come with remedies", "[report][cucm]") {
  for (const auto cause : {RootCause::unregistered, RootCause::web_disabled, RootCause::missing_roles,
                           RootCause::not_associated, RootCause::bad_credentials}) {
    INFO(diagnosis::to_string(cause));
    const auto& guide = report::guide(cause);
    CHECK_FALSE(guide.title.empty());
    CHECK_FALSE(guide.evidence.empty());
    CHECK(guide.steps.size() >= 2);
  }
  CHECK_THAT(std::string(report::guide(RootCause::missing_roles).steps.front()),
             Catch::Contains("Standard CTI Enabled"));
  CHECK_THAT(std::string(report::guide(RootCause::web_disabled).steps.front()), Catch::Contains("Web Access"));
}

TEST_CASE("the AXL preflight follows the answer: user, groups, missing roles, uncontrolled phones folded",
          "[report][cucm]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"remote-app"})", "test", 4});
  std::vector<storage::PhoneRecord> records;
  for (int i = 0; i < 4; ++i)
    records.push_back(test_support::sample_record(i, i < 2 ? RootCause::ok : RootCause::missing_roles));
  records[3].target.device_name.clear();
  db->insert_batch(run, records);

  SECTION("without --axl there is no such section") {
    const auto page = render(*db, run);
    CHECK(section(page).empty());
    CHECK(page.find("href=\"#cucm\"") == std::string::npos);
  }
  SECTION("with it, the facts and the phones the user does not control") {
    storage::CucmView view;
    view.axl.emplace();
    view.axl->url = "https://cucm:8443";
    view.axl->operation = "getAppUser";
    view.axl->user = "remote-app";
    view.axl->exists = true;
    view.axl->groups = {"Standard CCM End Users", "<b>odd</b>"};
    view.axl->missing_groups = {"Standard CTI Enabled"};
    // Controls phone 0 (stored in any case), not phones 1 and 2; phone 3 has no name.
    for (char& c : records[0].target.device_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    view.axl->controlled = {records[0].target.device_name};
    db->set_run_cucm(run, storage::encode_cucm_view(view));
    const auto page = render(*db, run);
    const auto cucm = section(page);
    REQUIRE_FALSE(cucm.empty());
    // Issue 15: after the cause chart and sections, its list of phones folded (it used to come first).
    CHECK(page.find("id=\"causes\"") < page.find("<section id=\"cucm\">"));
    CHECK_THAT(cucm, Catch::Contains("<details class=\"phones\" id=\"not-controlled\">"));
    CHECK(page.find("href=\"#cucm\"") != std::string::npos);
    CHECK_THAT(cucm, Catch::Contains("getAppUser remote-app at https://cucm:8443"));
    CHECK_THAT(cucm, Catch::Contains("Standard CCM End Users"));
    CHECK_THAT(cucm, Catch::Contains("&lt;b&gt;odd&lt;/b&gt;"));
    CHECK_THAT(cucm, Catch::Contains("Standard CTI Enabled") && Catch::Contains("missing_roles"));
    CHECK_THAT(cucm, Catch::Contains("2 phones not controlled by remote-app"));
    CHECK_THAT(cucm, Catch::Contains(records[1].target.device_name) && Catch::Contains(records[2].target.device_name));
    CHECK(cucm.find(">" + records[0].target.device_name + "<") == std::string::npos);
    CHECK_THAT(cucm, Catch::Contains("1 phone without a device name"));
  }
  SECTION("a user AXL does not know is said plainly") {
    storage::CucmView view;
    view.axl.emplace();
    view.axl->operation = "getUser";
    view.axl->user = "nobody";
    view.axl->exists = false;
    db->set_run_cucm(run, storage::encode_cucm_view(view));
    CHECK_THAT(section(render(*db, run)), Catch::Contains("no: the CUCM has no such user"));
  }
  SECTION("an inventory from the CUCM names the phones it could not scan") {
    storage::CucmView view;
    view.discovery.emplace();
    view.discovery->url = "https://cucm:8443";
    view.discovery->name_pattern = "SEP%";
    view.discovery->phones = 5;
    view.discovery->unregistered = 2;
    view.discovery->web_disabled = 1;
    view.discovery->without_address = {"SEP999999999999"};
    db->set_run_cucm(run, storage::encode_cucm_view(view));
    const auto cucm = section(render(*db, run));
    CHECK_THAT(cucm, Catch::Contains("Inventory from the CUCM") && Catch::Contains("name like SEP%"));
    CHECK_THAT(cucm, Catch::Contains("1 phone without an address in RisPort") && Catch::Contains("SEP999999999999"));
  }
}

TEST_CASE("the missing_roles remedy names the All Devices group as the CUCM ships it, not as the guide spells it",
          "[report][cucm]") {
  std::string steps;
  for (const auto step : report::guide(RootCause::missing_roles).steps) steps += std::string(step) + '\n';
  CHECK_THAT(steps, Catch::Contains("\"Standard CTI Allow Control of All Devices\""));
  CHECK(steps.find("\"Standard CTI Allow Control of All Phones\"") == std::string::npos);
}

TEST_CASE("the RisPort70 lookup of an inventory is shown with its counts and names the unchecked phones, capped",
          "[report][cucm]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"remote-app"})", "test", 2});
  const std::vector<storage::PhoneRecord> records{test_support::sample_record(0, RootCause::ok),
                                                  test_support::sample_record(1, RootCause::unregistered)};
  db->insert_batch(run, records);
  storage::CucmView view;
  view.risport.emplace();
  view.risport->url = "https://cucm:8443";
  view.risport->by_name = 1990;
  view.risport->by_address = 8;
  view.risport->requests = 3;
  view.risport->known = 1995;
  view.risport->unregistered = 10;
  view.risport->web_disabled = 4;
  view.risport->moved = 2;
  view.risport->not_found = {"SEP000000000009"};
  for (int i = 0; i < 30; ++i) view.risport->unchecked.push_back("phone-" + std::to_string(i) + ".example.net");
  db->set_run_cucm(run, storage::encode_cucm_view(view));
  report::HtmlOptions options;
  options.phones_per_section = 20;
  const auto page = render(*db, run, options);
  const auto cucm = section(page);
  REQUIRE_FALSE(cucm.empty());
  CHECK(page.find("href=\"#cucm\"") != std::string::npos);
  CHECK_THAT(cucm, Catch::Contains("RisPort70: the inventory's phones"));
  CHECK_THAT(cucm, Catch::Contains("1,990 by device name, 8 by IPv4 address (3 requests, 0 throttled)"));
  CHECK_THAT(cucm, Catch::Contains("<th>Registered from another address than the inventory</th><td>2</td>"));
  CHECK_THAT(cucm, Catch::Contains("1 phone unknown to RisPort") && Catch::Contains("SEP000000000009"));
  CHECK_THAT(cucm, Catch::Contains("30 phones unchecked") && Catch::Contains("phone-19.example.net"));
  CHECK(cucm.find("phone-20.example.net") == std::string::npos); // the first 20, then "…"

  view.risport->error = "RisPort selectCmDeviceExt: HTTP 403";
  db->set_run_cucm(run, storage::encode_cucm_view(view));
  CHECK_THAT(section(render(*db, run)), Catch::Contains("HTTP 403 (the run went on without RisPort's view)"));
}

TEST_CASE(
    "failing phones' rows show RisPort's registration, since when, the node and the load against the phone's firmware",
    "[report][cucm]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = db->begin_run({R"({"user":"remote-app"})", "test", 2});
  auto off = test_support::sample_record(0, RootCause::unregistered);
  off.evidence.device.firmware = "sip88xx.14-1-1-0001-136";
  off.target.extra = {{"registration", "unregistered"},
                      {"httpd", "yes"},
                      {"registered_ip", "10.0.0.0"},
                      {"cucm_node", "cucm-sub2"},
                      {"registered_at", "2024-05-28T12:40:00Z"},
                      {"active_load", "sip88xx.14-2-1-0001-14"}};
  auto plain = test_support::sample_record(1, RootCause::unreachable);
  db->insert_batch(run, std::vector<storage::PhoneRecord>{off, plain});
  const auto page = render(*db, run);
  const auto unregistered = page.substr(page.find("<section id=\"cause-unregistered\""));
  CHECK_THAT(unregistered, Catch::Contains("<th>CUCM (RisPort70)</th>"));
  CHECK_THAT(unregistered, Catch::Contains("<td>unregistered since 2024-05-28T12:40:00Z, cucm-sub2, load "
                                           "sip88xx.14-2-1-0001-14 (the phone reports sip88xx.14-1-1-0001-136)</td>"));
  const auto unreachable = page.substr(page.find("<section id=\"cause-unreachable\""));
  CHECK_THAT(unreachable, Catch::Contains("<td>" + plain.target.host + "</td>"));
}
