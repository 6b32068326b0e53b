#include <app/history_command.hpp>

#include <app/log_options.hpp>

#include <app/exit_status.hpp>
#include <report/row.hpp>
#include <report/run_notes.hpp>
#include <storage/database.hpp>
#include <util/json_text.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <utility>

namespace app {
namespace {

struct Entry {
  storage::RunSummary run;
  report::Row row;
  std::string itl_detail;
  std::string cucm_detail;
};

std::string evidence_text(const Entry& e) {
  std::string text = fmt::format("screenshot {}", e.row.screenshot);
  if (!e.row.http_status.empty()) text += fmt::format(" (HTTP {})", e.row.http_status);
  if (!e.row.phone_error.empty()) text += fmt::format(", phone error {}", e.row.phone_error);
  text += fmt::format(", CUCM {}, ITL {}, transport {}", e.row.cucm_auth, e.row.itl_state, e.row.transport);
  if (!e.row.firmware.empty()) text += fmt::format(", firmware {}", e.row.firmware);
  return text;
}

void print_text(const std::vector<Entry>& entries) {
  const report::Row& newest = entries.front().row;
  std::cout << fmt::format(
      "{} ({}{}{}): newest run first\n", newest.device_name.empty() ? "(no name)" : newest.device_name, newest.address,
      newest.model.empty() ? "" : ", " + newest.model, newest.site.empty() ? "" : ", site " + newest.site);
  for (const auto& e : entries) {
    std::cout << fmt::format("run {}  {}  {:<20} {}\n", e.run.id, e.run.started_at, report::scope_text(e.run),
                             e.row.root_cause);
    std::cout << fmt::format("    {}\n    {}\n", e.row.detail, evidence_text(e));
    if (!e.itl_detail.empty()) std::cout << fmt::format("    ITL: {}\n", e.itl_detail);
    if (!e.cucm_detail.empty()) std::cout << fmt::format("    CUCM: {}\n", e.cucm_detail);
  }
}

void print_json(const std::vector<Entry>& entries) {
  std::string out = "[";
  for (const auto& e : entries) {
    if (out.size() > 1) out += ",\n";
    out += fmt::format(
        "{{\"run\":{},\"started_at\":{},\"scope\":{},\"device_name\":{},\"address\":{},\"model\":{},"
        "\"site\":{},\"root_cause\":{},\"detail\":{},\"screenshot\":{},\"http_status\":{},"
        "\"phone_error\":{},\"cucm_auth\":{},\"itl_state\":{},\"transport\":{},\"firmware\":{},"
        "\"itl_detail\":{},\"cucm_detail\":{},\"checked_at\":{}}}",
        e.run.id, util::json_string(e.run.started_at), util::json_string(storage::code(e.run.kind)),
        util::json_string(e.row.device_name), util::json_string(e.row.address), util::json_string(e.row.model),
        util::json_string(e.row.site), util::json_string(e.row.root_cause), util::json_string(e.row.detail),
        util::json_string(e.row.screenshot), util::json_string(e.row.http_status), util::json_string(e.row.phone_error),
        util::json_string(e.row.cucm_auth), util::json_string(e.row.itl_state), util::json_string(e.row.transport),
        util::json_string(e.row.firmware), util::json_string(e.itl_detail), util::json_string(e.cucm_detail),
        util::json_string(e.row.checked_at));
  }
  std::cout << out << "]\n";
}

} // namespace

Command register_history(CLI::App& cli) {
  auto history = std::make_shared<HistoryOptions>();
  CLI::App* cmd = cli.add_subcommand("history", "one phone's root cause, detail and evidence in every run");
  cmd->add_option("phone", history->phone, "device name (SEP…), address or host")->required();
  cmd->add_option("--db", history->db, "SQLite database")->capture_default_str();
  cmd->add_option("--last", history->last, "newest runs to show")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--json", history->json, "one JSON array, newest run first");
  add_log_format_option(*cmd);
  return {cmd, [history] { return run_history(*history); }};
}

int run_history(const HistoryOptions& o) {
  auto db = storage::Database::open(o.db, storage::Database::Mode::read_only);
  if (!db) throw UsageError(db.error());
  std::vector<Entry> entries;
  const auto total =
      db->for_each_history(o.phone, o.last, [&](const storage::RunSummary& run, const storage::PhoneRecord& record) {
        entries.push_back({run, report::make_row(record), util::printable(record.evidence.itl_detail),
                           util::printable(record.evidence.cucm_detail)});
      });
  if (entries.empty()) throw UsageError(fmt::format("{}: no run holds a phone named or addressed {}", o.db, o.phone));
  if (o.json) {
    print_json(entries);
  } else {
    print_text(entries);
    if (total > entries.size())
      std::cout << fmt::format("… and {} older runs (--last N shows more)\n", total - entries.size());
  }
  return exit_all_ok;
}

} // namespace app
