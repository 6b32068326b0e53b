// The tests' main: libcurl and c-ares are initialised once for the process, as phonesweep's main
// does (util/net_libraries.hpp), before Catch2 runs anything.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <util/net_libraries.hpp>

int main(int argc, char* argv[]) {
  const util::NetLibraries libraries;
  return Catch::Session().run(argc, argv);
}
