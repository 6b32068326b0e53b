#pragma once
// The database schema as an ordered list of migrations: migration i (0-based) takes a database
// from `PRAGMA user_version` i to i + 1. A shipped migration is never edited; change the schema
// by appending one.
#include <span>
#include <string_view>

namespace storage {

std::span<const std::string_view> migrations();

// The schema version this build writes and understands (the number of migrations).
int schema_version();

} // namespace storage
