#pragma once
// What a scan hands to other systems once its run is settled and summarised: the phones as NDJSON
// (--ndjson), the metrics file (--metrics-file), and the change notification (--notify-url).
// All read the settled run from the database, so none can show a cause that later changes.
#include <app/scan_options.hpp>
#include <app/scan_summary.hpp>
#include <storage/database.hpp>

namespace app {

// Checks the options of these outputs before anything is opened; throws UsageError.
void check_output_options(const ScanOptions& options);

// Writes the files asked for and sends the notification. Throws UsageError / RunError when a
// file cannot be written (with the OS reason); a notification that cannot be delivered is a
// warning only.
void hand_over_run(const ScanOptions& options, storage::Database& db, const ScanResult& result);

} // namespace app
