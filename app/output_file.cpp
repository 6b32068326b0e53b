#include <app/output_file.hpp>

#include <app/exit_status.hpp>
#include <util/atomic_file.hpp>

namespace app {

void write_output_file(const std::string& path, std::string_view text) {
  if (auto written = util::write_file(path, text); !written) {
    if (written.error().kind == util::WriteError::Kind::unusable) throw UsageError(written.error().message);
    throw RunError(written.error().message);
  }
}

} // namespace app
