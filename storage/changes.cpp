#include <storage/changes.hpp>

#include <storage/json_fields.hpp>
#include <storage/sqlite.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>

namespace storage {

using detail::Statement;
using detail::Transaction;

namespace {

constexpr std::array<std::string_view, 4> status_codes{"applying", "applied", "partial", "failed"};

ChangeStatus status_from(const detail::Connection& connection, std::string_view text) {
  for (std::size_t i = 0; i < status_codes.size(); ++i)
    if (status_codes[i] == text) return static_cast<ChangeStatus>(i);
  throw Error(fmt::format("database {}: changes.status holds '{}', which this phonesweep does not know",
                          connection.path(), text));
}

std::vector<std::string> names_from(const detail::Connection& connection, std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  std::vector<std::string> names;
  if (parser.parse(json.data(), json.size()).get(element) || !json_fields::read_strings(element, names))
    throw Error(
        fmt::format("database {}: a change holds a name list that is not a JSON array of strings", connection.path()));
  return names;
}

// Appends `from` to `to`, leaving out names already there.
void add_new(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& name : from)
    if (std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
}

constexpr std::string_view select_changes =
    "SELECT id, run_id, undoes, started_at, finished_at, requested_by, axl_url, axl_user, operation, userid, "
    "status, detail, previous_devices_json, previous_groups_json, add_devices_json, add_groups_json, "
    "remove_devices_json, remove_groups_json FROM changes";

Change read_change(const Statement& row) {
  const auto& connection = row.connection();
  Change c;
  c.id = row.integer(0);
  if (!row.is_null(1)) c.run = row.integer(1);
  if (!row.is_null(2)) c.undoes = row.integer(2);
  c.started_at = row.text(3);
  c.finished_at = row.text(4);
  c.requested_by = row.text(5);
  c.axl_url = row.text(6);
  c.axl_user = row.text(7);
  c.operation = row.text(8);
  c.userid = row.text(9);
  c.status = status_from(connection, row.text(10));
  c.detail = row.text(11);
  c.previous = {names_from(connection, row.text(12)), names_from(connection, row.text(13))};
  c.add = {names_from(connection, row.text(14)), names_from(connection, row.text(15))};
  c.remove = {names_from(connection, row.text(16)), names_from(connection, row.text(17))};
  return c;
}

// What the change's writes did: added / removed from the accepted ones, and how many there were.
void read_writes(detail::Connection& connection, Change& change) {
  Statement select(connection, "SELECT ok, add_devices_json, add_groups_json, remove_devices_json, remove_groups_json "
                               "FROM change_writes WHERE change_id = ?1 ORDER BY seq");
  select.bind(0, change.id);
  while (select.step()) {
    ++change.writes;
    if (select.integer(0) == 0) continue;
    add_new(change.added.devices, names_from(connection, select.text(1)));
    add_new(change.added.groups, names_from(connection, select.text(2)));
    add_new(change.removed.devices, names_from(connection, select.text(3)));
    add_new(change.removed.groups, names_from(connection, select.text(4)));
  }
}

} // namespace

std::string_view code(ChangeStatus status) { return status_codes[static_cast<std::size_t>(status)]; }

std::int64_t ChangeLog::begin(const Change& c) {
  auto& connection = db_.connection();
  Transaction transaction(connection);
  Statement insert(connection,
                   "INSERT INTO changes (run_id, undoes, started_at, requested_by, axl_url, axl_user, operation, "
                   "userid, status, previous_devices_json, previous_groups_json, add_devices_json, add_groups_json, "
                   "remove_devices_json, remove_groups_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'applying', ?9, "
                   "?10, ?11, ?12, ?13, ?14)");
  if (c.run) insert.bind(0, *c.run);
  if (c.undoes) insert.bind(1, *c.undoes);
  insert.bind(2, utc_now());
  insert.bind(3, c.requested_by);
  insert.bind(4, c.axl_url);
  insert.bind(5, c.axl_user);
  insert.bind(6, c.operation);
  insert.bind(7, c.userid);
  insert.bind(8, util::json_string_array(c.previous.devices));
  insert.bind(9, util::json_string_array(c.previous.groups));
  insert.bind(10, util::json_string_array(c.add.devices));
  insert.bind(11, util::json_string_array(c.add.groups));
  insert.bind(12, util::json_string_array(c.remove.devices));
  insert.bind(13, util::json_string_array(c.remove.groups));
  insert.step();
  const std::int64_t id = sqlite3_last_insert_rowid(connection.get());
  transaction.commit();
  return id;
}

void ChangeLog::record_write(std::int64_t change, const ChangeWrite& w) {
  auto& connection = db_.connection();
  Transaction transaction(connection);
  Statement insert(connection,
                   "INSERT INTO change_writes (change_id, seq, written_at, ok, add_devices_json, add_groups_json, "
                   "remove_devices_json, remove_groups_json, answer) SELECT ?1, "
                   "(SELECT count(*) FROM change_writes WHERE change_id = ?1) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
                   "WHERE EXISTS (SELECT 1 FROM changes WHERE id = ?1)");
  insert.bind(0, change);
  insert.bind(1, w.written_at.empty() ? utc_now() : w.written_at);
  insert.bind(2, std::int64_t{w.ok ? 1 : 0});
  insert.bind(3, util::json_string_array(w.added.devices));
  insert.bind(4, util::json_string_array(w.added.groups));
  insert.bind(5, util::json_string_array(w.removed.devices));
  insert.bind(6, util::json_string_array(w.removed.groups));
  insert.bind(7, w.answer);
  insert.step();
  if (sqlite3_changes(connection.get()) == 0)
    throw Error(fmt::format("database {}: no change {} to record a write of", connection.path(), change));
  transaction.commit();
}

void ChangeLog::finish(std::int64_t change, ChangeStatus status, const std::string& detail) {
  auto& connection = db_.connection();
  Statement update(connection, "UPDATE changes SET status = ?2, detail = ?3, finished_at = ?4 WHERE id = ?1");
  update.bind(0, change);
  update.bind(1, code(status));
  update.bind(2, detail);
  update.bind(3, utc_now());
  update.step();
  if (sqlite3_changes(connection.get()) == 0)
    throw Error(fmt::format("database {}: no change {} to finish", connection.path(), change));
}

std::optional<Change> ChangeLog::find(std::int64_t id) {
  auto& connection = db_.connection();
  Change change;
  {
    Statement select(connection, fmt::format("{} WHERE id = ?1", select_changes));
    select.bind(0, id);
    if (!select.step()) return std::nullopt;
    change = read_change(select);
  }
  read_writes(connection, change);
  return change;
}

std::vector<Change> ChangeLog::all() {
  auto& connection = db_.connection();
  std::vector<Change> changes;
  {
    Statement select(connection, fmt::format("{} ORDER BY id", select_changes));
    while (select.step()) changes.push_back(read_change(select));
  }
  for (auto& change : changes) read_writes(connection, change);
  return changes;
}

std::optional<std::int64_t> ChangeLog::undone_by(std::int64_t id) {
  Statement select(db_.connection(), "SELECT max(c.id) FROM changes c WHERE c.undoes = ?1 AND EXISTS "
                                     "(SELECT 1 FROM change_writes w WHERE w.change_id = c.id AND w.ok = 1)");
  select.bind(0, id);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

} // namespace storage
