#include <report/manager_csv.hpp>

#include <report/remedies.hpp>
#include <util/csv_cell.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace report {
namespace {

using diagnosis::RootCause;

constexpr std::array<std::string_view, 11> phone_columns{"device_name", "address",    "site",       "model",
                                                         "status",      "problem",    "what_to_do", "failing_since",
                                                         "run_date",    "root_cause", "detail"};

constexpr std::string_view crlf = "\r\n";

void line(std::string& out, std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (const auto cell : cells) {
    if (!first) out += ',';
    first = false;
    util::append_csv_cell(out, cell, util::Formulas::neutralised);
  }
  out += crlf;
}

std::string date_of(std::string_view stamp) {
  return std::string(stamp.substr(0, std::min<std::size_t>(10, stamp.size())));
}

std::size_t at(RootCause cause) { return static_cast<std::size_t>(cause); }

} // namespace

std::span<const std::string_view> manager_csv_columns() { return phone_columns; }

ManagerCsv::ManagerCsv(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against) {
  const auto summary = db.run(run);
  if (!summary) throw storage::Error(fmt::format("database {}: no run {}", db.path(), run));
  run_date_ = date_of(summary->started_at);
  if (!against) against = db.previous_whole_run_id(run);
  if (against) before_ = db.causes_by_address(*against);
  since_ = db.failing_since(run);
}

void ManagerCsv::add(const storage::PhoneRecord& record, const Row& row) {
  const RootCause cause = record.outcome.cause;
  const auto found = before_.find(row.address);
  const bool failed_before = found != before_.end() && found->second != RootCause::ok;
  ++total_;
  ++tally_[at(cause)].phones;
  std::string_view status;
  std::string* out = &ok_;
  if (cause != RootCause::ok) {
    out = &failing_;
    status = failed_before ? "still failing" : "new";
    ++(failed_before ? tally_[at(cause)].still : tally_[at(cause)].newly);
  } else if (failed_before) {
    out = &fixed_;
    status = "fixed";
    ++tally_[at(found->second)].fixed;
  } else {
    status = "ok";
  }
  const auto since = since_.find(row.address);
  const std::string since_date = since == since_.end() ? std::string() : date_of(since->second);
  line(*out, {row.device_name, row.address, row.site, row.model, status, guide(cause).title, guide(cause).action,
              since_date, run_date_, row.root_cause, row.detail});
}

void ManagerCsv::write_phones(std::ostream& out, const CsvOptions& options) const {
  if (options.excel_bom) out << "\xEF\xBB\xBF";
  std::string head;
  line(head,
       {phone_columns[0], phone_columns[1], phone_columns[2], phone_columns[3], phone_columns[4], phone_columns[5],
        phone_columns[6], phone_columns[7], phone_columns[8], phone_columns[9], phone_columns[10]});
  out << head << failing_ << fixed_ << ok_;
}

void ManagerCsv::write_causes(std::ostream& out, const CsvOptions& options) const {
  if (options.excel_bom) out << "\xEF\xBB\xBF";
  std::vector<std::size_t> causes;
  for (std::size_t i = 1; i < tally_.size(); ++i)
    if (tally_[i].phones > 0 || tally_[i].fixed > 0) causes.push_back(i);
  std::stable_sort(causes.begin(), causes.end(),
                   [&](std::size_t a, std::size_t b) { return tally_[a].phones > tally_[b].phones; });
  std::string text;
  line(text, {"root_cause", "problem", "what_to_do", "phones", "share", "new", "still_failing", "fixed"});
  for (const auto i : causes) {
    const auto cause = static_cast<RootCause>(i);
    const auto& t = tally_[i];
    const double share = total_ > 0 ? 100.0 * static_cast<double>(t.phones) / static_cast<double>(total_) : 0.0;
    line(text, {diagnosis::to_string(cause), guide(cause).title, guide(cause).action, fmt::format("{}", t.phones),
                fmt::format("{:.1f} %", share), fmt::format("{}", t.newly), fmt::format("{}", t.still),
                fmt::format("{}", t.fixed)});
  }
  out << text;
}

} // namespace report
