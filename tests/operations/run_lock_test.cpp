// storage::RunLock without a scan: who holds it, and that it goes with its holder.
#include <storage/run_lock.hpp>

#include <sim/harness/servers.hpp>
#include <storage/database.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

TEST_CASE("run lock: a second acquire is refused naming the holder and succeeds once the holder is gone") {
  const std::string dir = harness::make_temp_dir("phonesweep-lock");
  const std::string db = dir + "/sweeps.db";
  {
    auto first = storage::RunLock::acquire(db, "scan");
    REQUIRE(first);
    auto second = storage::RunLock::acquire(db, "prune");
    REQUIRE(!second);
    const auto* busy = std::get_if<storage::LockBusy>(&second.error());
    REQUIRE(busy);
    CHECK(busy->holder.pid == getpid());
    CHECK(busy->holder.command == "scan");
    CHECK(!busy->holder.started_at.empty());
    const std::string message = storage::describe(second.error());
    CHECK(message.find("pid " + std::to_string(getpid())) != std::string::npos);
    CHECK(message.find("scan") != std::string::npos);
  }
  CHECK(storage::RunLock::acquire(db, "scan"));

  // A holder that dies without any clean-up (here: _exit in a child) leaves no stale lock.
  const pid_t child = fork();
  if (child == 0) {
    auto held = storage::RunLock::acquire(db, "scan");
    _exit(held ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  auto after = storage::RunLock::acquire(db, "scan");
  CHECK(after);
  std::filesystem::remove_all(dir);
}

TEST_CASE("storage: prune_runs keeps the newest runs and reopen_run makes an unfinished run running again") {
  const std::string dir = harness::make_temp_dir("phonesweep-prune");
  auto db = storage::Database::open(dir + "/sweeps.db");
  REQUIRE(db);
  for (int i = 0; i < 5; ++i) db->begin_run({});
  db->finish_run(5, storage::RunStatus::interrupted);
  CHECK(db->latest_completed_run_id() == std::nullopt);
  db->finish_run(4, storage::RunStatus::completed);
  CHECK(db->latest_completed_run_id() == 4);
  db->reopen_run(5);
  CHECK(db->run(5)->status == storage::RunStatus::running);
  CHECK(db->run(5)->finished_at.empty());
  CHECK_THROWS_AS(db->reopen_run(42), storage::Error);
  CHECK(db->prune_runs(2) == 3);
  const auto runs = db->runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == 4);
  CHECK(db->prune_runs(2) == 0);
  std::filesystem::remove_all(dir);
}
