#pragma once
// The results table's columns and how each maps to a PhoneRecord field, declared once: the
// INSERT and SELECT statements and the binding code are generated from this table. It must agree
// with the CREATE TABLE in schema.cpp (a test compares it with PRAGMA table_info).
#include <storage/record.hpp>
#include <storage/sqlite.hpp>

#include <span>
#include <string>
#include <string_view>

namespace storage::detail {

struct ResultColumn {
  std::string_view name;
  void (*write)(Statement& statement, int index, const PhoneRecord& record);
  // nullptr for a column derived from others. Throws Error on a code this build does
  // not know.
  void (*read)(const Statement& statement, int index, PhoneRecord& record);
};

// Every results column except run_id, in table order.
std::span<const ResultColumn> result_columns();

// "INSERT INTO results (run_id, …) VALUES (?1, …) ON CONFLICT DO NOTHING"; run_id is parameter 0.
std::string insert_result_sql();
// "SELECT … FROM results WHERE run_id = ?1 ORDER BY <root cause precedence>, site, address".
std::string select_results_sql();

// "SELECT …, run_id FROM results WHERE <the phone is ?1> ORDER BY run_id DESC": one phone in
// every run, by device name (any case), address or host; run_id is the column after the record's.
std::string select_history_sql();

// Binds `record` to an insert_result_sql() statement (after run_id).
void bind_record(Statement& insert, const PhoneRecord& record);
// Reads the current row of a select_results_sql() statement.
PhoneRecord read_record(const Statement& select);

} // namespace storage::detail
