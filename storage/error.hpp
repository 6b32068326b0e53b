#pragma once
// The one exception type storage throws: a fatal database failure (disk full, corrupt file,
// locked beyond the busy timeout, a code this build does not know). The message names the
// database file and carries SQLite's own explanation. main() catches it and exits 3.
#include <stdexcept>
#include <string>

namespace storage {

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace storage
