// What a nightly run hands to other systems (issue 16): each phone as NDJSON matching the CSV phone
// for phone, runs as JSON, Prometheus metrics a real exposition-format parser reads, a change
// notification posted to a receiver on loopback (also one that is down), and a dry run that
// contacts nothing.
#include "ops_support.hpp"

#include <tests/support/loopback_server.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

using ops::Estate;
using namespace std::chrono_literals;
using test_support::slurp;

std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// RFC 4180 records (quoted cells may hold commas, quotes and line breaks; CRLF line ends).
std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      records.back().push_back(std::move(cell));
      cell.clear();
      records.emplace_back();
    } else {
      cell += c;
    }
  }
  if (records.back().empty()) records.pop_back();
  return records;
}

// A loopback port nothing listens on: bound, then closed.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  close(fd);
  return ntohs(a.sin_port);
}

std::string text_of(simdjson::ondemand::value v) {
  if (v.type() == simdjson::ondemand::json_type::null) return "";
  if (v.type() == simdjson::ondemand::json_type::number) return std::to_string(int64_t(v.get_int64()));
  if (v.type() == simdjson::ondemand::json_type::boolean) return bool(v.get_bool()) ? "yes" : "no";
  return std::string(std::string_view(v.get_string()));
}

} // namespace

TEST_CASE("ndjson: scan --ndjson and report --ndjson give every phone once, typed, matching the CSV phone for phone") {
  harness::FleetOptions o;
  o.phones = 300;
  Estate estate(o);
  const std::string streamed = estate.fleet.dir + "/scan.ndjson";
  const auto s = ops::run(estate.scan({"--quiet", "--ndjson", streamed}));
  REQUIRE(s.status == 1);
  const std::string csv = estate.fleet.dir + "/run.csv";
  const std::string reported = estate.fleet.dir + "/report.ndjson";
  REQUIRE(ops::run(ops::phonesweep({"report", "--db", estate.db, "--csv", csv, "--ndjson", reported}), 1min).status ==
          0);
  CHECK(slurp(streamed) == slurp(reported)); // the scan streamed the settled run: nothing changed after

  const auto records = csv_records(slurp(csv));
  REQUIRE(records.size() == 301);
  const auto& header = records[0];
  std::map<std::string, std::vector<std::string>> csv_by_address;
  for (std::size_t i = 1; i < records.size(); ++i) csv_by_address[records[i][1]] = records[i];

  simdjson::ondemand::parser parser;
  std::size_t phones = 0;
  for (const auto& line : text_lines(slurp(reported))) {
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc = parser.iterate(padded);
    simdjson::ondemand::object object = doc.get_object();
    CHECK(int64_t(object["run"].get_int64()) == 1);
    const std::string address(std::string_view(object["address"].get_string()));
    REQUIRE(csv_by_address.contains(address));
    const auto& row = csv_by_address.at(address);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == "address") continue;
      simdjson::ondemand::value value = object.find_field_unordered(header[c]);
      INFO(address << " " << header[c]);
      // The CSV defuses formulas with a leading quote; NDJSON keeps the value.
      std::string expected = row[c];
      const std::string got = text_of(value);
      if (expected != got && expected == "'" + got) expected = got;
      CHECK(got == expected);
    }
    simdjson::ondemand::object evidence = object.find_field_unordered("evidence").get_object();
    CHECK_FALSE(std::string_view(evidence["target_lookup"].get_string()).empty());
    csv_by_address.erase(address);
    ++phones;
  }
  CHECK(phones == 300);
  CHECK(csv_by_address.empty());
  CHECK(slurp(reported).find(estate.options.password) == std::string::npos);
}

TEST_CASE("ndjson: scan --ndjson - keeps standard output for the phones and puts the summary on stderr") {
  Estate estate(ops::slow_estate(20));
  const auto s = ops::run(estate.scan({"--quiet", "--ndjson", "-"}));
  REQUIRE(s.status <= 1);
  const auto out = text_lines(s.out);
  CHECK(out.size() == 20);
  for (const auto& line : out) CHECK(line.rfind("{\"run\":1,", 0) == 0);
  CHECK(s.err.find("run 1: 20 phones") != std::string::npos);
}

TEST_CASE("runs --json: one JSON object per run with its status, scope and counts per cause") {
  Estate estate(ops::slow_estate(20));
  // What each scan itself said ("run N: 20 phones, K ok, …"): the oracle runs --json must agree with.
  std::map<int64_t, int64_t> ok_said;
  for (int i = 0; i < 2; ++i) {
    const auto s = ops::run(estate.scan({"--quiet"}));
    REQUIRE(s.status <= 1);
    long long run = 0, phones = 0, ok = 0;
    REQUIRE(std::sscanf(s.out.c_str(), "run %lld: %lld phones, %lld ok", &run, &phones, &ok) == 3);
    ok_said[run] = ok;
  }
  const auto r = ops::run(ops::phonesweep({"runs", "--db", estate.db, "--json"}), 1min);
  REQUIRE(r.status == 0);
  const auto out = text_lines(r.out);
  REQUIRE(out.size() == 2);
  simdjson::ondemand::parser parser;
  for (const auto& line : out) {
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc = parser.iterate(padded);
    CHECK(std::string_view(doc["status"].get_string()) == "completed");
    CHECK(std::string_view(doc["scope"].get_string()) == "full");
    CHECK(int64_t(doc["recorded"].get_int64()) == 20);
    const int64_t run = doc["run"].get_int64();
    const int64_t ok = doc["ok"].get_int64();
    const int64_t failing = doc["failing"].get_int64();
    REQUIRE(ok_said.count(run) == 1);
    CHECK(ok == ok_said[run]);
    CHECK(failing == 20 - ok_said[run]);
    int64_t by_cause = 0, ok_by_cause = 0;
    for (auto field : doc["causes"].get_object()) {
      const std::string_view cause = field.unescaped_key();
      const int64_t count = field.value().get_int64();
      by_cause += count;
      if (cause == "ok") ok_by_cause = count;
    }
    CHECK(by_cause == 20);
    CHECK(ok_by_cause == ok_said[run]);
  }
}

TEST_CASE("metrics-file: the Prometheus text format, read by prometheus_client's parser, with phones per cause and per "
          "site") {
  harness::FleetOptions o;
  o.phones = 200;
  Estate estate(o);
  const std::string metrics = estate.fleet.dir + "/phonesweep.prom";
  const auto s = ops::run(estate.scan({"--quiet", "--metrics-file", metrics}));
  REQUIRE(s.status == 1);
  // The exposition-format parser of python3-prometheus-client (scripts/setup); it raises on any
  // line it cannot read. Prints "family type sample labels value" per sample.
  const std::string script = estate.fleet.dir + "/parse.py";
  ops::write_file(script, "import sys\n"
                          "from prometheus_client.parser import text_string_to_metric_families\n"
                          "for f in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
                          "    for s in f.samples:\n"
                          "        print(f.name, f.type, s.name, sorted(s.labels.items()), s.value)\n");
  harness::Launch parse;
  parse.argv = {"/usr/bin/python3", script, metrics};
  parse.capture_stderr = true;
  const auto parsed = ops::run(parse, 1min);
  INFO(parsed.err << slurp(metrics));
  REQUIRE(parsed.status == 0);
  double by_cause = 0, by_site = 0;
  std::map<std::string, double> single;
  for (const auto& line : text_lines(parsed.out)) {
    const double value = std::stod(line.substr(line.rfind(' ') + 1));
    if (line.rfind("phonesweep_phones gauge phonesweep_phones [('cause'", 0) == 0) by_cause += value;
    else if (line.rfind("phonesweep_site_phones gauge", 0) == 0) by_site += value;
    else single[line.substr(0, line.find(' '))] = value;
  }
  CHECK(by_cause == 200);
  CHECK(by_site == 200);
  CHECK(single["phonesweep_run_exit_status"] == 1);
  CHECK(single["phonesweep_run_duration_seconds"] > 0);
  CHECK(single["phonesweep_last_completion_timestamp_seconds"] > 1.7e9);
  CHECK(single["phonesweep_screenshot_requests"] > 0); // the parser names a counter without _total
  CHECK(single["phonesweep_cucm_authentications"] >= single["phonesweep_screenshot_requests"]);
  CHECK(single.contains("phonesweep_failed_logons"));
  CHECK(slurp(metrics).find("phonesweep_screenshot_requests_total ") != std::string::npos);
}

TEST_CASE("notify-url: a completed run with newly failing phones posts one JSON document without credentials, an "
          "unchanged run posts none") {
  harness::FleetOptions o;
  o.phones = 200;
  Estate estate(o);
  std::vector<std::string> posts;
  std::mutex posts_mutex;
  test_support::LoopbackServer receiver([&](const std::string& request) -> std::optional<std::string> {
    std::lock_guard lock(posts_mutex);
    posts.push_back(request);
    return test_support::http_response(200, "ok");
  });
  const auto first = ops::run(estate.scan({"--quiet", "--notify-url", receiver.url() + "/hook", "--notify-report",
                                           "https://reports.example/phonesweep.html"}));
  CHECK(first.status == 1);
  std::string body;
  {
    std::lock_guard lock(posts_mutex);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].rfind("POST /hook ", 0) == 0);
    CHECK(posts[0].find("Content-Type: application/json") != std::string::npos);
    CHECK(posts[0].find("Authorization") == std::string::npos);
    CHECK(posts[0].find(estate.options.password) == std::string::npos);
    body = test_support::request_body(posts[0]);
  }
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc = parser.iterate(padded);
  const int64_t newly = doc["newly_failing"].get_int64();
  CHECK(newly > 50); // the default mix fails about a quarter of the phones
  CHECK(int64_t(doc["fixed"].get_int64()) == 0);
  std::size_t listed = 0;
  for (auto phone : doc["newly_failing_phones"].get_array()) {
    CHECK(std::string_view(phone["root_cause"].get_string()) != "ok");
    ++listed;
  }
  CHECK(listed == 50);
  CHECK(int64_t(doc["newly_failing_not_listed"].get_int64()) == newly - 50);
  CHECK(std::string_view(doc["report"].get_string()) == "https://reports.example/phonesweep.html");

  const auto second = ops::run(estate.scan({"--quiet", "--notify-url", receiver.url() + "/hook"}));
  CHECK(second.status == 1);
  std::lock_guard lock(posts_mutex);
  CHECK(posts.size() == 1); // nothing changed: no notification
}

TEST_CASE("notify-url: a receiver that is down or answers 503 is retried with back-off and never fails the run") {
  Estate estate(ops::slow_estate(20));
  SECTION("down: a warning after the retries, exit status as without --notify-url") {
    const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/hook";
    const auto s = ops::run(estate.scan({"--quiet", "--notify-url", url, "--notify-retries", "2", "--notify-backoff",
                                         "0.05", "--notify-timeout", "1"}));
    INFO(s.out << s.err);
    CHECK(s.status == 1);
    CHECK(s.err.find("was not delivered after 3 attempts") != std::string::npos);
    CHECK(text_lines(s.out).size() == 1);
  }
  SECTION("503 twice, then 200: delivered on the third attempt") {
    std::atomic<int> seen{0};
    test_support::LoopbackServer receiver([&](const std::string&) -> std::optional<std::string> {
      return test_support::http_response(++seen <= 2 ? 503 : 200, "");
    });
    const auto s = ops::run(estate.scan({"--quiet", "--notify-url", receiver.url(), "--notify-backoff", "0.05"}));
    INFO(s.err);
    CHECK(s.status == 1);
    CHECK(seen == 3);
    CHECK(s.err.find("notification") == std::string::npos);
  }
  SECTION("a URL holding user information is refused before anything is asked") {
    const auto s = ops::run(estate.scan({"--notify-url", "http://user:pw@127.0.0.1:9/"}), 1min);
    CHECK(s.status == 2);
    CHECK(s.err.find("pw") == std::string::npos);
  }
}

TEST_CASE("dry-run: prints the phones in scope and the most requests and CUCM authentications, contacts nothing") {
  Estate estate(ops::slow_estate(40));
  test_support::LoopbackServer cucm([](const std::string&) { return test_support::http_response(200, ""); });
  const std::string phones_before = test_support::http_get(estate.fleet.cucm_url + "/stats");
  auto launch =
      estate.scan({"--dry-run", "--shard", "1/2", "--axl", cucm.url()}, {{"--cucm", cucm.url()}, {"--auth-rate", "4"}});
  launch.env.erase("PHONESWEEP_PASSWORD"); // the password is not even read
  const auto s = ops::run(launch, 1min);
  INFO(s.out << s.err);
  REQUIRE(s.status == 0);
  const auto count_line = s.out.find("phones in scope: ");
  REQUIRE(count_line != std::string::npos);
  const long phones = std::stol(s.out.substr(count_line + 17));
  CHECK(phones > 5);
  CHECK(phones < 35); // about half of 40
  CHECK(s.out.find(fmt::format("requests, at most: {} ", phones * 9 + 2)) != std::string::npos);
  CHECK(s.out.find(fmt::format("CUCM authentications, at most: {} ", phones * 2 + 2)) != std::string::npos);
  CHECK(s.out.find(fmt::format("{} screenshots at --auth-rate 4/s", phones)) != std::string::npos);
  CHECK(cucm.connections() == 0);
  CHECK(test_support::http_get(estate.fleet.cucm_url + "/stats") == phones_before);
  struct stat st {};
  CHECK(stat(estate.db.c_str(), &st) != 0); // no database created
}
