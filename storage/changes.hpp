#pragma once
// What `phonesweep fix` changed on the CUCM (schema v5): one Change per `fix --apply` or
// `fix --undo … --apply`, holding the user's lists as they were before it, what it set out to add
// and remove, and each AXL write it made (a ChangeWrite per batch). `fix --undo` reads it back to
// restore the previous lists. Holds names and AXL's answers, never a password.
#include <storage/database.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

enum class ChangeStatus {
  applying, // begun; a process that died mid-change leaves it so
  applied,  // every write was accepted
  partial,  // some writes were accepted, then it stopped (a fault, the user changed meanwhile)
  failed,   // no write was accepted
};
std::string_view code(ChangeStatus status);

// Device names and group names.
struct ChangeLists {
  std::vector<std::string> devices;
  std::vector<std::string> groups;
  [[nodiscard]] bool empty() const { return devices.empty() && groups.empty(); }
};

struct Change {
  std::int64_t id = 0;
  std::optional<std::int64_t> run;    // the run whose diagnosis it fixes; nullopt for an undo, or once pruned
  std::optional<std::int64_t> undoes; // the change an undo reverses
  std::string started_at;             // ISO 8601 UTC (storage/timestamp.hpp)
  std::string finished_at;            // empty while applying
  std::string requested_by;           // the local account that ran `fix` ("alice", "root (sudo by alice)")
  std::string axl_url;                // where it wrote (https://cucm:8443)
  std::string axl_user;               // the AXL account it wrote as
  std::string operation;              // updateAppUser or updateUser
  std::string userid;                 // the user it changed
  ChangeLists previous;               // the user's lists when it began
  ChangeLists add;                    // what it set out to add
  ChangeLists remove;                 // what it set out to remove
  ChangeStatus status = ChangeStatus::applying;
  std::string detail; // why it stopped (partial, failed); empty when applied
  // Filled by ChangeLog::find / all: what the accepted writes added and removed, and the count of
  // writes (accepted or not).
  ChangeLists added;
  ChangeLists removed;
  std::size_t writes = 0;
};

// One AXL write of a change (one batch).
struct ChangeWrite {
  std::string written_at; // empty: now
  bool ok = false;        // AXL accepted it
  ChangeLists added;      // this write's share of the change
  ChangeLists removed;
  std::string answer; // AXL's <return> (the user's GUID), or the fault or transport error
};

// The changes table of an open Database, on its connection (use it from the Database's thread).
// Every method is one transaction; failures throw storage::Error like Database's.
class ChangeLog {
public:
  explicit ChangeLog(Database& db) : db_(db) {}

  // Records a change as `applying`, started now (change.status and id are ignored); returns its id.
  std::int64_t begin(const Change& change);
  // Appends a write to the change, numbered after the ones before. Throws for an unknown change.
  void record_write(std::int64_t change, const ChangeWrite& write);
  // Sets the final status and finished_at (now). Throws for an unknown change.
  void finish(std::int64_t change, ChangeStatus status, const std::string& detail);

  std::optional<Change> find(std::int64_t id);
  std::vector<Change> all(); // oldest first
  // The newest change that undoes `id` and had an accepted write; nullopt when none.
  std::optional<std::int64_t> undone_by(std::int64_t id);

private:
  Database& db_;
};

} // namespace storage
