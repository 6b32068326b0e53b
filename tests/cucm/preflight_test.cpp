// What AXL's answer says about the scan's user. The causes these facts prove are diagnose()'s
// (tests/diagnosis/cucm_phone_view_test.cpp).
#include <cucm/preflight.hpp>

#include <catch2/catch.hpp>

TEST_CASE("AXL assessment finds missing CTI groups and controlled devices, case-insensitively", "[cucm][preflight]") {
  cucm::AxlUser user;
  user.userid = "app";
  user.devices = {"sep001122334455"};
  user.groups = {{"Standard AXL API Access", {"Standard AXL API Access"}}};
  auto assessed = cucm::assess(user);
  CHECK(assessed.missing_groups == std::vector<std::string>{"Standard CTI Enabled"});
  CHECK(cucm::controls(assessed, "SEP001122334455"));
  CHECK_FALSE(cucm::controls(assessed, "SEP00112233445A"));
  user.groups.push_back({"Custom remote control", {"standard cti enabled"}});
  CHECK(cucm::assess(user).missing_groups.empty());
}
