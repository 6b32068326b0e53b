#include <app/fix_verify.hpp>

#include <app/exit_status.hpp>
#include <app/output_file.hpp>
#include <app/scan_command.hpp>
#include <inventory/csv_writer.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace app {
namespace {

// A directory only this user can enter, removed with its contents when the scope ends.
class PrivateDir {
public:
  PrivateDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/phonesweep-fix-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
      throw RunError(fmt::format("--verify: cannot make a temporary directory: {}", std::strerror(errno)));
    path_ = pattern;
  }
  ~PrivateDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

ScanOptions verify_scan(const FixOptions& o, const FixDiagnosis& d, const std::string& inventory) {
  ScanOptions s;
  s.inventory = {inventory};
  s.only_failed = true;
  s.db = o.db;
  s.user = d.user;
  s.password_env = o.password_env;
  s.password_file = o.password_file;
  s.cucm = o.cucm.empty() ? d.cucm : o.cucm;
  s.timeout = d.timeout;
  s.connect_timeout = d.connect_timeout;
  s.dns_server = d.dns_server;
  // The caps the run used (recorded with it; a shard's share for a shard's run).
  if (d.concurrency) s.concurrency = *d.concurrency;
  if (d.max_failed_logons) s.max_failed_logons = *d.max_failed_logons;
  if (d.auth_concurrency) {
    s.auth_concurrency = *d.auth_concurrency;
    s.auth_concurrency_given = true;
  }
  if (d.auth_rate) {
    s.auth_rate = *d.auth_rate;
    s.auth_rate_given = true;
  }
  s.end_user = d.end_user;
  s.cacert = o.cacert;
  s.insecure = o.insecure;
  s.proxy = o.proxy;
  s.quiet = o.quiet;
  // AXL again, so that the new run records the user as it is now; scan reads an AXL password
  // only from the environment.
  if (o.axl_password_file.empty()) {
    s.axl = o.axl;
    s.axl_user = o.axl_user;
    s.axl_password_env = o.axl_password_env;
  }
  return s;
}

} // namespace

VerifyResult verify_phones(const FixOptions& o, const FixDiagnosis& d, const std::vector<const FixPhone*>& phones,
                           storage::Database& db) {
  VerifyResult result;
  std::vector<inventory::Target> targets;
  for (const auto* p : phones) {
    if (p->target.from_range) ++result.not_checked;
    else targets.push_back(p->target);
  }
  if (targets.empty()) return result;
  PrivateDir dir;
  const std::string inventory = dir.file("changed-phones.csv");
  write_output_file(inventory, inventory::csv_text(targets));
  ScanSummary summary;
  run_scan(verify_scan(o, d, inventory), &summary);
  result.run = summary.run_id;
  if (result.run == 0) return result; // nothing was in scope: none of them failed in the newest run
  const auto causes = db.causes_by_address(result.run);
  for (const auto& t : targets) {
    const auto it = causes.find(t.address());
    if (it == causes.end()) continue;
    ++result.phones;
    if (it->second == diagnosis::RootCause::ok) ++result.ok;
  }
  return result;
}

} // namespace app
