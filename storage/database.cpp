#include <storage/database.hpp>

#include <storage/result_columns.hpp>
#include <storage/schema.hpp>
#include <storage/sqlite.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>

#include <util/paths.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <utility>

namespace storage {

using detail::Connection;
using detail::Statement;
using detail::StatementUse;
using detail::Transaction;

struct Database::Impl {
  Impl(sqlite3* db, std::string path) : connection(db, std::move(path)) {}

  // Prepared once per connection and kept: the same few statements run for every phone.
  Statement& statement(std::string_view sql) {
    auto found = statements.find(sql);
    if (found == statements.end()) found = statements.emplace(std::string(sql), Statement(connection, sql)).first;
    return found->second;
  }

  Connection connection;
  // Declared after `connection` so the statements are finalized before it closes.
  std::map<std::string, Statement, std::less<>> statements;
};

namespace {

// WAL: a report (or `runs`) can read while a scan writes. NORMAL is durable enough in WAL mode:
// a power cut may lose the last transactions, never corrupt the file. The busy timeout covers
// the ResultWriter's connection and other processes committing at the same time.
constexpr int busy_timeout_ms = 10'000;

std::int64_t query_integer(Connection& connection, std::string_view sql) {
  Statement statement(connection, sql);
  if (!statement.step()) throw connection.error(fmt::format("\"{}\" returned no row", sql));
  return statement.integer(0);
}

Error newer_schema(const Connection& connection, std::int64_t version) {
  return Error(fmt::format("database {}: schema version {} is newer than this phonesweep "
                           "understands ({}); use a newer phonesweep",
                           connection.path(), version, schema_version()));
}

void migrate(Connection& connection) {
  if (query_integer(connection, "PRAGMA user_version") == schema_version()) return;
  Transaction transaction(connection);
  // Read again under the write lock: another process may have migrated in the meantime.
  auto version = query_integer(connection, "PRAGMA user_version");
  if (version > schema_version()) throw newer_schema(connection, version);
  const auto steps = migrations();
  for (; version < schema_version(); ++version) connection.exec(steps[static_cast<std::size_t>(version)]);
  connection.exec(fmt::format("PRAGMA user_version = {}", version));
  transaction.commit();
}

void configure(Connection& connection) {
  sqlite3_busy_timeout(connection.get(), busy_timeout_ms);
  // Checked before anything writes, so a newer database is left exactly as it was. This first
  // read is also where a file that is not a database is found out.
  const auto version = query_integer(connection, "PRAGMA user_version");
  if (version > schema_version()) throw newer_schema(connection, version);
  connection.exec("PRAGMA foreign_keys = ON");
  {
    Statement wal(connection, "PRAGMA journal_mode = WAL");
    const std::string mode = wal.step() ? std::string(wal.text(0)) : std::string();
    if (mode != "wal" && mode != "memory")
      throw Error(fmt::format("database {}: cannot use WAL mode (journal mode is '{}'); "
                              "a network file system?",
                              connection.path(), mode));
  }
  connection.exec("PRAGMA synchronous = NORMAL");
  migrate(connection);
}

// A read-only connection changes nothing, not even the journal mode; it reads only the schema
// this build understands (the next scan, prune or merge brings an older file up to date).
void configure_read_only(Connection& connection) {
  sqlite3_busy_timeout(connection.get(), busy_timeout_ms);
  const auto version = query_integer(connection, "PRAGMA user_version");
  if (version > schema_version()) throw newer_schema(connection, version);
  if (version < schema_version())
    throw Error(fmt::format("database {}: schema version {} is older than this phonesweep reads ({}); "
                            "a scan, prune or merge with this version upgrades it",
                            connection.path(), version, schema_version()));
}

// The database file is created private (0600) before SQLite opens it: SQLite would create it
// 0644, and gives its -wal and -shm files the database's own mode. O_NOFOLLOW: `path` is resolved.
tl::expected<void, std::string> create_private(const std::string& path, const std::string& given) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    close(fd);
    return {};
  }
  if (errno == EEXIST) return {};
  return tl::unexpected(fmt::format("database {}: cannot create it: {}", given, std::strerror(errno)));
}

// SQLite's URI for `path` (percent-encoded), read as a file nothing else changes.
std::string immutable_uri(const std::string& path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += c;
    } else {
      uri += '%';
      uri += hex[u >> 4];
      uri += hex[u & 15];
    }
  }
  return uri + "?immutable=1";
}

// A WAL database read on a read-only mount or directory needs its -shm file, which only a
// writable directory can provide. Without one, and with no -wal holding changes, the file alone
// is the whole database and is read as immutable; with a -wal, that would miss its changes.
bool readable_without_shm(const std::string& path) {
  std::error_code error;
  const auto wal_size = std::filesystem::file_size(path + "-wal", error);
  return error || wal_size == 0;
}

diagnosis::RootCause cause_from_code(const Connection& connection, std::string_view text) {
  if (auto cause = from_code<diagnosis::RootCause>(text)) return *cause;
  throw Error(fmt::format("database {}: results.root_cause holds '{}', which this phonesweep does "
                          "not know (written by a newer version?)",
                          connection.path(), text));
}

constexpr std::string_view select_runs =
    "SELECT id, started_at, finished_at, status, options_json, tool_version, phone_count, cucm_json, "
    "credentials_json, scope, recheck_of FROM runs";

RunSummary read_run(const Statement& row) {
  RunSummary run;
  run.id = row.integer(0);
  run.started_at = row.text(1);
  run.finished_at = row.text(2);                                              // NULL reads as empty
  run.status = from_code<RunStatus>(row.text(3)).value_or(RunStatus::failed); // CHECK keeps it known
  run.options_json = row.text(4);
  run.tool_version = row.text(5);
  run.phone_count = row.integer(6);
  run.cucm_json = row.text(7);
  run.credentials_json = row.text(8);
  run.kind = from_code<RunKind>(row.text(9)).value_or(RunKind::full); // CHECK keeps it known
  if (!row.is_null(10)) run.recheck_of = row.integer(10);
  return run;
}

void add_count(const Connection& connection, RunSummary& run, const Statement& row) {
  const auto count = row.integer(2);
  run.counts_by_cause[cause_from_code(connection, row.text(1))] += count;
  run.recorded += count;
  run.https_phones += row.integer(3);
  run.https_answered += row.integer(4);
}

} // namespace

tl::expected<Database, std::string> Database::open(const std::string& path, Mode mode) {
  if (mode != Mode::create && !std::filesystem::exists(path))
    return tl::unexpected(fmt::format("database {}: no such file", path));
  if (mode == Mode::read_only) return open_read_only(path);
  // Through a link the database is the link's target: the file locked (RunLock) and the one opened
  // are the same however the path is spelt, and a dangling link is refused, not followed.
  const auto resolved = util::resolve_for_writing(path);
  if (!resolved) return tl::unexpected("database " + resolved.error());
  if (mode == Mode::create)
    if (auto created = create_private(*resolved, path); !created) return tl::unexpected(created.error());
  return open_connection(path, *resolved, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, &configure);
}

tl::expected<Database, std::string> Database::open_read_only(const std::string& path) {
  auto db = open_connection(path, path, SQLITE_OPEN_READONLY, &configure_read_only);
  if (db || !readable_without_shm(path)) return db;
  auto immutable =
      open_connection(path, immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &configure_read_only);
  if (!immutable) return tl::unexpected(db.error()); // the first reason is the one to tell
  return immutable;
}

tl::expected<Database, std::string> Database::open_connection(const std::string& path, const std::string& name,
                                                              int flags, void (*set_up)(detail::Connection&)) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  auto impl = std::make_unique<Impl>(db, path); // closes `db` on every path below
  if (rc != SQLITE_OK)
    return tl::unexpected(
        fmt::format("database {}: cannot open: {}", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(db, 1);
  try {
    set_up(impl->connection);
  } catch (const Error& error) {
    return tl::unexpected(std::string(error.what()));
  }
  return Database(std::move(impl));
}

Database::Database(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const noexcept { return impl_->connection.path(); }

detail::Connection& Database::connection() noexcept { return impl_->connection; }

std::int64_t Database::begin_run(const RunStart& start, const RunCoverage& coverage) {
  auto& insert = impl_->statement(
      "INSERT INTO runs (started_at, status, options_json, phone_count, tool_version, scope, recheck_of, "
      "merge_key) VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, NULLIF(?7, ''))");
  StatementUse use(insert);
  insert.bind(0, utc_now());
  insert.bind(1, start.options_json);
  insert.bind(2, start.phone_count);
  insert.bind(3, start.tool_version);
  insert.bind(4, code(coverage.kind));
  if (coverage.recheck_of) insert.bind(5, *coverage.recheck_of); // unbound: NULL
  insert.bind(6, coverage.merge_key);
  insert.step();
  return sqlite3_last_insert_rowid(impl_->connection.get());
}

void Database::finish_run(std::int64_t run, RunStatus status) {
  auto& update = impl_->statement("UPDATE runs SET status = ?2, finished_at = ?3 WHERE id = ?1");
  StatementUse use(update);
  update.bind(0, run);
  update.bind(1, code(status));
  update.bind(2, utc_now());
  update.step();
  if (sqlite3_changes(impl_->connection.get()) == 0)
    throw Error(fmt::format("database {}: no run {} to finish", path(), run));
}

void Database::set_run_cucm(std::int64_t run, const std::string& cucm_json) {
  set_run_text(run, "UPDATE runs SET cucm_json = ?2 WHERE id = ?1", cucm_json, "the CUCM's view of");
}

void Database::set_run_credentials(std::int64_t run, const std::string& credentials_json) {
  set_run_text(run, "UPDATE runs SET credentials_json = ?2 WHERE id = ?1", credentials_json,
               "what was learnt about the credentials of");
}

void Database::set_run_text(std::int64_t run, std::string_view sql, const std::string& value, std::string_view what) {
  auto& update = impl_->statement(sql);
  StatementUse use(update);
  update.bind(0, run);
  update.bind(1, value);
  update.step();
  if (sqlite3_changes(impl_->connection.get()) == 0)
    throw Error(fmt::format("database {}: no run {} to record {}", path(), run, what));
}

void Database::reopen_run(std::int64_t run) {
  auto& update = impl_->statement("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?1");
  StatementUse use(update);
  update.bind(0, run);
  update.step();
  if (sqlite3_changes(impl_->connection.get()) == 0)
    throw Error(fmt::format("database {}: no run {} to resume", path(), run));
}

void Database::limit_page_cache(int kib) {
  impl_->connection.exec(fmt::format("PRAGMA cache_size = -{}", std::max(1, kib)));
}

std::size_t Database::prune_runs(std::size_t keep) {
  std::size_t deleted = 0;
  {
    Transaction transaction(impl_->connection);
    // Results go by ON DELETE CASCADE (foreign_keys is on for every connection).
    auto& remove = impl_->statement("DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?1)");
    StatementUse use(remove);
    remove.bind(0, static_cast<std::int64_t>(keep));
    remove.step();
    deleted = static_cast<std::size_t>(sqlite3_changes(impl_->connection.get()));
    transaction.commit();
  }
  // The freed pages are reused by later runs; the WAL, which holds a copy of every deleted page,
  // is folded back and emptied so that the files shrink to what is kept.
  if (deleted > 0) impl_->connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return deleted;
}

BatchResult Database::insert_batch(std::int64_t run, std::span<const PhoneRecord> records) {
  static const std::string sql = detail::insert_result_sql();
  BatchResult result;
  Transaction transaction(impl_->connection);
  auto& insert = impl_->statement(sql);
  for (const auto& record : records) {
    StatementUse use(insert);
    insert.bind(0, run);
    detail::bind_record(insert, record);
    insert.step();
    if (sqlite3_changes(impl_->connection.get()) == 0) result.duplicates.push_back(record.target.address());
    else ++result.inserted;
  }
  transaction.commit();
  return result;
}

std::size_t Database::update_outcomes(std::int64_t run, std::span<const OutcomeUpdate> updates) {
  std::size_t changed = 0;
  Transaction transaction(impl_->connection);
  auto& update = impl_->statement("UPDATE results SET root_cause = ?3, detail = ?4 WHERE run_id = ?1 AND address = ?2");
  for (const auto& item : updates) {
    StatementUse use(update);
    update.bind(0, run);
    update.bind(1, item.address);
    update.bind(2, diagnosis::to_string(item.outcome.cause));
    update.bind(3, item.outcome.detail);
    update.step();
    changed += static_cast<std::size_t>(sqlite3_changes(impl_->connection.get()));
  }
  transaction.commit();
  return changed;
}

std::vector<RunSummary> Database::runs() {
  std::vector<RunSummary> all;
  std::map<std::int64_t, std::size_t> index_of;
  {
    auto& select = impl_->statement(fmt::format("{} ORDER BY id", select_runs));
    StatementUse use(select);
    while (select.step()) {
      index_of[select.integer(0)] = all.size();
      all.push_back(read_run(select));
    }
  }
  auto& counts =
      impl_->statement("SELECT run_id, root_cause, count(*), sum(https_used), sum(https_used AND any_answer) "
                       "FROM results GROUP BY run_id, root_cause");
  StatementUse use(counts);
  while (counts.step()) {
    // A run inserted by another process after the first query is simply not listed.
    if (auto found = index_of.find(counts.integer(0)); found != index_of.end())
      add_count(impl_->connection, all[found->second], counts);
  }
  return all;
}

std::optional<RunSummary> Database::run(std::int64_t id) {
  RunSummary summary;
  {
    auto& select = impl_->statement(fmt::format("{} WHERE id = ?1", select_runs));
    StatementUse use(select);
    select.bind(0, id);
    if (!select.step()) return std::nullopt;
    summary = read_run(select);
  }
  auto& counts =
      impl_->statement("SELECT run_id, root_cause, count(*), sum(https_used), sum(https_used AND any_answer) "
                       "FROM results WHERE run_id = ?1 GROUP BY root_cause");
  StatementUse use(counts);
  counts.bind(0, id);
  while (counts.step()) add_count(impl_->connection, summary, counts);
  return summary;
}

std::optional<std::int64_t> Database::latest_run_id() {
  auto& select = impl_->statement("SELECT max(id) FROM runs");
  StatementUse use(select);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

std::optional<std::int64_t> Database::previous_completed_run_id(std::int64_t run) {
  auto& select = impl_->statement("SELECT max(id) FROM runs WHERE id < ?1 AND status = 'completed'");
  StatementUse use(select);
  select.bind(0, run);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

std::optional<std::int64_t> Database::latest_completed_run_id() {
  auto& select = impl_->statement("SELECT max(id) FROM runs WHERE status = 'completed'");
  StatementUse use(select);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

std::optional<std::int64_t> Database::previous_whole_run_id(std::int64_t run) {
  auto& select = impl_->statement(
      "SELECT max(id) FROM runs WHERE id < ?1 AND status = 'completed' AND scope IN ('full', 'merge')");
  StatementUse use(select);
  select.bind(0, run);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

std::optional<std::int64_t> Database::latest_whole_run_id() {
  return previous_whole_run_id(std::numeric_limits<std::int64_t>::max());
}

std::optional<std::int64_t> Database::latest_recheck_after(std::int64_t run) {
  auto& select =
      impl_->statement("SELECT max(id) FROM runs WHERE id > ?1 AND status = 'completed' AND scope = 'recheck'");
  StatementUse use(select);
  select.bind(0, run);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

std::optional<std::int64_t> Database::find_merge(const std::string& merge_key) {
  auto& select = impl_->statement("SELECT max(id) FROM runs WHERE merge_key = ?1 AND status = 'completed'");
  StatementUse use(select);
  select.bind(0, merge_key);
  if (!select.step() || select.is_null(0)) return std::nullopt;
  return select.integer(0);
}

void Database::for_each_record(std::int64_t run, const std::function<void(const PhoneRecord&)>& visit) {
  static const std::string sql = detail::select_results_sql();
  auto& select = impl_->statement(sql);
  StatementUse use(select);
  select.bind(0, run);
  while (select.step()) visit(detail::read_record(select));
}

std::set<std::string> Database::recorded_addresses(std::int64_t run) {
  std::set<std::string> addresses;
  auto& select = impl_->statement("SELECT address FROM results WHERE run_id = ?1");
  StatementUse use(select);
  select.bind(0, run);
  while (select.step()) addresses.emplace(select.text(0));
  return addresses;
}

std::size_t Database::for_each_history(const std::string& phone, std::size_t limit,
                                       const std::function<void(const RunSummary&, const PhoneRecord&)>& visit) {
  std::vector<std::pair<std::int64_t, PhoneRecord>> found; // read first: visit() may ask for the runs
  std::size_t count = 0;
  {
    static const std::string sql = detail::select_history_sql();
    auto& select = impl_->statement(sql);
    StatementUse use(select);
    select.bind(0, phone);
    const int run_column = static_cast<int>(detail::result_columns().size());
    std::int64_t last_run = 0;
    while (select.step()) {
      const auto run = select.integer(run_column);
      if (run == last_run) continue; // a host with two ports: the first of the run
      last_run = run;
      if (++count <= limit) found.emplace_back(run, detail::read_record(select));
    }
  }
  for (const auto& [run, record] : found)
    if (const auto summary = this->run(run)) visit(*summary, record);
  return count;
}

std::unordered_map<std::string, std::string> Database::failing_since(std::int64_t run) {
  // The streak is the run's failing phones' rows after their newest ok run, among whole-estate runs.
  auto& select = impl_->statement(
      "WITH w AS (SELECT id, started_at FROM runs WHERE id = ?1 OR (id < ?1 AND status = 'completed' "
      "                 AND scope IN ('full', 'merge'))), "
      "     now AS (SELECT address FROM results WHERE run_id = ?1 AND root_cause <> 'ok'), "
      "     r AS (SELECT results.address AS address, w.id AS id, w.started_at AS started_at, "
      "                  results.root_cause <> 'ok' AS failing "
      "           FROM now JOIN results ON results.address = now.address JOIN w ON results.run_id = w.id), "
      "     last_ok AS (SELECT address, max(id) AS id FROM r WHERE NOT failing GROUP BY address) "
      "SELECT r.address, min(r.started_at) FROM r LEFT JOIN last_ok ON last_ok.address = r.address "
      "WHERE r.failing AND r.id > coalesce(last_ok.id, 0) GROUP BY r.address");
  StatementUse use(select);
  select.bind(0, run);
  std::unordered_map<std::string, std::string> since;
  while (select.step()) since.emplace(select.text(0), select.text(1));
  return since;
}

std::vector<std::string> Database::proven_devices(std::int64_t run, std::size_t limit) {
  std::vector<std::string> names;
  auto& select = impl_->statement(
      "SELECT name FROM (SELECT CASE WHEN device_name <> '' THEN device_name ELSE device_host_name END AS name, "
      "address FROM results WHERE run_id = ?1 AND (screenshot = 'image' OR cucm_auth = 'authorized')) "
      "WHERE name <> '' ORDER BY address LIMIT ?2");
  StatementUse use(select);
  select.bind(0, run);
  select.bind(1, static_cast<std::int64_t>(limit));
  while (select.step()) names.emplace_back(select.text(0));
  return names;
}

std::unordered_map<std::string, diagnosis::RootCause> Database::causes_by_address(std::int64_t run) {
  std::unordered_map<std::string, diagnosis::RootCause> causes;
  auto& select = impl_->statement("SELECT address, root_cause FROM results WHERE run_id = ?1");
  StatementUse use(select);
  select.bind(0, run);
  while (select.step()) causes.emplace(select.text(0), cause_from_code(impl_->connection, select.text(1)));
  return causes;
}

} // namespace storage
