#include <util/nearest.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

TEST_CASE("nearest: a typo finds the word meant, an unrelated word finds nothing", "[util][nearest]") {
  const std::vector<std::string> commands{"scan", "report", "runs", "merge", "prune", "discover", "fix"};
  CHECK(util::nearest("scna", commands) == "scan"); // two letters swapped
  CHECK(util::nearest("reprot", commands) == "report");
  CHECK(util::nearest("Scan", commands) == "scan");     // case ignored
  CHECK(util::nearest("disc", commands) == "discover"); // the only one it begins
  CHECK_FALSE(util::nearest("backup", commands));
  CHECK_FALSE(util::nearest("", commands));
  const std::vector<std::string> keys{"timeout", "connect-timeout", "auth-rate"};
  CHECK(util::nearest("timout", keys) == "timeout");
  CHECK(util::nearest("auth-rte", keys) == "auth-rate");
  CHECK(util::edit_distance("kitten", "sitting") == 3);
}
