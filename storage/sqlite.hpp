#pragma once
// Thin RAII over the SQLite C API, private to storage/ (only storage speaks SQL). Every failure
// throws storage::Error whose message names the database file and quotes sqlite3_errmsg.
#include <storage/error.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace storage::detail {

// An open connection and the file it is for (for messages). Owns `db`.
class Connection {
public:
  Connection(sqlite3* db, std::string path) noexcept : db_(db), path_(std::move(path)) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] sqlite3* get() const noexcept { return db_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  // Runs one or more statements that return no rows of interest.
  void exec(std::string_view sql);
  // "database PATH: WHAT: sqlite's message" as an Error, ready to throw.
  [[nodiscard]] Error error(std::string_view what) const;

private:
  sqlite3* db_;
  std::string path_;
};

// A prepared statement. Columns and parameters are 0-based here (SQLite binds from 1).
// The Connection must outlive it.
class Statement {
public:
  Statement(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  void bind(int index, std::string_view value);
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  // true: a row is ready to read; false: done.
  bool step();
  // Back to the start with no bindings; also ends the read transaction a SELECT holds.
  void reset() noexcept;

  [[nodiscard]] std::string_view text(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::string_view column_name(int column) const;
  [[nodiscard]] Connection& connection() const noexcept { return *connection_; }

private:
  Connection* connection_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement when a use of it ends, even by an exception, so that no cached statement
// keeps a read transaction open (which would stop WAL checkpoints) or keeps stale bindings.
class StatementUse {
public:
  explicit StatementUse(Statement& statement) noexcept : statement_(statement) {}
  ~StatementUse() { statement_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  Statement* operator->() const noexcept { return &statement_; }

private:
  Statement& statement_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back unless commit() succeeded. IMMEDIATE takes the write
// lock up front so the busy timeout applies, instead of failing at the first write.
class Transaction {
public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

private:
  Connection& connection_;
  bool done_ = false;
};

} // namespace storage::detail
