#include <app/scan_command.hpp>

#include <app/exit_status.hpp>
#include <app/password.hpp>
#include <app/summary_table.hpp>
#include <inventory/open_inventory.hpp>
#include <inventory/shard.hpp>
#include <scanner/diagnose.hpp>
#include <scanner/sweep.hpp>
#include <storage/database.hpp>
#include <storage/result_writer.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

namespace app {
namespace {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", c);
      else out += c;
    }
  }
  return out + "\"";
}

// What the run was asked to do, for the report. Never the password.
std::string options_json(const ScanOptions& o) {
  return fmt::format(
      R"({{"inventory":{},"targets":{},"user":{},"cucm":{},"concurrency":{},"auth_concurrency":{},)"
      R"("auth_rate":{},"timeout":{},"connect_timeout":{},"dns_server":{},"shard":{}}})",
      json_string(fmt::format("{}", fmt::join(o.inventory, ","))), json_string(o.targets), json_string(o.user), json_string(o.cucm), o.concurrency,
      o.auth_concurrency, o.auth_rate, o.timeout, o.connect_timeout, json_string(o.dns_server),
      json_string(o.shard));
}

scanner::SweepSettings sweep_settings(const ScanOptions& o, std::string password) {
  scanner::SweepSettings s;
  s.limits.concurrency = o.concurrency;
  s.limits.auth_concurrency = o.auth_concurrency;
  s.limits.auth_rate = o.auth_rate;
  s.limits.cucm_concurrency = o.cucm_concurrency;
  s.limits.cucm_rate = o.cucm_rate;
  s.limits.connect_timeout = std::chrono::milliseconds(static_cast<long>(o.connect_timeout * 1000));
  s.limits.total_timeout = std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
  s.limits.dns_server = o.dns_server;
  s.plan.cucm_url = o.cucm.empty() ? std::string() : authentication_service_url(o.cucm);
  s.plan.user = o.user;
  s.plan.password = std::move(password);
  return s;
}

void validate(const ScanOptions& o) {
  if (o.user.empty()) throw UsageError("--user is required");
  if (o.inventory.empty() && o.targets.empty()) throw UsageError("give --inventory FILE (or -) and/or --targets LIST");
  if (o.concurrency < 1) throw UsageError("--concurrency must be at least 1");
  if (o.auth_concurrency < 1) throw UsageError("--auth-concurrency must be at least 1");
  if (o.auth_rate < 0) throw UsageError("--auth-rate must be 0 (unlimited) or positive");
  if (o.timeout <= 0 || o.connect_timeout <= 0) throw UsageError("timeouts must be positive");
}

// Re-diagnoses every stored phone with what the whole sweep showed about the credentials: a
// phone finished early could not know that no other phone would accept them.
std::size_t apply_fleet_facts(storage::Database& db, std::int64_t run) {
  scanner::FleetFacts facts;
  db.for_each_record(run, [&](const storage::PhoneRecord& r) { scanner::accumulate(facts, r.evidence); });
  std::vector<storage::OutcomeUpdate> updates;
  db.for_each_record(run, [&](const storage::PhoneRecord& r) {
    scanner::Outcome outcome = scanner::diagnose(r.evidence, facts);
    if (outcome.cause != r.outcome.cause || outcome.detail != r.outcome.detail)
      updates.push_back({r.target.address(), std::move(outcome)});
  });
  return updates.empty() ? 0 : db.update_outcomes(run, updates);
}

} // namespace

std::string authentication_service_url(const std::string& cucm) {
  const auto scheme = cucm.find("://");
  const auto path = cucm.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos || cucm.substr(path) == "/")
    return cucm.substr(0, path) + "/ccmcip/authenticate.jsp";
  return cucm;
}

namespace {

std::unique_ptr<inventory::Reader> open_targets(const ScanOptions& o) {
  inventory::InventorySpec spec;
  spec.files = o.inventory;
  spec.targets = o.targets;
  if (o.inventory_format == "csv") spec.format = inventory::Format::csv;
  else if (o.inventory_format == "json") spec.format = inventory::Format::json;
  else if (o.inventory_format == "ndjson") spec.format = inventory::Format::ndjson;
  else if (o.inventory_format != "auto")
    throw UsageError("--inventory-format must be auto, csv, json or ndjson");
  try {
    return inventory::open_inventory(spec);
  } catch (const inventory::InventoryError& e) {
    throw UsageError(e.what());
  }
}

} // namespace

int run_scan(const ScanOptions& o, ScanSummary* summary) {
  validate(o);
  bool inventory_broken = false;
  std::string password = read_password(o.password_env, o.password_file);

  std::unique_ptr<inventory::Reader> reader = open_targets(o);
  inventory::Shard shard;
  if (!o.shard.empty()) {
    auto parsed = inventory::parse_shard(o.shard);
    if (!parsed) throw UsageError(parsed.error());
    shard = *parsed;
  }
  // Phones of other shards are passed over here, before anything is asked of them.
  const auto next_in_shard = [&]() -> std::optional<inventory::Target> {
    while (auto t = reader->next())
      if (inventory::in_shard(*t, shard)) return t;
    return std::nullopt;
  };
  // --strict: every row is checked before any phone is asked, so a bad inventory costs nothing.
  std::vector<inventory::Target> checked;
  std::size_t next_checked = 0;
  if (o.strict) {
    while (auto t = next_in_shard()) checked.push_back(std::move(*t));
    if (!reader->issues().empty()) {
      for (const auto& issue : reader->issues()) std::cerr << "error: " << issue.to_string() << '\n';
      throw UsageError(fmt::format("--strict: {} bad inventory rows; nothing was scanned",
                                   reader->issues().size()));
    }
  }
  const auto next_target = [&]() -> std::optional<inventory::Target> {
    if (o.strict) {
      if (next_checked == checked.size()) return std::nullopt;
      return std::move(checked[next_checked++]);
    }
    try {
      return next_in_shard();
    } catch (const inventory::InventoryError& e) {
      // The rest of the inventory is unreadable; the phones already admitted are still scanned.
      std::cerr << "error: " << e.what() << " (the rest of the inventory is not scanned)\n";
      inventory_broken = true;
      return std::nullopt;
    }
  };

  auto db = storage::Database::open(o.db);
  if (!db) throw RunError(db.error());
  const std::int64_t run = db->begin_run({options_json(o), PHONESWEEP_VERSION, 0});
  auto writer = storage::ResultWriter::open(o.db, run);
  if (!writer) throw RunError(writer.error());

  scanner::FleetFacts facts; // provisional: the final pass below settles fleet-level causes
  const scanner::SweepSettings settings = sweep_settings(o, std::move(password));
  scanner::SweepStats stats;
  try {
    stats = scanner::sweep(
        settings, next_target,
        [&](scanner::FinishedPhone&& phone) {
          scanner::accumulate(facts, phone.evidence);
          storage::PhoneRecord record;
          record.outcome = scanner::diagnose(phone.evidence, facts);
          record.target = std::move(phone.target);
          record.evidence = std::move(phone.evidence);
          record.checked_at = storage::utc_now();
          record.elapsed_ms = static_cast<double>(phone.elapsed.count()) / 1000.0;
          writer->push(std::move(record));
        });
  } catch (const std::runtime_error& e) {
    (void)writer->close();
    db->finish_run(run, storage::RunStatus::failed);
    throw RunError(e.what());
  }
  auto written = writer->close();
  if (!written) {
    db->finish_run(run, storage::RunStatus::failed);
    throw RunError(written.error());
  }
  for (const auto& issue : reader->issues()) std::cerr << "warning: " << issue.to_string() << '\n';
  if (!reader->issues().empty())
    std::cerr << fmt::format("warning: {} inventory rows skipped (--strict makes them fatal)\n",
                             reader->issues().size());

  apply_fleet_facts(*db, run);
  db->finish_run(run, storage::RunStatus::completed);
  const auto result = db->run(run);
  const long long ok = result && result->counts_by_cause.contains(scanner::RootCause::ok)
                           ? result->counts_by_cause.at(scanner::RootCause::ok)
                           : 0;
  const long long phones = result ? result->recorded : 0;
  const double seconds = static_cast<double>(stats.wall.count()) / 1000.0;
  if (summary) *summary = {run, phones, ok, seconds};

  if (o.quiet) {
    std::cout << fmt::format("run {}: {} phones, {} ok, {} failing, {:.1f} s\n", run, phones, ok,
                             phones - ok, seconds);
  } else if (result) {
    print_summary_table(std::cout, *result, seconds);
  }
  if (stats.local_errors > 0)
    throw RunError(fmt::format("{} requests failed on this machine (out of descriptors or memory?); "
                               "raise `ulimit -n` or lower --concurrency",
                               stats.local_errors));
  if (inventory_broken) throw UsageError("the inventory could not be read to the end; the phones read before the problem were scanned and recorded");
  return phones == ok ? exit_all_ok : exit_failures_found;
}

} // namespace app
