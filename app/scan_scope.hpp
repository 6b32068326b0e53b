#pragma once
// Which phones a scan asks (the scope phase): the inventory's (or, for --only-failed without an
// inventory, the failed run's stored rows), those in the --shard, minus the ones a resumed run
// already holds, and with --only-failed only those not ok in the newest completed run. Read in
// inventory order by a TargetQueue, up front or streamed.
#include <app/scan_options.hpp>
#include <diagnosis/fleet_facts.hpp>
#include <inventory/reader.hpp>
#include <inventory/shard.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace app {

struct ScanScope {
  inventory::Shard shard;
  std::set<std::string> recorded;              // --resume: phones the run holds, not asked again
  std::optional<std::set<std::string>> failed; // --only-failed: the phones not ok in `failed_in`
  std::int64_t failed_in = 0;
  std::vector<inventory::Target> stored_targets; // --only-failed without an inventory: their rows

  [[nodiscard]] bool contains(const inventory::Target& target) const;
};

// --inventory and --targets as one reader; nullptr when neither is given (--cucm-discover, or
// --only-failed's stored rows). Throws UsageError for a bad --inventory-format, a file that
// cannot be read, a bad --targets list.
std::unique_ptr<inventory::Reader> open_inventory(const ScanOptions& options);

// What --resume continues: the newest run of the database, when it did not complete (crashed,
// interrupted or failed) and was started for the same phones (storage::covers_scope).
struct ResumedRun {
  std::int64_t run = 0;
  std::set<std::string> recorded; // the phones it holds
  diagnosis::FleetFacts facts;    // what they showed
  storage::CucmView cucm_view;    // what the CUCM said when it started (AXL's view unless --axl)
};
// Throws UsageError naming the database when there is no run to resume, the newest completed,
// or it was started for other phones. Reads the run's records once.
ResumedRun resumable_run(storage::Database& db, const ScanOptions& options);

// --only-failed: fills `scope.failed` (and `scope.stored_targets` when `have_inventory` is false)
// from the newest completed run before `resumed_run` (0: the newest completed run). Throws
// UsageError when the database holds no completed run.
void select_failed(storage::Database& db, const ScanOptions& options, std::int64_t resumed_run, bool have_inventory,
                   ScanScope& scope);

// The phones in scope, in inventory order.
class TargetQueue {
public:
  TargetQueue(std::unique_ptr<inventory::Reader> reader, ScanScope scope);

  // Reads every phone in scope now (`preload`: --strict checks every row before any phone is
  // asked, a progress bar needs the total, --axl lists the phones first), else only the first
  // (the inventory then streams, and memory does not grow with it). Returns whether there is a
  // phone to ask. An inventory that breaks off is logged and ends the queue; with `strict` it
  // throws UsageError instead, as do bad rows (each logged first).
  bool start(bool preload, bool strict);
  // The next phone, for the sweep. Never throws: an inventory that breaks off is logged and ends
  // the queue.
  std::optional<inventory::Target> next();

  [[nodiscard]] std::span<const inventory::Target> preloaded() const { return preloaded_; }
  // The preloaded phones, for the preflight to add what the CUCM says to their rows before the
  // sweep takes them (app/risport_lookup.hpp).
  [[nodiscard]] std::span<inventory::Target> preloaded_for_update() { return preloaded_; }
  [[nodiscard]] std::size_t read() const {
    return read_;
  }                                                     // before the scope: tells an empty
                                                        // inventory from one out of scope
  [[nodiscard]] bool broken() const { return broken_; } // not read to the end
  [[nodiscard]] const inventory::Reader* reader() const { return reader_.get(); }
  [[nodiscard]] const ScanScope& scope() const { return scope_; }

private:
  std::optional<inventory::Target> next_in_scope(); // throws inventory::InventoryError
  void broke_off(const inventory::InventoryError& e, bool say_rest);

  std::unique_ptr<inventory::Reader> reader_;
  ScanScope scope_;
  std::size_t next_stored_ = 0;
  std::size_t read_ = 0;
  bool broken_ = false;
  bool preload_ = false;
  std::vector<inventory::Target> preloaded_;
  std::size_t next_preloaded_ = 0;
  std::optional<inventory::Target> first_; // streaming: read by start()
};

// When the queue has no phone to ask: throws UsageError when the inventory yielded no phone at
// all (its bad rows logged); for a new run says that nothing is in scope and returns true (the
// scan ends, exit 0, no run recorded); a resumed run returns false and is finished as it is.
bool nothing_to_scan(const ScanOptions& options, const TargetQueue& targets, bool json);

// After the sweep: the inventory's bad rows as warnings (the first few), and how many were skipped.
void warn_skipped_rows(const TargetQueue& targets);

} // namespace app
