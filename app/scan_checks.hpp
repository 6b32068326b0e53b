#pragma once
// What `phonesweep scan` refuses before it reads the password or touches a database, and what it
// says when there is no phone to ask. Kept apart from the scan's flow (scan_command.cpp).
#include <inventory/reader.hpp>
#include <scanner/engine.hpp>

#include <string>

namespace app {

struct ScanOptions;

// Throws UsageError naming the option: --timeout / --connect-timeout that are not a number of
// seconds from 0.001 to 3600 (NaN, infinity and under 1 ms included: libcurl reads 0 ms as no
// timeout at all), an --auth-rate that is neither 0 (unlimited) nor from 0.001 to 1,000,000 per
// second, and --max-targets 0.
void check_scan_numbers(const ScanOptions& options);

// Throws RunError (exit 3: the machine's limit, not the command line) when the open-file limit
// cannot serve these limits; called before anything is allocated or recorded.
void check_descriptors(const scanner::EngineLimits& limits);

// The inventory's bad rows at `level` (warnings; errors under --strict): the first few, then how many more (the rest
// would be a line per row of a broken file).
void log_row_issues(const inventory::Reader& reader, std::string_view level = "warning");

// Why a scan has nothing to ask: the inventory's name and, when it had bad rows, how many and the
// first few of them.
std::string no_phones_reason(const ScanOptions& options, const inventory::Reader* reader);

} // namespace app
