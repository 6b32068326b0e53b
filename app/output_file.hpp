#pragma once
// Writing one of a command's output files (an inventory, a fix's BAT or manual-steps CSV) through
// util::AtomicFile: a failed run never leaves half a file, a link planted beside the target is never
// followed, "-" is standard output.
#include <util/atomic_file.hpp>

#include <string>
#include <string_view>

namespace app {

// Throws UsageError when `path` cannot take an output at all (a directory, a device), RunError
// when writing it fails (no such directory, permissions, disk full).
void write_output_file(const std::string& path, std::string_view text);

// An output file to stream into and commit(); throws as write_output_file when it cannot be opened.
util::AtomicFile open_output_file(const std::string& path);

// Commits `file`; throws RunError naming it with the OS reason when that fails (disk full).
void commit_output_file(util::AtomicFile& file);

} // namespace app
