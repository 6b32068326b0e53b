#include <util/paths.hpp>

#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using test_support::TempDir;

TEST_CASE("resolve_for_writing: links, . and .. resolve to one path, a dangling link is refused", "[util]") {
  TempDir dir;
  const std::string real = std::filesystem::canonical(dir.file("")).string();
  std::filesystem::create_directory(dir.file("sub"));
  std::ofstream(dir.file("db")) << "";
  REQUIRE(symlink(dir.file("db").c_str(), dir.file("link").c_str()) == 0);
  REQUIRE(symlink(dir.file("nowhere").c_str(), dir.file("dangling").c_str()) == 0);

  CHECK(util::resolve_for_writing(dir.file("db")).value() == real + "/db");
  CHECK(util::resolve_for_writing(dir.file("link")).value() == real + "/db");
  CHECK(util::resolve_for_writing(dir.file("sub/../new")).value() == real + "/new");
  const auto dangling = util::resolve_for_writing(dir.file("dangling"));
  REQUIRE_FALSE(dangling);
  CHECK_THAT(dangling.error(), Catch::Contains("dangling") || Catch::Contains("does not exist"));
  CHECK_FALSE(util::resolve_for_writing(dir.file("no/such/x")));
}
