#pragma once
// One JSON object per phone, one per line (NDJSON), for machines: the CSV's fields with their
// types (numbers as numbers, `https` a boolean, an absent phone error or HTTP status null), the
// evidence the diagnosis read under "evidence", and the run id; in the style of zgrab2 / httpx
// output. Texts are the CSV's (report/row.hpp: valid UTF-8, control characters shown).
#include <storage/database.hpp>

#include <cstdint>
#include <ostream>
#include <string>

namespace report {

// The phone's line, without its newline.
std::string ndjson_line(const storage::PhoneRecord& record, std::int64_t run);

// Every phone of `run` in storage order (as the CSV), one line each. Throws storage::Error when
// the run does not exist or the database fails; stream errors are left in `out`'s state.
void write_ndjson(std::ostream& out, storage::Database& db, std::int64_t run);

} // namespace report
