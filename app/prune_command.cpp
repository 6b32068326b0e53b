#include <app/prune_command.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/log_options.hpp>
#include <storage/database.hpp>
#include <storage/run_lock.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace app {

Command register_prune(CLI::App& cli) {
  auto prune = std::make_shared<PruneOptions>();
  CLI::App* cmd = cli.add_subcommand("prune", "delete all but the newest runs");
  cmd->add_option("--db", prune->db, "SQLite database")->capture_default_str();
  cmd->add_option("--keep", prune->keep, "runs to keep (the newest)")->required();
  add_log_format_option(*cmd);
  return {cmd, [prune] { return run_prune(*prune); }};
}

int run_prune(const PruneOptions& o) {
  if (o.keep < 1) throw UsageError("--keep must be at least 1 (the newest runs to keep)");
  auto db = storage::Database::open(o.db, storage::Database::Mode::existing);
  if (!db) throw UsageError(db.error());
  // A scan writing a run while prune deletes around it would be safe for SQLite but could delete
  // the very run being written (a crashed run is the newest): take the scan's lock.
  auto lock = storage::RunLock::acquire(o.db, "prune");
  if (!lock) throw RunError(storage::describe(lock.error()));
  const std::size_t before = db->runs().size();
  const std::size_t deleted = db->prune_runs(static_cast<std::size_t>(o.keep));
  if (log_format() == LogFormat::json)
    std::cout << json_object("info", "pruned", "",
                             {{"db", util::json_string(o.db)},
                              {"deleted", std::to_string(deleted)},
                              {"kept", std::to_string(before - deleted)}})
              << '\n';
  else std::cout << fmt::format("{}: deleted {} runs, kept {}\n", o.db, deleted, before - deleted);
  return exit_all_ok;
}

} // namespace app
