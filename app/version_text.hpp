#pragma once
// What `phonesweep --version` prints: the version, the commit it was built from, and the versions
// of the libraries it runs with (a bug report names them, and a distribution's security update of
// libcurl or SQLite shows here without a rebuild).
#include <string>

namespace app {

// "phonesweep 0.1.0 (commit 1a2b3c4d5e6f)\nlibcurl 7.88.1, c-ares 1.18.1, SQLite 3.40.1, simdjson 3.1.5, pugixml 1.13"
std::string version_text();

} // namespace app
