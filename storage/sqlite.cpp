#include <storage/sqlite.hpp>

#include <fmt/format.h>

#include <utility>

namespace storage::detail {

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    throw error(fmt::format("cannot run \"{}\"", text.size() > 60 ? text.substr(0, 60) + "…" : text));
}

Error Connection::error(std::string_view what) const {
  return Error(fmt::format("database {}: {}: {}", path_, what, sqlite3_errmsg(db_)));
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(&connection) {
  if (sqlite3_prepare_v3(connection.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK)
    throw connection.error("cannot prepare a statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}

void Statement::bind(int index, std::string_view value) {
  // An empty view may have a null data(), which SQLite would store as NULL, not ''.
  const char* data = value.data() ? value.data() : "";
  if (sqlite3_bind_text64(stmt_, index + 1, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    throw connection_->error("cannot bind a value");
}

void Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index + 1, value) != SQLITE_OK) throw connection_->error("cannot bind a value");
}

void Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index + 1, value) != SQLITE_OK) throw connection_->error("cannot bind a value");
}

bool Statement::step() {
  switch (sqlite3_step(stmt_)) {
  case SQLITE_ROW: return true;
  case SQLITE_DONE: return false;
  default: throw connection_->error("statement failed");
  }
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::text(int column) const {
  // sqlite3_column_text before sqlite3_column_bytes: the documented order for a stable length.
  const auto* data = sqlite3_column_text(stmt_, column);
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return data ? std::string_view(reinterpret_cast<const char*>(data), size) : std::string_view{};
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string_view Statement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? std::string_view(name) : std::string_view{};
}

Transaction::Transaction(Connection& connection) : connection_(connection) { connection_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  // A failed statement may already have rolled SQLite back; ROLLBACK then fails harmlessly.
  if (!done_) sqlite3_exec(connection_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

} // namespace storage::detail
