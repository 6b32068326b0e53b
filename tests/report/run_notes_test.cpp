// The report's Run table on credentials and load: the authenticated caps (with all shards' total),
// what the run learnt about its credentials, and what a run without --cucm could not tell.
#include <report/html.hpp>
#include <report/run_notes.hpp>
#include <storage/credentials_view.hpp>
#include <tests/report/report_support.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using diagnosis::RootCause;
using test_support::TempDir;

namespace {

std::string run_table(storage::Database& db, std::int64_t run) {
  std::ostringstream out;
  report::write_html(out, db, run, std::nullopt, {});
  const std::string page = out.str();
  const auto from = page.find("<table class=\"run\">");
  REQUIRE(from != std::string::npos);
  return page.substr(from, page.find("</table>", from) - from);
}

std::int64_t run_with(storage::Database& db, const std::string& options, std::vector<RootCause> causes) {
  const auto run = db.begin_run({options, "test", static_cast<std::int64_t>(causes.size())});
  std::vector<storage::PhoneRecord> records;
  for (std::size_t i = 0; i < causes.size(); ++i)
    records.push_back(test_support::sample_record(static_cast<int>(i), causes[i]));
  db.insert_batch(run, records);
  db.finish_run(run, storage::RunStatus::completed);
  return run;
}

} // namespace

TEST_CASE("run table: the authenticated caps of a shard and of all shards together", "[report][credentials]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = run_with(*db,
                            R"({"cucm":"https://cucm:8443","auth_concurrency":2,"auth_rate":5,"max_failed_logons":2,)"
                            R"("shard":"","estate_auth":{"concurrency":8,"rate":20,"shards":4}})",
                            {RootCause::ok});
  const std::string table = run_table(*db, run);
  CHECK_THAT(table, Catch::Contains("<th>Authenticated requests</th><td>at most 2 in flight, 5/s per shard; "
                                    "all 4 shards together: 8 in flight, 20/s; one at a time until the "
                                    "credentials were accepted, none after 2 refused</td>"));
  CHECK(table.find("CUCM cross-check") == std::string::npos); // --cucm was given
}

TEST_CASE("run table: refused credentials are the run's first finding, with the failed logons they cost",
          "[report][credentials]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = run_with(*db, R"({"cucm":"https://cucm:8443","auth_concurrency":8,"auth_rate":20})",
                            {RootCause::bad_credentials, RootCause::bad_credentials});
  storage::CredentialsView view;
  view.verdict = "rejected";
  view.refused = {"SEP001122334455 (CUCM)", "SEP001122334466 (CUCM)"};
  view.failed_logons = 2;
  view.max_failed_logons = 2;
  view.message = "the credentials were refused by the CUCM for SEP001122334455 and <SEP001122334466>; reset "
                 "the hack count";
  db->set_run_credentials(run, storage::encode_credentials_view(view));
  const std::string table = run_table(*db, run);
  CHECK_THAT(table, Catch::Contains("<th>Credentials</th><td class=\"hot\">the credentials were refused by the "
                                    "CUCM for SEP001122334455 and &lt;SEP001122334466&gt;; reset the hack count</td>"));
  CHECK_THAT(table, Catch::Contains("<th>Failed logons caused</th><td class=\"hot\">2 (at most 2 allowed"));

  view = {};
  view.verdict = "accepted";
  view.accepted_by = "the CUCM for SEP001122334477";
  view.max_failed_logons = 2;
  db->set_run_credentials(run, storage::encode_credentials_view(view));
  const std::string accepted = run_table(*db, run);
  CHECK_THAT(accepted, Catch::Contains("<th>Credentials</th><td>accepted (the CUCM for SEP001122334477)</td>"));
  CHECK_THAT(accepted, Catch::Contains("<th>Failed logons caused</th><td>0 (at most 2 allowed"));
}

TEST_CASE("run table: without --cucm it says what cannot be told apart and counts the auth_failed phones",
          "[report][credentials]") {
  TempDir dir;
  auto db = storage::Database::open(dir.file("r.db"));
  REQUIRE(db);
  const auto run = run_with(*db, R"({"cucm":"","auth_concurrency":8,"auth_rate":20})",
                            {RootCause::ok, RootCause::auth_failed, RootCause::auth_failed, RootCause::auth_failed});
  const std::string table = run_table(*db, run);
  CHECK_THAT(table, Catch::Contains("<th>CUCM cross-check</th><td class=\"hot\">not asked (no --cucm): credential, "
                                    "association and ITL failures all look like Error 4 and cannot be told apart "
                                    "without the CUCM&#39;s verdict; 3 phones left auth_failed for that reason</td>"));
  // A run from before these notes (no such options, no credentials view) shows none of them.
  const auto old = run_with(*db, R"({"user":"remote-app"})", {RootCause::ok});
  const std::string plain = run_table(*db, old);
  CHECK(plain.find("Authenticated requests") == std::string::npos);
  CHECK(plain.find("Credentials") == std::string::npos);
  CHECK(plain.find("CUCM cross-check") == std::string::npos);
}
