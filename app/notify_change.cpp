#include <app/notify_change.hpp>

#include <report/row.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <map>
#include <unordered_map>

namespace app {
namespace {

using diagnosis::RootCause;

std::string counts_json(const std::map<RootCause, std::int64_t>& counts) {
  std::string out = "{";
  for (const auto& [cause, count] : counts) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}:{}", util::json_string(diagnosis::to_string(cause)), count);
  }
  return out + "}";
}

struct Change {
  std::map<RootCause, std::int64_t> newly_failing; // by current cause
  std::map<RootCause, std::int64_t> fixed;         // by previous cause
  std::map<RootCause, std::int64_t> now;           // every phone of the run by cause
  std::int64_t newly_total = 0;
  std::int64_t fixed_total = 0;
  std::string phones = "["; // the first notice_phones newly failing
};

void add_phone(Change& c, const storage::PhoneRecord& record) {
  const report::Row row = report::make_row(record);
  if (c.phones.size() > 1) c.phones += ',';
  c.phones +=
      fmt::format(R"({{"device_name":{},"address":{},"site":{},"root_cause":{},"detail":{}}})",
                  util::json_string(row.device_name), util::json_string(row.address), util::json_string(row.site),
                  util::json_string(row.root_cause), util::json_string(row.detail));
}

Change compare(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against) {
  std::unordered_map<std::string, RootCause> before;
  if (against)
    db.for_each_record(*against, [&](const storage::PhoneRecord& r) { before[r.target.address()] = r.outcome.cause; });
  Change c;
  db.for_each_record(run, [&](const storage::PhoneRecord& r) {
    const RootCause cause = r.outcome.cause;
    ++c.now[cause];
    const auto was = before.find(r.target.address());
    const bool was_ok = was != before.end() && was->second == RootCause::ok;
    if (cause != RootCause::ok && (was == before.end() || was_ok)) {
      ++c.newly_failing[cause];
      if (static_cast<std::size_t>(c.newly_total++) < notice_phones) add_phone(c, r);
    } else if (cause == RootCause::ok && was != before.end() && !was_ok) {
      ++c.fixed[was->second];
      ++c.fixed_total;
    }
  });
  c.phones += ']';
  return c;
}

} // namespace

ChangeNotice change_notice(storage::Database& db, std::int64_t run, const NoticeContext& context) {
  const std::optional<std::int64_t> against = db.previous_completed_run_id(run);
  const Change c = compare(db, run, against);
  std::int64_t phones = 0;
  for (const auto& [cause, count] : c.now) phones += count;
  const std::int64_t ok = c.now.contains(RootCause::ok) ? c.now.at(RootCause::ok) : 0;
  ChangeNotice notice;
  notice.newly_failing = c.newly_total;
  notice.fixed = c.fixed_total;
  notice.json = fmt::format(
      R"({{"source":"phonesweep","run":{},"against":{},"db":{},"report":{},"phones":{},"ok":{},"failing":{},)"
      R"("causes":{},"newly_failing":{},"fixed":{},"newly_failing_by_cause":{},"fixed_by_previous_cause":{},)"
      R"("newly_failing_phones":{},"newly_failing_not_listed":{}}})",
      run, against ? std::to_string(*against) : std::string("null"), util::json_string(context.db),
      context.report.empty() ? std::string("null") : util::json_string(context.report), phones, ok, phones - ok,
      counts_json(c.now), c.newly_total, c.fixed_total, counts_json(c.newly_failing), counts_json(c.fixed), c.phones,
      c.newly_total > static_cast<std::int64_t>(notice_phones)
          ? c.newly_total - static_cast<std::int64_t>(notice_phones)
          : 0);
  return notice;
}

} // namespace app
