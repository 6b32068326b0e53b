// What `fix` plans from a diagnosis and the user as AXL shows it, what an undo takes back, and
// what it prints and writes: without a network (app/fix_change.hpp, app/fix_report.hpp).
#include <app/fix_change.hpp>
#include <app/fix_report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace app;
using diagnosis::RootCause;
using Names = std::vector<std::string>;

namespace {

FixPhone phone(std::string device, RootCause cause, std::string site = "LON-1") {
  FixPhone p;
  p.target.host = "10.0.0." + std::to_string(device.size() + device.back());
  p.target.port = 80;
  p.target.site = site;
  p.target.device_name = device;
  p.device = std::move(device);
  p.cause = cause;
  return p;
}

cucm::AxlUser user(Names devices, Names groups) {
  cucm::AxlUser u;
  u.userid = "phonesweep-app";
  u.devices = std::move(devices);
  for (auto& g : groups) u.groups.push_back({g, {g}});
  u.devices_listed = u.groups_listed = true;
  return u;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string temp_file(const std::string& name) {
  std::string dir = (std::filesystem::temp_directory_path() / "phonesweep-fix-test-XXXXXX").string();
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  return dir + "/" + name;
}

} // namespace

TEST_CASE("plan: the devices the user lacks, upper-cased, and the CTI group by the CUCM's name when the run found "
          "missing_roles",
          "[app][fix]") {
  FixDiagnosis d;
  d.by_axl = {phone("sep00ebd5000001", RootCause::not_associated), phone("SEP00EBD5000002", RootCause::missing_roles),
              phone("SEP00EBD5000003", RootCause::not_associated)};
  d.missing_roles = 1;
  d.axl = storage::AxlView{};
  d.axl->controlled = {"SEP00EBD5000002", "SEP00EBD5000009"};
  d.axl->groups = {"Standard AXL API Access"};
  const auto plan = plan_user(d, user({"SEP00EBD5000002", "SEP00EBD5000003"},
                                      {"Standard AXL API Access", "Standard CTI Allow Control of All Phones"}));
  CHECK(plan.change.add_devices == Names{"SEP00EBD5000001"});
  CHECK(plan.change.add_groups == Names{"Standard CTI Enabled"});
  CHECK(plan.change.remove_devices.empty());
  REQUIRE(plan.associating.size() == 1);
  CHECK(plan.associating[0]->device == "sep00ebd5000001");
  REQUIRE(plan.phones.size() == 2); // the one associated, and the missing_roles phone the group changes
  CHECK(plan.phones[1]->device == "SEP00EBD5000002");
  CHECK(plan.already_controlled == 2);
  CHECK(plan.run_saw_user);
  CHECK(plan.lost.devices == Names{"SEP00EBD5000009"}); // someone removed it since the run
  CHECK(plan.lost.groups.empty());

  SECTION("a user that has it all needs nothing: applying twice adds nothing the second time") {
    const auto again =
        plan_user(d, user({"SEP00EBD5000001", "SEP00EBD5000002", "SEP00EBD5000003"}, {"Standard CTI Enabled"}));
    CHECK(again.change.empty());
    CHECK(again.phones.empty());
  }
  SECTION("no missing_roles phone: no group, whatever the user lacks") {
    d.missing_roles = 0;
    CHECK(plan_user(d, user({}, {})).change.add_groups.empty());
  }
}

TEST_CASE("undo takes back what the change's accepted writes did, and keeps what others added since", "[app][fix]") {
  storage::Change change;
  change.added = {{"SEP00EBD5000001", "SEP00EBD5000002"}, {"Standard CTI Enabled"}};
  change.removed = {{"SEP00EBD5000007"}, {}};
  const auto now = user({"SEP00EBD5000001", "SEP00EBD5000005"}, {"Standard CTI Enabled", "Standard AXL API Access"});
  const auto needed = plan_undo(change, now);
  CHECK(needed.remove_devices == Names{"SEP00EBD5000001"}); // SEP…02 is gone already
  CHECK(needed.remove_groups == Names{"Standard CTI Enabled"});
  CHECK(needed.add_devices == Names{"SEP00EBD5000007"});
  CHECK(cucm::changed_devices(now.devices, needed.add_devices, needed.remove_devices) ==
        Names{"SEP00EBD5000005", "SEP00EBD5000007"});
}

TEST_CASE("the plan prints counts, then at most 20 names, and points at the file with them all", "[app][fix]") {
  FixDiagnosis d;
  for (int i = 0; i < 25; ++i)
    d.by_axl.push_back(phone(fmt::format("SEP00EBD50000{:02}", i), RootCause::not_associated));
  d.run.id = 7;
  d.run.recorded = 40;
  const auto plan = plan_user(d, user({}, {}));
  std::ostringstream out;
  print_plan(out, {d, plan, "https://cucm:8443", false, 10, 1.5, false});
  const std::string text = out.str();
  CHECK(text.find("add 25 devices to the controlled devices, in 3 writes") != std::string::npos);
  CHECK(text.find("SEP00EBD5000019") != std::string::npos);
  CHECK(text.find("SEP00EBD5000020") == std::string::npos);
  CHECK(text.find("(the first 20 of 25; --bat FILE lists them all)") != std::string::npos);
  CHECK(text.find("the run has no AXL view of the user") != std::string::npos);
  std::ostringstream quiet;
  print_plan(quiet, {d, plan, "https://cucm:8443", false, 10, 1.5, true});
  CHECK(quiet.str().find("SEP00EBD5000000") == std::string::npos);
}

TEST_CASE("fix --bat lists every addition with its operation, and a cell a spreadsheet would run is defused",
          "[app][fix]") {
  UserPlan plan;
  plan.change.add_devices = {"SEP00EBD5000001", "=HYPERLINK(\"http://x\")"};
  plan.change.add_groups = {"Standard CTI Enabled"};
  const std::string path = temp_file("bat.csv");
  write_bat(path, plan, "phonesweep-app", false);
  CHECK(slurp(path) == "OPERATION,USER TYPE,USER ID,CONTROLLED DEVICE,ACCESS CONTROL GROUP\r\n"
                       "add controlled device,application user,phonesweep-app,SEP00EBD5000001,\r\n"
                       "add controlled device,application user,phonesweep-app,\"'=HYPERLINK(\"\"http://x\"\")\",\r\n"
                       "add access control group,application user,phonesweep-app,,Standard CTI Enabled\r\n");
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("fix --manual-csv: one row a phone, the step its cause needs and, for auth_url_dns, its URL", "[app][fix]") {
  FixDiagnosis d;
  d.manual = {phone("SEP00EBD5000001", RootCause::itl_trust, "BER"), phone("SEP00EBD5000002", RootCause::auth_url_dns)};
  d.manual[1].auth_url = "http://cucm-old.example:8080/ccmcip/authenticate.jsp";
  const std::string path = temp_file("manual.csv");
  write_manual_csv(path, d);
  const std::string csv = slurp(path);
  CHECK(csv.rfind("root_cause,site,device_name,address,model,action,auth_url,detail\r\n", 0) == 0);
  CHECK(csv.find("itl_trust,BER,SEP00EBD5000001,") != std::string::npos);
  CHECK(csv.find("Reset Security Settings") != std::string::npos);
  CHECK(csv.find("URL Authentication") != std::string::npos);
  CHECK(csv.find(",http://cucm-old.example:8080/ccmcip/authenticate.jsp,") != std::string::npos);
  std::ostringstream out;
  print_manual_steps(out, d, false);
  CHECK(out.str().find("1 phone uses http://cucm-old.example:8080/ccmcip/authenticate.jsp") != std::string::npos);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}
