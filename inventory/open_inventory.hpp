#pragma once
// Opens what the user named on the command line as one Reader: an inventory file (CSV, JSON
// array or NDJSON, chosen by extension or, for stdin and unknown extensions, by the first
// character), `-` for stdin, a --targets list, or several of these one after the other with
// duplicate addresses removed across them.
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
};

// Throws InventoryError for a file that cannot be opened or read (naming it) and for a bad
// --targets list.
std::unique_ptr<Reader> open_inventory(const InventorySpec& spec);

} // namespace inventory
