#include <app/output_file.hpp>

#include <app/exit_status.hpp>

#include <utility>

namespace app {

util::AtomicFile open_output_file(const std::string& path) {
  auto file = util::AtomicFile::open(path);
  if (file) return std::move(*file);
  if (file.error().kind == util::WriteError::Kind::unusable) throw UsageError(file.error().message);
  throw RunError(file.error().message);
}

void commit_output_file(util::AtomicFile& file) {
  if (auto committed = file.commit(); !committed) throw RunError(committed.error().message);
}

void write_output_file(const std::string& path, std::string_view text) {
  if (auto written = util::write_file(path, text); !written) {
    if (written.error().kind == util::WriteError::Kind::unusable) throw UsageError(written.error().message);
    throw RunError(written.error().message);
  }
}

} // namespace app
