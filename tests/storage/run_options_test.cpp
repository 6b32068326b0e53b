// runs.options_json as a typed struct: what a scan records, what --resume and merge compare field
// by field, and the JSON that earlier phonesweeps wrote by hand, which must still read.
#include <storage/run_options.hpp>

#include <catch2/catch.hpp>

namespace {

// Byte for byte what a scan of the previous release wrote (app/scan_command.cpp's options_json).
constexpr std::string_view written_by_hand =
    R"({"inventory":"a.csv,b.csv","targets":"","user":"remote-app","cucm":"https://cucm:8443/ccmcip/authenticate.jsp",)"
    R"("concurrency":256,"auth_concurrency":4,"auth_rate":10,"max_failed_logons":2,"timeout":10,"connect_timeout":2.5,)"
    R"("dns_server":"127.0.0.1:5353","shard":"1/2","scope":{"inventory":"a.csv,b.csv","targets":"","shard":"1/2",)"
    R"("only_failed":false},"axl":"https://cucm:8443","estate_auth":{"concurrency":8,"rate":20,"shards":2}})";

storage::RunOptions full() {
  storage::RunOptions o;
  o.inventory = "";
  o.targets = "10.0.0.0/30";
  o.user = "remote \"app\"";
  o.cucm = "";
  o.concurrency = 64;
  o.auth_concurrency = 2;
  o.auth_rate = 0.5;
  o.max_failed_logons = 1;
  o.timeout = 3;
  o.connect_timeout = 0.25;
  o.dns_server = "";
  o.shard = "";
  o.scope = storage::RunScope{"", "10.0.0.0/30", "", true, "https://cucm:8443", "SEP%"};
  o.canary_device = "SEP001122334455";
  o.merged_from = {{"s1.db", 3, "1/2", "2024-05-01T06:30:00Z", "2024-05-01T06:40:00Z"},
                   {"s2.db", 7, "2/2", "2024-05-01T06:30:01Z", "2024-05-01T06:41:00Z"}};
  return o;
}

} // namespace

TEST_CASE("run options: what a scan of the previous release wrote reads, and encodes to the same text",
          "[storage][run_options]") {
  const auto o = storage::decode_run_options(written_by_hand);
  REQUIRE(o);
  CHECK(o->inventory == "a.csv,b.csv");
  CHECK(o->concurrency == 256);
  CHECK(o->auth_rate == 10.0);
  CHECK(o->connect_timeout == 2.5);
  REQUIRE(o->scope);
  CHECK(o->scope->shard == "1/2");
  CHECK_FALSE(o->scope->only_failed);
  CHECK(o->scope->cucm_discover.empty());
  CHECK(o->axl == "https://cucm:8443");
  CHECK_FALSE(o->canary_device);
  REQUIRE(o->estate_auth);
  CHECK(o->estate_auth->shards == 2);
  CHECK(storage::encode_run_options(*o) == written_by_hand);
}

TEST_CASE("run options: every field round-trips, and absent ones stay absent", "[storage][run_options]") {
  const auto o = full();
  const auto back = storage::decode_run_options(storage::encode_run_options(o));
  REQUIRE(back);
  CHECK(*back == o);
  const auto older = storage::decode_run_options(R"({"user":"rcuser","concurrency":64})");
  REQUIRE(older);
  CHECK(older->user == "rcuser");
  CHECK_FALSE(older->auth_rate);
  CHECK_FALSE(older->scope);
  CHECK(storage::encode_run_options(*older) == R"({"user":"rcuser","concurrency":64})");
  CHECK(storage::encode_run_options({}) == "{}");
}

TEST_CASE("run options: no password is read or written, and damaged options do not decode", "[storage][run_options]") {
  const auto o = storage::decode_run_options(R"({"user":"u","password":"hunter2","Password_Env":"X","newer":[1]})");
  REQUIRE(o);
  CHECK(storage::encode_run_options(*o) == R"({"user":"u"})");
  CHECK_FALSE(storage::decode_run_options("not json"));
  CHECK_FALSE(storage::decode_run_options("[]"));
  CHECK_FALSE(storage::decode_run_options(R"({"concurrency":"64"})"));
  CHECK_FALSE(storage::decode_run_options(R"({"shard":7})"));
  CHECK_FALSE(storage::decode_run_options(R"({"scope":{"inventory":"a.csv"}})"));
  CHECK_FALSE(storage::decode_run_options(R"({"merged_from":[{"db":"a.db"}]})"));
}

TEST_CASE("run options: --resume continues a run of the same phones, field by field", "[storage][run_options]") {
  const auto stored = *storage::decode_run_options(written_by_hand);
  storage::RunScope scope{"a.csv,b.csv", "", "1/2", false, "", ""};
  CHECK(storage::covers_scope(stored, scope));
  for (auto other : {storage::RunScope{"a.csv", "", "1/2", false, "", ""},
                     storage::RunScope{"a.csv,b.csv", "10.0.0.1", "1/2", false, "", ""},
                     storage::RunScope{"a.csv,b.csv", "", "2/2", false, "", ""},
                     storage::RunScope{"a.csv,b.csv", "", "1/2", true, "", ""},
                     storage::RunScope{"a.csv,b.csv", "", "1/2", false, "https://cucm:8443", "%"}})
    CHECK_FALSE(storage::covers_scope(stored, other));
  // A run of a phonesweep that recorded no scope is resumed as before.
  CHECK(storage::covers_scope(*storage::decode_run_options(R"({"user":"u"})"), scope));
}

TEST_CASE("run options: merge compares everything but the shard, and names the first difference",
          "[storage][run_options]") {
  auto a = *storage::decode_run_options(written_by_hand);
  auto b = a;
  b.shard = "2/2";
  b.scope->shard = "2/2";
  b.estate_auth->concurrency = 4; // follows from N, like the shard
  CHECK_FALSE(storage::sweep_difference(a, b));
  b.timeout = 3;
  b.user = "other";
  const auto difference = storage::sweep_difference(a, b);
  REQUIRE(difference);
  CHECK(difference->name == "timeout"); // by name: timeout before user
  CHECK(difference->left == "10");
  CHECK(difference->right == "3");
  b = a;
  b.scope->only_failed = true;
  CHECK(storage::sweep_difference(a, b)->name == "scope");
  b = a;
  b.canary_device = "SEP001122334455";
  const auto added = storage::sweep_difference(a, b);
  REQUIRE(added);
  CHECK(added->left == "(absent)");
  CHECK(added->right == R"("SEP001122334455")");
}
