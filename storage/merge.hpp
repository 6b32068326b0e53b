#pragma once
// `phonesweep merge`: the runs of one sweep made by several scanners (`scan --shard K/N` on
// several hosts, each writing its own database) combined into one run of another database.
//
// Each source contributes its newest run, which must be `completed`. The runs must be of the
// same sweep: every option recorded in runs.options_json other than `shard` must be equal, and
// the shards must split the inventory the same way (the same N). A phone found in more than one
// source is stored once when its results agree (root cause, ITL state, CUCM verdict, screenshot
// answer, phone error, transport) and refused otherwise.
//
// Nothing is written when the merge is refused: every source is read and checked before the
// new run is begun. The phones are copied as the shards recorded them, then settled over the
// union (storage/settle.hpp) with what all the shards' phones showed and the CUCM's view the
// shards recorded, before the run is marked completed, as a scan settles its run. Counts per
// root cause are never stored, so they are those of the union.
#include <tl/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace storage {

struct MergedSource {
  std::string path;
  std::int64_t run = 0;
  std::string shard; // "K/N", or empty for an unsharded run
  std::size_t phones = 0;
};

struct MergeReport {
  std::int64_t run = 0;       // the new run in the output database
  std::size_t phones = 0;     // distinct phones stored
  std::size_t duplicates = 0; // phones found in more than one source with equal results
  std::size_t settled = 0;    // phones whose outcome the union changed (settle_run)
  std::vector<MergedSource> sources;
  std::vector<std::string> missing_shards; // "2/3": shards of the split that no source holds
  bool existing = false;                   // the output already held a completed merge of these very shard runs: `run`
};

// Merges the newest run of every database in `sources` into a new, completed run of `output`
// (RunKind merge, or shard when a shard of the split is missing; its merge key names the shard
// runs). When `output` already holds a completed merge of the same shard runs, nothing is written
// and that run is returned (`existing`): a cron job that merges twice gets one run.
// (created if missing; other runs in it are kept, so one history file can collect nightly
// merges). The caller holds the output's RunLock (storage/run_lock.hpp). Returns why it refused
// (a message for the user naming the files, runs and the first differing option or phones)
// without having written anything; throws storage::Error when a database fails under it while
// writing (the new run is then marked failed).
tl::expected<MergeReport, std::string> merge_runs(const std::vector<std::string>& sources, const std::string& output);

} // namespace storage
