#include <app/merge_command.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/log_options.hpp>
#include <app/summary_table.hpp>
#include <storage/database.hpp>
#include <storage/merge.hpp>
#include <storage/run_lock.hpp>
#include <storage/run_options.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

namespace app {

Command register_merge(CLI::App& cli) {
  auto merge = std::make_shared<MergeOptions>();
  CLI::App* cmd = cli.add_subcommand("merge", "combine the shard databases of one sweep into one run");
  cmd->add_option("sources", merge->sources, "shard databases (scan --shard K/N), newest run of each")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", merge->output, "database receiving the merged run (created if missing)")->required();
  cmd->add_flag("--quiet", merge->quiet, "one summary line (for cron)");
  add_log_format_option(*cmd);
  return {cmd, [merge] { return run_merge(*merge); }};
}

int run_merge(const MergeOptions& o) {
  if (o.output.empty()) throw UsageError("give the merged database with -o FILE");
  const auto started = std::chrono::steady_clock::now();
  auto lock = storage::RunLock::acquire(o.output, "merge");
  if (!lock) throw RunError(storage::describe(lock.error()));

  tl::expected<storage::MergeReport, std::string> merged;
  try {
    merged = storage::merge_runs(o.sources, o.output);
  } catch (const storage::Error& e) {
    throw RunError(e.what());
  }
  if (!merged) throw UsageError("merge refused: " + merged.error());

  auto db = storage::Database::open(o.output);
  if (!db) throw RunError(db.error());
  const auto run = db->run(merged->run);
  if (!run) throw RunError(fmt::format("{}: merged run {} vanished", o.output, merged->run));

  const bool json = log_format() == LogFormat::json;
  if (merged->existing) {
    const std::string said =
        fmt::format("these shard runs were merged before: run {} of {} (nothing written)", run->id, o.output);
    if (json) log_line("info", "merged_before", said, {{"run", std::to_string(run->id)}});
    else std::cout << said << '\n';
  } else if (!o.quiet && !json) {
    for (const auto& s : merged->sources)
      std::cout << fmt::format("  {} run {} shard {}: {} phones\n", s.path, s.run, s.shard.empty() ? "-" : s.shard,
                               s.phones);
    if (merged->duplicates > 0)
      std::cout << fmt::format("  {} phones recorded by two sources with equal results, stored once\n",
                               merged->duplicates);
    if (merged->settled > 0)
      std::cout << fmt::format("  {} phones re-diagnosed with what the whole estate showed\n", merged->settled);
    // The sweep's time, not the merge's: the shards ran side by side (storage::merged_sweep_seconds).
    const auto options = storage::decode_run_options(run->options_json);
    const auto sweep = options ? storage::merged_sweep_seconds(options->merged_from) : std::nullopt;
    const double seconds =
        sweep ? *sweep : std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_summary_table(std::cout, *run, seconds);
  }
  for (const auto& shard : merged->missing_shards)
    log_line("warning", "shard_missing",
             fmt::format("no source holds shard {}; the merged run covers part of the estate", shard),
             {{"shard", util::json_string(shard)}});
  const auto ok =
      run->counts_by_cause.contains(diagnosis::RootCause::ok) ? run->counts_by_cause.at(diagnosis::RootCause::ok) : 0;
  if (json)
    std::cout << json_object("info", "summary", "",
                             {{"run", std::to_string(run->id)},
                              {"phones", std::to_string(run->recorded)},
                              {"ok", std::to_string(ok)},
                              {"failing", std::to_string(run->recorded - ok)},
                              {"sources", std::to_string(merged->sources.size())}})
              << '\n';
  else if (o.quiet)
    std::cout << fmt::format("run {}: {} phones, {} ok, {} failing (merged from {} runs)\n", run->id, run->recorded, ok,
                             run->recorded - ok, merged->sources.size());
  return run->recorded == ok ? exit_all_ok : exit_failures_found;
}

} // namespace app
