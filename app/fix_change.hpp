#pragma once
// What `fix` changes on the user and how it writes it: the plan from a run's diagnosis and the
// user as AXL shows it now, the undo of a recorded change, and the writing itself (batches, each
// the user's whole list plus the batch, each recorded; the user re-read before every batch).
#include <app/fix_axl.hpp>
#include <app/fix_diagnosis.hpp>
#include <cucm/user_change.hpp>
#include <storage/changes.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace app {

struct UserPlan {
  cucm::AxlUser user;                       // as AXL showed it when planning
  cucm::ListChange change;                  // what it adds: devices and groups the user lacks
  std::vector<const FixPhone*> associating; // the phones whose device it adds
  std::vector<const FixPhone*> phones;      // the phones it changes: those, and every missing_roles
                                            // phone when it adds groups
  std::size_t already_controlled = 0;       // phones of the diagnosis whose device the user controls by now
  bool run_saw_user = false;                // the run has AXL's view of the user (scan --axl)
  cucm::Lost lost;                          // what the user lost since the run saw it
};

// Groups: required_groups() the user lacks, by the CUCM's names, when the run found missing_roles.
UserPlan plan_user(const FixDiagnosis& diagnosis, cucm::AxlUser now);

// What undoing `change` takes back from the user as it is now: the devices and groups the
// change's accepted writes added (if the user still has them) are removed, the ones they removed
// are added back. Names others added since are kept.
cucm::ListChange plan_undo(const storage::Change& change, const cucm::AxlUser& now);

// Who ran `fix`, for the record: the login name, and sudo's caller when run through sudo.
std::string requested_by();

struct WriteOutcome {
  std::int64_t change = 0;
  storage::ChangeStatus status = storage::ChangeStatus::failed;
  cucm::ListChange made; // what the accepted writes did
  std::size_t writes = 0;
  std::string detail; // why it stopped; empty when applied
};

// Records `record` (its lists before = `now`), then writes `change` to the user: the removals and
// group changes with the first batch, the added devices `batch` at a time. Before each batch after
// the first it reads the user again and stops (partial) when the user lost a name it had or was
// given by this change meanwhile; each write sends the user's lists as read plus the batch. An
// end user's groups are written with every write (updateUser: see the README). After the last
// write it reads the user once more to confirm. SIGINT / SIGTERM stop it between batches.
WriteOutcome write_change(FixAxl& axl, storage::ChangeLog& log, storage::Change record, const cucm::AxlUser& now,
                          const cucm::ListChange& change, std::size_t batch);

} // namespace app
