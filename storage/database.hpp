#pragma once
// The phonesweep database: runs and one result row per phone per run (schema.cpp).
//
// A Database owns one SQLite connection. Use it from one thread at a time; a second thread
// (ResultWriter) opens its own. Any number of processes may open the same file: WAL mode lets
// reports read while a scan writes, and writers wait up to the busy timeout for each other.
//
// Failures: open() returns an error message naming the file. After that, the database failing
// under us (disk full, I/O error, locked beyond the busy timeout, a corrupt or newer row) throws
// storage::Error, a fatal error for the command (main exits 3). Every write method is one
// transaction: when it throws, nothing of it was stored.
#include <storage/error.hpp>
#include <storage/record.hpp>

#include <tl/expected.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storage {

namespace detail {
class Connection;
}
class ChangeLog;

class Database {
public:
  enum class Mode {
    create,    // create the file (mode 0600) if it does not exist (scan, merge)
    existing,  // fail if it does not exist: a typo must not yield an empty database (prune)
    read_only, // existing, opened read-only, nothing written (report, runs): works on a read-only
               // file, directory or mount, and on a copy handed to an auditor
  };

  // Opens `path` and migrates it to schema_version(). Fails, leaving the file untouched, when it
  // is not an SQLite database or was written by a newer phonesweep (a higher user_version), and
  // when `path` is a dangling symbolic link (a link to a database opens the database). read_only
  // migrates nothing: it fails for an older schema too, and any write through it throws Error.
  static tl::expected<Database, std::string> open(const std::string& path, Mode mode = Mode::create);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  [[nodiscard]] const std::string& path() const noexcept;

  // A new run with status `running`, started now; returns its id.
  std::int64_t begin_run(const RunStart& start, const RunCoverage& coverage = {});
  // Sets the final status and finished_at (now). Throws Error when there is no such run.
  void finish_run(std::int64_t run, RunStatus status);

  // Replaces the run's cucm_json (storage/cucm_view.hpp: encode_cucm_view), which must be valid
  // JSON without credentials. Throws Error when there is no such run.
  void set_run_cucm(std::int64_t run, const std::string& cucm_json);
  // Replaces the run's credentials_json (storage/credentials_view.hpp: encode_credentials_view),
  // valid JSON without a password. Throws Error when there is no such run.
  void set_run_credentials(std::int64_t run, const std::string& credentials_json);

  // Sets a run that did not complete (running after a crash, interrupted, failed) back to
  // `running` with no finished_at, for --resume. Throws Error when there is no such run.
  void reopen_run(std::int64_t run);

  // Caps this connection's page cache at `kib` KiB (SQLite's default: 2,000). For a connection
  // that only appends, like the result writer's: its inserts touch the right edge of each B-tree,
  // so a small cache holds them, and at 2,000 phones in flight every MB of the sweep's peak
  // counts (bench/RESULTS.md, issue 18).
  void limit_page_cache(int kib);

  // Deletes every run but the newest `keep` (by id), with their results, in one transaction,
  // then truncates the WAL. Returns the number of runs deleted. The caller holds the RunLock
  // (storage/run_lock.hpp) so that no scan is writing to a run being deleted.
  std::size_t prune_runs(std::size_t keep);

  // Stores the records in one transaction. A phone (Target::address()) already recorded in the
  // run is not stored again; it is listed in the result. Throws Error for an unknown run.
  BatchResult insert_batch(std::int64_t run, std::span<const PhoneRecord> records);
  // Replaces root cause and detail of phones already recorded, in one transaction (the fleet-level
  // re-diagnosis). Returns how many phones it changed; addresses not in the run are skipped.
  std::size_t update_outcomes(std::int64_t run, std::span<const OutcomeUpdate> updates);

  // Oldest first.
  std::vector<RunSummary> runs();
  std::optional<RunSummary> run(std::int64_t id);
  std::optional<std::int64_t> latest_run_id();
  // The newest `completed` run older than `run`: what a nightly report compares with by default.
  // Runs that failed or are still running are skipped (their partial results would read as
  // phones fixed or gone). nullopt when there is none.
  std::optional<std::int64_t> previous_completed_run_id(std::int64_t run);

  // The newest `completed` run; nullopt when there is none.
  std::optional<std::int64_t> latest_completed_run_id();

  // Runs of the whole estate (RunKind full or merge, storage/codes.hpp): what `report` shows by
  // default and what change and trend compare. The newest `completed` one before `run`, and the
  // newest `completed` one; nullopt when there is none.
  std::optional<std::int64_t> previous_whole_run_id(std::int64_t run);
  std::optional<std::int64_t> latest_whole_run_id();
  // The newest `completed` re-check (scan --only-failed) recorded after `run`; nullopt if none.
  std::optional<std::int64_t> latest_recheck_after(std::int64_t run);
  // The newest `completed` run recorded with this merge key (storage/merge.hpp); nullopt if none.
  std::optional<std::int64_t> find_merge(const std::string& merge_key);

  // Streams the run's records ordered by root cause (troubleshooting order), site, address,
  // one at a time so that memory does not grow with the estate. `visit` must not use this
  // Database. An exception from `visit` ends the iteration and propagates.
  void for_each_record(std::int64_t run, const std::function<void(const PhoneRecord&)>& visit);
  // Phones already recorded in the run (for --resume).
  std::set<std::string> recorded_addresses(std::int64_t run);
  // Up to `limit` device names whose credentials the run proved: the screenshot came back as an
  // image, or the CUCM authorised the user for the device. A later scan asks the authentication
  // service about them first (scanner/credential_guard.hpp), because a device outside the user's
  // controlled devices would read as a wrong password.
  std::vector<std::string> proven_devices(std::int64_t run, std::size_t limit);
  // Since when each phone failing in `run` has failed: the start (ISO 8601 UTC) of the oldest
  // completed whole-estate run (full or merge) of its unbroken streak of failing runs up to `run`,
  // by address. Runs a phone is absent from do not break its streak. `run` itself counts whatever
  // it covers, so a phone failing only in `run` is failing since `run` started.
  std::unordered_map<std::string, std::string> failing_since(std::int64_t run);
  // One phone's record in every run that holds it, newest run first: `phone` is a device name
  // (any case), an address as the run keys it, or a host. Stops after `limit` runs; returns how
  // many runs hold the phone in all. `visit` must not use this Database.
  std::size_t for_each_history(const std::string& phone, std::size_t limit,
                               const std::function<void(const RunSummary&, const PhoneRecord&)>& visit);
  // Every recorded phone's root cause, by address: the light read for comparing two runs.
  std::unordered_map<std::string, diagnosis::RootCause> causes_by_address(std::int64_t run);

private:
  friend class ChangeLog; // storage/changes.hpp: the changes `fix` made, on this connection
  detail::Connection& connection() noexcept;

  void set_run_text(std::int64_t run, std::string_view sql, const std::string& value, std::string_view what);

  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl) noexcept;
  static tl::expected<Database, std::string> open_read_only(const std::string& path);
  // `name` is what SQLite opens (a resolved path, a URI), `path` what messages name.
  static tl::expected<Database, std::string> open_connection(const std::string& path, const std::string& name,
                                                             int flags, void (*set_up)(detail::Connection&));
  std::unique_ptr<Impl> impl_;
};

} // namespace storage
