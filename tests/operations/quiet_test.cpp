// Quiet means quiet (issue 16): a nightly job's mail holds one summary line and one more per real
// problem, whatever the options; lists go to the report; JSON logs cover every line; a long run
// that is not on a terminal logs progress lines.
#include "ops_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using ops::Estate;
using namespace std::chrono_literals;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::size_t count_containing(const std::vector<std::string>& all, const std::string& what) {
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [&](const std::string& l) { return l.find(what) != std::string::npos; }));
}

// The default mix: about 7% of the phones are outside the user's controlled devices, as in an
// estate where devices were added after the application user was set up.
harness::FleetOptions axl_estate() {
  harness::FleetOptions o;
  o.phones = 400;
  return o;
}

} // namespace

TEST_CASE("quiet with --axl: one summary line on stdout and only warnings on stderr, no line per uncontrolled phone") {
  Estate estate(axl_estate());
  const auto s = ops::run(estate.scan({"--quiet", "--axl", estate.fleet.soap_url}));
  INFO(s.out << s.err);
  CHECK(s.status == 1);
  REQUIRE(lines(s.out).size() == 1);
  CHECK(lines(s.out)[0].find("400 phones") != std::string::npos);
  const auto err = lines(s.err);
  for (const auto& line : err) CHECK(line.rfind("phonesweep: warning: ", 0) == 0);
  CHECK(err.size() <= 3); // fleetsim's CUCM is plain HTTP: --cucm and --axl each earn a warning
  CHECK(count_containing(err, "preflight:") == 0);

  // A shard of the sweep, and JSON logs: still one summary and warnings only.
  const auto shard = ops::run(estate.scan({"--quiet", "--axl", estate.fleet.soap_url, "--shard", "2/3"},
                                          {{"--db", estate.fleet.dir + "/shard.db"}}));
  INFO(shard.out << shard.err);
  REQUIRE(lines(shard.out).size() == 1);
  for (const auto& line : lines(shard.err)) CHECK(line.rfind("phonesweep: warning: ", 0) == 0);
  CHECK(lines(shard.err).size() <= 3);
  const auto json = ops::run(estate.scan({"--quiet", "--axl", estate.fleet.soap_url, "--log-format", "json"},
                                         {{"--db", estate.fleet.dir + "/json.db"}}));
  REQUIRE(lines(json.out).size() == 1);
  for (const auto& line : lines(json.err)) CHECK(line.find("\"level\":\"warning\"") != std::string::npos);
}

TEST_CASE("axl preflight without --quiet names the first 20 uncontrolled phones and counts the rest") {
  Estate estate(axl_estate());
  const auto s = ops::run(estate.scan({"--axl", estate.fleet.soap_url}));
  INFO(s.err);
  const auto err = lines(s.err);
  const std::size_t named = count_containing(err, "preflight:   SEP");
  CHECK(named == 20);
  CHECK(count_containing(err, "more: the HTML report names them") == 1);
  CHECK(count_containing(err, "inventory phones are not controlled by") == 1);
}

TEST_CASE("log-format json with --axl: every line on stderr is a JSON object, the uncontrolled phones as fields") {
  Estate estate(axl_estate());
  const auto s = ops::run(estate.scan({"--log-format", "json", "--axl", estate.fleet.soap_url}));
  INFO(s.err);
  const auto err = lines(s.err);
  REQUIRE_FALSE(err.empty());
  for (const auto& line : err) {
    CHECK(line.rfind("{\"ts\":\"", 0) == 0);
    CHECK(line.back() == '}');
  }
  CHECK(count_containing(err, "\"event\":\"axl_not_controlled\"") == 1);
  CHECK(count_containing(err, "\"event\":\"axl_not_controlled_phone\"") == 20);
  CHECK(s.err.find(estate.options.password) == std::string::npos);
}

TEST_CASE("log-format json applies to the other subcommands: prune output and report errors are JSON lines") {
  Estate estate(ops::slow_estate(20));
  REQUIRE(ops::run(estate.scan({"--quiet"})).status <= 1);
  const auto pruned =
      ops::run(ops::phonesweep({"prune", "--db", estate.db, "--keep", "5", "--log-format", "json"}), 1min);
  CHECK(pruned.status == 0);
  CHECK(pruned.out.rfind("{\"ts\":\"", 0) == 0);
  const auto missing = ops::run(
      ops::phonesweep({"report", "--db", estate.fleet.dir + "/none.db", "--csv", "-", "--log-format", "json"}), 1min);
  CHECK(missing.status == 2);
  REQUIRE_FALSE(lines(missing.err).empty());
  for (const auto& line : lines(missing.err)) CHECK(line.rfind("{\"ts\":\"", 0) == 0);
}

TEST_CASE("progress-every: a run whose stderr is not a terminal logs progress lines, none with --quiet") {
  Estate estate(ops::slow_estate(60));
  auto set = ops::slow_scan();
  set["--progress-every"] = "0.2";
  const auto logged = ops::run(estate.scan({}, set));
  INFO(logged.err);
  const auto err = lines(logged.err);
  CHECK(count_containing(err, "phonesweep: info: progress: ") >= 2);
  CHECK(count_containing(err, " phones") >= 2);

  const auto quiet = ops::run(estate.scan({"--quiet"}, set));
  CHECK(quiet.err.find("progress") == std::string::npos);

  const auto refused = ops::run(estate.scan({}, {{"--progress-every", "-1"}}), 1min);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("--progress-every") != std::string::npos);
}
