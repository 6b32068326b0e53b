#pragma once
// The scan's run in the database, phase by phase: open (the lock, the database, then the run
// begun or reopened), sweep (each phone recorded as it finishes, with the outcome known then, so
// that --resume after a crash finds it), settle (each phone's final outcome with what the whole
// run showed, storage/settle.hpp; only then is the run marked completed).
#include <app/progress.hpp>
#include <app/scan_options.hpp>
#include <app/scan_plan.hpp>
#include <app/scan_scope.hpp>
#include <app/scan_summary.hpp>
#include <diagnosis/fleet_facts.hpp>
#include <scanner/sweep.hpp>
#include <storage/cucm_view.hpp>
#include <storage/database.hpp>
#include <storage/run_lock.hpp>

#include <cstddef>
#include <cstdint>

namespace app {

struct OpenRun {
  storage::RunLock lock; // one scan per database at a time
  storage::Database db;
  std::int64_t run = 0;        // the run resumed or begun
  bool resumed = false;        // --resume
  storage::CucmView cucm_view; // what the CUCM says about the run as a whole, stored with it
  diagnosis::FleetFacts facts; // what the run's phones showed so far (resumed ones, then swept)
};

// Takes the lock before the database is read, so that what --resume and --only-failed read
// cannot change under the scan (a crashed holder's lock is gone with it), then opens the
// database. Throws RunError (another scan holds it, it cannot be opened).
OpenRun open_database(const ScanOptions& options);

// Continues `resumed` (scan_scope.hpp): its run, what its phones showed, its CUCM view.
void resume(OpenRun& open, ResumedRun resumed);

// Reopens the resumed run or begins a new one (recording what it was asked to do), says how the
// credentials will be spent, and stores the CUCM's view of the run.
void begin_run(OpenRun& open, const ScanOptions& options, const ScanPlan& plan, const TargetQueue& targets);

struct Swept {
  scanner::SweepStats stats;
  std::size_t failed_locally = 0; // phones left unrecorded: their requests failed on this machine
};

// Sweeps the queue's phones and records each as it finishes. Wipes the password when done.
// Throws RunError, with the run marked failed, when the engine cannot start or the results
// cannot be written (what was committed stays; --resume finishes the run).
Swept sweep_phones(const ScanOptions& options, OpenRun& open, TargetQueue& targets, scanner::SweepSettings settings,
                   Progress& progress);

// Stores what the sweep learnt about the credentials, settles every phone's outcome, and marks
// the run completed (interrupted when it was stopped or phones failed locally).
ScanResult settle_scan(const ScanOptions& options, OpenRun& open, const Swept& swept, bool inventory_broken);

} // namespace app
