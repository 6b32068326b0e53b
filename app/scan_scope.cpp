#include <app/scan_scope.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/scan_checks.hpp>
#include <app/scan_plan.hpp>
#include <inventory/open_inventory.hpp>
#include <storage/run_options.hpp>

#include <fmt/format.h>

#include <iostream>
#include <utility>

namespace app {

bool ScanScope::contains(const inventory::Target& t) const {
  if (!inventory::in_shard(t, shard)) return false;
  const std::string address = t.address();
  if (failed && !failed->contains(address)) return false;
  return !recorded.contains(address);
}

std::unique_ptr<inventory::Reader> open_inventory(const ScanOptions& o) {
  if (o.inventory.empty() && o.targets.empty()) return nullptr;
  inventory::InventorySpec spec;
  spec.files = o.inventory;
  spec.targets = o.targets;
  spec.max_targets = o.max_targets;
  if (o.inventory_format == "csv") spec.format = inventory::Format::csv;
  else if (o.inventory_format == "json") spec.format = inventory::Format::json;
  else if (o.inventory_format == "ndjson") spec.format = inventory::Format::ndjson;
  else if (o.inventory_format != "auto") throw UsageError("--inventory-format must be auto, csv, json or ndjson");
  try {
    return inventory::open_inventory(spec);
  } catch (const inventory::InventoryError& e) {
    throw UsageError(e.what());
  }
}

// Refuses a run started for other phones, which would end up a mix of two estates.
ResumedRun resumable_run(storage::Database& db, const ScanOptions& o) {
  const auto latest = db.latest_run_id();
  if (!latest) throw UsageError(fmt::format("--resume: {} holds no run to resume", o.db));
  const auto run = db.run(*latest);
  if (!run) throw UsageError(fmt::format("--resume: {}: run {} vanished", o.db, *latest));
  if (run->status == storage::RunStatus::completed)
    throw UsageError(fmt::format("--resume: the newest run in {} (run {}) completed; nothing to "
                                 "resume (drop --resume to start a new run)",
                                 o.db, *latest));
  const auto stored = storage::decode_run_options(run->options_json);
  if (!stored || !storage::covers_scope(*stored, run_scope(o)))
    throw UsageError(fmt::format("--resume: run {} was started for other phones (--inventory, "
                                 "--targets, --shard or --only-failed differ); give the options it "
                                 "was started with, or drop --resume to start a new run",
                                 *latest));
  ResumedRun resumed;
  resumed.run = *latest;
  db.for_each_record(resumed.run, [&](const storage::PhoneRecord& r) {
    resumed.recorded.insert(r.target.address());
    diagnosis::accumulate(resumed.facts, r.evidence);
  });
  // What the CUCM said when the run started stays, AXL's and RisPort's views unless --axl asks
  // again (RisPort then about the phones not recorded yet; the recorded ones keep their columns).
  if (auto view = storage::decode_cucm_view(run->cucm_json)) {
    resumed.cucm_view.discovery = std::move(view->discovery);
    if (o.axl.empty()) {
      resumed.cucm_view.axl = std::move(view->axl);
      resumed.cucm_view.risport = std::move(view->risport);
    }
  }
  return resumed;
}

void select_failed(storage::Database& db, const ScanOptions& o, std::int64_t resumed_run, bool have_inventory,
                   ScanScope& scope) {
  const auto base = resumed_run != 0 ? db.previous_completed_run_id(resumed_run) : db.latest_completed_run_id();
  if (!base) throw UsageError(fmt::format("--only-failed: {} holds no completed run", o.db));
  scope.failed_in = *base;
  scope.failed.emplace();
  db.for_each_record(*base, [&](const storage::PhoneRecord& r) {
    if (r.outcome.cause == diagnosis::RootCause::ok) return;
    scope.failed->insert(r.target.address());
    if (!have_inventory) scope.stored_targets.push_back(r.target);
  });
}

TargetQueue::TargetQueue(std::unique_ptr<inventory::Reader> reader, ScanScope scope)
    : reader_(std::move(reader)), scope_(std::move(scope)) {}

std::optional<inventory::Target> TargetQueue::next_in_scope() {
  if (!reader_) {
    while (next_stored_ < scope_.stored_targets.size()) {
      inventory::Target& t = scope_.stored_targets[next_stored_++];
      ++read_;
      if (scope_.contains(t)) return std::move(t);
    }
    return std::nullopt;
  }
  while (auto t = reader_->next()) {
    ++read_;
    if (scope_.contains(*t)) return t;
  }
  return std::nullopt;
}

void TargetQueue::broke_off(const inventory::InventoryError& e, bool say_rest) {
  log_line("error", "inventory_error",
           say_rest ? fmt::format("{} (the rest of the inventory is not scanned)", e.what()) : std::string(e.what()));
  broken_ = true;
}

bool TargetQueue::start(bool preload, bool strict) {
  preload_ = preload;
  if (!preload) {
    try {
      first_ = next_in_scope();
    } catch (const inventory::InventoryError& e) {
      broke_off(e, false);
    }
    return first_.has_value();
  }
  try {
    while (auto t = next_in_scope()) preloaded_.push_back(std::move(*t));
  } catch (const inventory::InventoryError& e) {
    if (strict) throw UsageError(e.what());
    broke_off(e, true);
  }
  if (strict && reader_ && !reader_->issues().empty()) {
    log_row_issues(*reader_, "error"); // the first few: a file of 100,000 bad rows must not flood cron's mail
    throw UsageError(fmt::format("--strict: {} bad inventory rows; nothing was scanned", reader_->issues().size()));
  }
  return !preloaded_.empty();
}

std::optional<inventory::Target> TargetQueue::next() {
  if (preload_) {
    if (next_preloaded_ == preloaded_.size()) return std::nullopt;
    return std::move(preloaded_[next_preloaded_++]);
  }
  if (first_) return std::exchange(first_, std::nullopt);
  try {
    return next_in_scope();
  } catch (const inventory::InventoryError& e) {
    // The rest of the inventory is unreadable; the phones already admitted are still scanned.
    broke_off(e, true);
    return std::nullopt;
  }
}

// Phones all out of scope (--shard, --only-failed when none failed) leave nothing to do.
bool nothing_to_scan(const ScanOptions& o, const TargetQueue& targets, bool json) {
  if (targets.reader() && targets.read() == 0) {
    log_row_issues(*targets.reader());
    throw UsageError(no_phones_reason(o, targets.reader()));
  }
  if (o.resume) return false;
  const auto& failed = targets.scope().failed;
  const std::string message =
      failed && failed->empty()
          ? fmt::format("nothing to re-check: no phone failed in run {}; no run recorded", targets.scope().failed_in)
          : fmt::format("nothing to scan: none of the {} phones is in scope (--shard, --only-failed); no "
                        "run recorded",
                        targets.read());
  std::cout << (json ? json_object("info", "nothing_to_scan", message, {}) : message) << std::endl;
  return true;
}

void warn_skipped_rows(const TargetQueue& targets) {
  const inventory::Reader* reader = targets.reader();
  if (!reader) return;
  log_row_issues(*reader);
  if (!reader->issues().empty())
    log_warning(fmt::format("{} inventory rows skipped (--strict makes them fatal)", reader->issues().size()));
}

} // namespace app
