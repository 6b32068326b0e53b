#pragma once
// Opens what the user named on the command line as one Reader: an inventory file (CSV, JSON
// array or NDJSON, chosen by extension or, for stdin and unknown extensions, by the first
// character), `-` for stdin, a --targets list, or several of these one after the other with
// duplicate addresses removed across them.
#include <inventory/range_reader.hpp>
#include <inventory/reader.hpp>

#include <memory>
#include <string>
#include <vector>

namespace inventory {

enum class Format { automatic, csv, json, ndjson };

struct InventorySpec {
  std::vector<std::string> files; // paths, "-" for stdin
  std::string targets;            // --targets list, may be empty
  Format format = Format::automatic;
  std::uint64_t max_targets = default_max_targets; // the most addresses `targets` may expand to
};

// Throws InventoryError for a file that cannot be opened or read or is a directory (naming it),
// and for a bad --targets list or one over max_targets.
std::unique_ptr<Reader> open_inventory(const InventorySpec& spec);

} // namespace inventory
