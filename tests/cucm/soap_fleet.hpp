#pragma once
// Shared by the discover tests: fleetsim serving AXL and RisPort70 over HTTPS with a certificate
// made here with openssl, and the real `phonesweep discover` run against it.
#include <inventory/csv_reader.hpp>
#include <sim/harness/servers.hpp>
#include <tests/support/files.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace soap_test {

using namespace std::chrono_literals;

using test_support::http_get;
using test_support::json_number;
using test_support::slurp;

struct SoapFleet {
  harness::ChildProcess process;
  std::string dir;
  int port = 0;
  std::string cucm_url; // the authentication service's base (HTTP)
  std::string soap_url; // https://127.0.0.1:S
};

struct Tls {
  std::string cert;
  std::string key;
};

inline Tls make_certificate(const std::string& dir) {
  Tls tls{dir + "/cert.pem", dir + "/key.pem"};
  harness::Launch openssl;
  openssl.argv = {"/usr/bin/openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-keyout",
                  tls.key,
                  "-out",
                  tls.cert,
                  "-days",
                  "2",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1,DNS:localhost"};
  openssl.capture_stderr = true;
  const auto r = harness::run(openssl, 1min);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return tls;
}

inline std::map<std::string, std::string> ready_fields(const std::string& line) {
  std::map<std::string, std::string> fields;
  std::istringstream in(line);
  for (std::string word; in >> word;)
    if (const auto eq = word.find('='); eq != std::string::npos) fields[word.substr(0, eq)] = word.substr(eq + 1);
  return fields;
}

inline SoapFleet start(int phones, const Tls& tls, const std::string& dir, std::vector<std::string> extra = {},
                       const std::string& mix = "default") {
  harness::Launch launch;
  launch.argv = {harness::built_program("fleetsim"),
                 "--phones",
                 std::to_string(phones),
                 "--mix",
                 mix,
                 "--out",
                 dir + "/estate",
                 "--tls-cert",
                 tls.cert,
                 "--tls-key",
                 tls.key,
                 "--lifetime",
                 "900"};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  SoapFleet fleet{harness::ChildProcess(launch), dir, 0, {}, {}};
  for (;;) {
    const auto line = fleet.process.read_line(60s);
    REQUIRE(line);
    if (line->rfind("fleetsim ready", 0) != 0) continue;
    const auto fields = ready_fields(*line);
    fleet.port = std::stoi(fields.at("port"));
    fleet.cucm_url = fields.at("cucm");
    fleet.soap_url = fields.at("soap");
    return fleet;
  }
}

inline harness::RunResult discover(const SoapFleet& fleet, const std::string& out, std::vector<std::string> extra,
                                   const std::string& password = "sim-secret-Pa55") {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"),
                 "discover",
                 "--cucm",
                 fleet.soap_url,
                 "--user",
                 "phonesweep-app",
                 "-o",
                 out,
                 "--phone-port",
                 std::to_string(fleet.port)};
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = password;
  launch.capture_stderr = true;
  return harness::run(launch, 5min);
}

// `phonesweep scan` against fleetsim with what these tests share: the user and its password, the
// CUCM's authentication service, short timeouts, no auth rate. `scope` names the phones
// (--inventory FILE, or --cucm-discover URL …); `extra` adds options.
inline harness::RunResult run_scan(const SoapFleet& fleet, const std::string& db, std::vector<std::string> scope,
                                   const std::vector<std::string>& extra = {}) {
  harness::Launch launch;
  launch.argv = {harness::built_program("phonesweep"), "scan"};
  launch.argv.insert(launch.argv.end(), scope.begin(), scope.end());
  const std::vector<std::string> shared = {"--db",         db,          "--user", "phonesweep-app",    "--cucm",
                                           fleet.cucm_url, "--timeout", "2",      "--connect-timeout", "1",
                                           "--auth-rate",  "0"};
  launch.argv.insert(launch.argv.end(), shared.begin(), shared.end());
  launch.argv.insert(launch.argv.end(), extra.begin(), extra.end());
  launch.env["PHONESWEEP_PASSWORD"] = "sim-secret-Pa55";
  launch.capture_stderr = true;
  return harness::run(launch, 5min);
}

inline std::vector<inventory::Target> read_csv(const std::string& path) {
  std::ifstream in(path);
  inventory::CsvReader reader(in, path);
  std::vector<inventory::Target> rows;
  while (auto t = reader.next()) rows.push_back(std::move(*t));
  CHECK(reader.issues().empty());
  return rows;
}

inline std::string extra(const inventory::Target& t, const std::string& key) {
  for (const auto& [k, v] : t.extra)
    if (k == key) return v;
  return "<missing " + key + ">";
}

// `phonesweep report` of the database's newest run: its CSV and HTML.
struct Report {
  std::string csv;
  std::string html;
};

inline Report report_of(const std::string& dir, const std::string& db) {
  harness::Launch report;
  report.argv = {
      harness::built_program("phonesweep"), "report", "--db", db, "--csv", dir + "/r.csv", "--html", dir + "/r.html"};
  report.capture_stderr = true;
  const auto r = harness::run(report, 2min);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return {slurp(dir + "/r.csv"), slurp(dir + "/r.html")};
}

// How many rows of a report CSV have `cause` as their root_cause (read as a CSV: the cause's
// name is also a value of the registration column).
inline std::size_t rows_with(const std::string& csv, const std::string& cause) {
  std::istringstream in(csv);
  inventory::CsvReader reader(in, "report.csv");
  std::size_t n = 0;
  while (auto t = reader.next()) n += extra(*t, "root_cause") == cause;
  return n;
}

} // namespace soap_test
