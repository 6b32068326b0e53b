#include <app/discover_command.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/log_options.hpp>
#include <app/output_file.hpp>
#include <app/password.hpp>
#include <app/service_urls.hpp>
#include <app/signals.hpp>
#include <cucm/discovery.hpp>
#include <cucm/inventory_csv.hpp>
#include <inventory/csv_reader.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

namespace app {
namespace {

bool stop_requested() { return StopSignals::received() != 0; }

// Checks the options before anything is asked (the password included); returns the RisPort rate.
cucm::RateSpec checked_rate(const DiscoverOptions& o) {
  if (o.cucm.empty()) throw UsageError("--cucm is required");
  if (o.user.empty()) throw UsageError("--user is required");
  if (o.risport_batch < 1 || o.risport_batch > cucm::risport_max_items)
    throw UsageError("--risport-batch must be between 1 and 1000");
  if (o.axl_page < 1) throw UsageError("--axl-page must be at least 1");
  const auto rate = cucm::parse_rate(o.risport_rate);
  if (!rate) throw UsageError("--risport-rate: " + rate.error());
  if (!o.cacert.empty() && !std::filesystem::exists(o.cacert))
    throw UsageError("--cacert " + o.cacert + ": no such file");
  return *rate;
}

class DiscoveredReader final : public inventory::Reader {
public:
  DiscoveredReader(std::string csv, std::string name) : text_(std::move(csv)), csv_(text_, std::move(name)) {}
  std::optional<inventory::Target> next() override { return csv_.next(); }
  [[nodiscard]] const std::vector<inventory::RowIssue>& issues() const override { return csv_.issues(); }

private:
  std::istringstream text_; // before csv_, which reads it
  inventory::CsvReader csv_;
};

} // namespace

std::unique_ptr<inventory::Reader> discovered_reader(std::string csv, std::string name) {
  try {
    return std::make_unique<DiscoveredReader>(std::move(csv), std::move(name));
  } catch (const inventory::InventoryError& e) {
    throw RunError(e.what());
  }
}

DiscoveredInventory discover_inventory(const DiscoverOptions& o, std::string password, cucm::Transport* shared,
                                       cucm::RateLimiter* limiter) {
  const cucm::RateSpec rate = checked_rate(o);

  cucm::Endpoint endpoint;
  endpoint.base_url = cucm::base_url(o.cucm);
  endpoint.user = o.user;
  endpoint.password = std::move(password);
  endpoint.cacert = o.cacert;
  endpoint.insecure = o.insecure;
  endpoint.proxy = o.proxy;
  endpoint.stop_requested = stop_requested;
  if (o.insecure) log_warning("--insecure: the CUCM's certificate is not verified");
  std::optional<cucm::CurlTransport> own;
  cucm::Transport& transport = shared != nullptr ? *shared : own.emplace(endpoint);

  cucm::DiscoveryOptions options;
  options.name_pattern = o.name_pattern;
  options.page_size = o.axl_page;
  options.batch_size = o.risport_batch;
  options.risport_rate = rate;
  options.axl_version = o.axl_version;
  cucm::DiscoveryHooks hooks;
  hooks.note = [&](const std::string& line) {
    // Progress is for a person watching (--quiet leaves it out); throttling is a real problem (the
    // CUCM refused our pace: --risport-rate is above what it allows) and always said.
    const bool throttle = line.find("backing off") != std::string::npos;
    log_say(throttle ? "warning" : "info", throttle ? "risport_throttled" : "discover_progress", "discover: " + line);
  };
  hooks.stopped = stop_requested;
  hooks.limiter = limiter;
  auto result = cucm::discover(transport, options, hooks);
  if (!result && stop_requested())
    throw RunError(fmt::format("stopped by {} during discovery", signal_name(StopSignals::received())));
  if (!result) throw RunError(endpoint.base_url + ": " + result.error());

  cucm::InventoryCsv csv = cucm::inventory_csv(result->phones, o.phone_port);
  DiscoveredInventory out;
  out.csv = std::move(csv.text);
  out.view.url = endpoint.base_url;
  out.view.name_pattern = o.name_pattern;
  out.view.phones = result->phones.size();
  out.view.without_address = std::move(csv.without_address);
  for (const auto& p : result->phones) {
    if (!p.ris) continue;
    if (p.ris->status != "Registered") ++out.view.unregistered;
    if (cucm::httpd_code(p.ris->httpd) == "no") ++out.view.web_disabled;
  }
  const auto& missing = out.view.without_address;
  if (!missing.empty()) {
    std::string names;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) names += (i ? ", " : "") + missing[i];
    if (missing.size() > 10) names += ", ...";
    log_say("warning", "discover_without_address",
            fmt::format("discover: warning: {} phones have no address in RisPort (never registered?) "
                        "and are not in the inventory: {}",
                        missing.size(), names),
            {{"phones", std::to_string(missing.size())}});
  }
  log_say("info", "discovered",
          fmt::format("discover: {} phones found ({} not registered, {} with the web server off); "
                      "{} AXL and {} RisPort requests, {} throttled",
                      out.view.phones - missing.size(), out.view.unregistered, out.view.web_disabled,
                      result->axl_requests, result->risport_requests, result->rate_faults),
          {{"phones", std::to_string(out.view.phones - missing.size())},
           {"unregistered", std::to_string(out.view.unregistered)},
           {"web_disabled", std::to_string(out.view.web_disabled)},
           {"axl_requests", std::to_string(result->axl_requests)},
           {"risport_requests", std::to_string(result->risport_requests)},
           {"throttled", std::to_string(result->rate_faults)}});
  return out;
}

Command register_discover(CLI::App& cli) {
  auto d = std::make_shared<DiscoverOptions>();
  CLI::App* cmd = cli.add_subcommand("discover", "inventory CSV from the CUCM (AXL listPhone + RisPort70)");
  cmd->add_option("--cucm", d->cucm, "CUCM base URL, e.g. https://cucm.example.net:8443")->required();
  cmd->add_option("--user", d->user, "AXL-enabled user")->required();
  auto* env = cmd->add_option("--password-env", d->password_env, "environment variable holding the password")
                  ->capture_default_str();
  cmd->add_option("--password-file", d->password_file, "file holding the password (mode 600)")->excludes(env);
  cmd->add_option("-o,--output", d->output, "inventory CSV to write, - for stdout")->capture_default_str();
  cmd->add_option("--cacert", d->cacert, "PEM CA certificate(s) to verify the CUCM with");
  cmd->add_flag("--insecure", d->insecure, "do not verify the CUCM's certificate");
  cmd->add_option("--proxy", d->proxy,
                  "proxy for the requests to the CUCM (proxy variables in the environment are ignored)");
  cmd->add_option("--name", d->name_pattern, "device names LIKE this (% wildcard), e.g. SEP%")->capture_default_str();
  cmd->add_option("--phone-port", d->phone_port, "phones' web port written into every address (default: none)");
  cmd->add_option("--risport-rate", d->risport_rate,
                  "RisPort70 requests per window, REQUESTS/SECONDS (the CUCM allows 15/60)")
      ->capture_default_str();
  cmd->add_option("--risport-batch", d->risport_batch, "device names per RisPort70 request (1-1000)")
      ->capture_default_str();
  cmd->add_option("--axl-page", d->axl_page, "listPhone rows per AXL request")->capture_default_str();
  cmd->add_option("--axl-version", d->axl_version, "AXL schema version")->capture_default_str();
  cmd->add_flag("--quiet", d->quiet, "no progress lines, only warnings and errors");
  add_log_format_option(*cmd);

  return {cmd, [d] { return run_discover(*d); }};
}

int run_discover(const DiscoverOptions& o) {
  set_quiet(o.quiet);
  checked_rate(o);
  check_service_url("--cucm", o.cucm); // scan checks its --cucm-discover itself
  StopSignals signals;
  SecretsGuard secrets; // before the password is in memory
  DiscoveredInventory found = discover_inventory(o, read_password(o.password_env, o.password_file));
  write_output_file(o.output, found.csv);
  const std::size_t written = found.view.phones - found.view.without_address.size();
  log_say("info", "discover_written",
          fmt::format("discover: {} phones written to {}", written, o.output == "-" ? std::string("stdout") : o.output),
          {{"phones", std::to_string(written)}});
  return exit_all_ok;
}

} // namespace app
