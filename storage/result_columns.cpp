#include <storage/result_columns.hpp>

#include <storage/extra_json.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace storage::detail {
namespace {

using diagnosis::RootCause;

Error unknown_code(const Statement& statement, int index) {
  return Error(fmt::format("database {}: results.{} holds '{}', which this phonesweep does not know "
                           "(written by a newer version?)",
                           statement.connection().path(), statement.column_name(index), statement.text(index)));
}

template <class Enum>
Enum read_code(const Statement& statement, int index) {
  const std::optional<Enum> value = from_code<Enum>(statement.text(index));
  if (!value) throw unknown_code(statement, index);
  return *value;
}

std::int64_t flag(bool value) { return value ? 1 : 0; }

std::string text(const Statement& statement, int index) { return std::string(statement.text(index)); }

using S = Statement;
using R = PhoneRecord;

// clang-format off
constexpr std::array<ResultColumn, 39> columns{{
  // Derived from host and port, but the scheme lives only here ("https://" for an HTTPS phone).
  {"address", [](S& s, int i, const R& r) { s.bind(i, r.target.address()); },
              [](const S& s, int i, R& r) { r.target.https = s.text(i).substr(0, 8) == "https://"; }},
  {"host", [](S& s, int i, const R& r) { s.bind(i, r.target.host); },
           [](const S& s, int i, R& r) { r.target.host = text(s, i); }},
  {"port", [](S& s, int i, const R& r) { s.bind(i, std::int64_t{r.target.port}); },
           [](const S& s, int i, R& r) { r.target.port = static_cast<std::uint16_t>(s.integer(i)); }},
  {"device_name", [](S& s, int i, const R& r) { s.bind(i, r.target.device_name); },
                  [](const S& s, int i, R& r) { r.target.device_name = text(s, i); }},
  {"model", [](S& s, int i, const R& r) { s.bind(i, r.target.model); },
            [](const S& s, int i, R& r) { r.target.model = text(s, i); }},
  {"site", [](S& s, int i, const R& r) { s.bind(i, r.target.site); },
           [](const S& s, int i, R& r) { r.target.site = text(s, i); }},
  {"description", [](S& s, int i, const R& r) { s.bind(i, r.target.description); },
                  [](const S& s, int i, R& r) { r.target.description = text(s, i); }},
  {"extra_json", [](S& s, int i, const R& r) { s.bind(i, encode_extra(r.target.extra)); },
                 [](const S& s, int i, R& r) {
                   auto extra = decode_extra(s.text(i));
                   if (!extra) throw Error(fmt::format("database {}: results.extra_json is not an "
                                                       "array of [name, value] pairs",
                                                       s.connection().path()));
                   r.target.extra = std::move(*extra);
                 }},
  {"root_cause", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.outcome.cause)); },
                 [](const S& s, int i, R& r) { r.outcome.cause = read_code<RootCause>(s, i); }},
  {"detail", [](S& s, int i, const R& r) { s.bind(i, r.outcome.detail); },
             [](const S& s, int i, R& r) { r.outcome.detail = text(s, i); }},
  {"target_lookup", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.target_lookup)); },
                    [](const S& s, int i, R& r) { r.evidence.target_lookup = read_code<diagnosis::NameLookup>(s, i); }},
  {"target_lookup_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.lookup_detail); },
                           [](const S& s, int i, R& r) { r.evidence.lookup_detail = text(s, i); }},
  {"transport", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.transport)); },
                [](const S& s, int i, R& r) { r.evidence.transport = read_code<diagnosis::TransferStatus>(s, i); }},
  {"transport_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.transport_detail); },
                       [](const S& s, int i, R& r) { r.evidence.transport_detail = text(s, i); }},
  {"any_answer", [](S& s, int i, const R& r) { s.bind(i, flag(r.evidence.any_answer)); },
                 [](const S& s, int i, R& r) { r.evidence.any_answer = s.integer(i) != 0; }},
  {"device_info_read", [](S& s, int i, const R& r) { s.bind(i, flag(r.evidence.device_info_read)); },
                       [](const S& s, int i, R& r) { r.evidence.device_info_read = s.integer(i) != 0; }},
  {"device_model", [](S& s, int i, const R& r) { s.bind(i, r.evidence.device.model); },
                   [](const S& s, int i, R& r) { r.evidence.device.model = text(s, i); }},
  {"firmware", [](S& s, int i, const R& r) { s.bind(i, r.evidence.device.firmware); },
               [](const S& s, int i, R& r) { r.evidence.device.firmware = text(s, i); }},
  {"serial", [](S& s, int i, const R& r) { s.bind(i, r.evidence.device.serial); },
             [](const S& s, int i, R& r) { r.evidence.device.serial = text(s, i); }},
  {"device_host_name", [](S& s, int i, const R& r) { s.bind(i, r.evidence.device.host_name); },
                       [](const S& s, int i, R& r) { r.evidence.device.host_name = text(s, i); }},
  {"mac", [](S& s, int i, const R& r) { s.bind(i, r.evidence.device.mac); },
          [](const S& s, int i, R& r) { r.evidence.device.mac = text(s, i); }},
  {"model_without_screenshot", [](S& s, int i, const R& r) { s.bind(i, flag(r.evidence.model_without_screenshot)); },
                               [](const S& s, int i, R& r) { r.evidence.model_without_screenshot = s.integer(i) != 0; }},
  {"screenshot", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.screenshot)); },
                 [](const S& s, int i, R& r) { r.evidence.screenshot = read_code<diagnosis::ScreenshotAnswer>(s, i); }},
  {"screenshot_http_status", [](S& s, int i, const R& r) { s.bind(i, std::int64_t{r.evidence.screenshot_http_status}); },
                             [](const S& s, int i, R& r) { r.evidence.screenshot_http_status = static_cast<long>(s.integer(i)); }},
  {"phone_error", [](S& s, int i, const R& r) { s.bind(i, std::int64_t{r.evidence.phone_error}); },
                  [](const S& s, int i, R& r) { r.evidence.phone_error = static_cast<int>(s.integer(i)); }},
  {"image_format", [](S& s, int i, const R& r) { s.bind(i, r.evidence.image_format); },
                   [](const S& s, int i, R& r) { r.evidence.image_format = text(s, i); }},
  {"screenshot_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.screenshot_detail); },
                        [](const S& s, int i, R& r) { r.evidence.screenshot_detail = text(s, i); }},
  {"itl_state", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.itl)); },
                [](const S& s, int i, R& r) { r.evidence.itl = read_code<diagnosis::ItlState>(s, i); }},
  {"itl_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.itl_detail); },
                 [](const S& s, int i, R& r) { r.evidence.itl_detail = text(s, i); }},
  {"auth_url", [](S& s, int i, const R& r) { s.bind(i, r.evidence.auth_url); },
               [](const S& s, int i, R& r) { r.evidence.auth_url = text(s, i); }},
  {"auth_url_lookup", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.auth_url_lookup)); },
                      [](const S& s, int i, R& r) { r.evidence.auth_url_lookup = read_code<diagnosis::NameLookup>(s, i); }},
  {"auth_url_lookup_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.auth_url_lookup_detail); },
                             [](const S& s, int i, R& r) { r.evidence.auth_url_lookup_detail = text(s, i); }},
  {"cucm_auth", [](S& s, int i, const R& r) { s.bind(i, diagnosis::to_string(r.evidence.cucm)); },
                [](const S& s, int i, R& r) { r.evidence.cucm = read_code<diagnosis::CucmAuth>(s, i); }},
  {"cucm_detail", [](S& s, int i, const R& r) { s.bind(i, r.evidence.cucm_detail); },
                  [](const S& s, int i, R& r) { r.evidence.cucm_detail = text(s, i); }},
  {"https_used", [](S& s, int i, const R& r) { s.bind(i, flag(r.evidence.https_used)); },
                 [](const S& s, int i, R& r) { r.evidence.https_used = s.integer(i) != 0; }},
  {"elapsed_ms", [](S& s, int i, const R& r) { s.bind(i, r.elapsed_ms); },
                 [](const S& s, int i, R& r) { r.elapsed_ms = s.real(i); }},
  {"checked_at", [](S& s, int i, const R& r) { s.bind(i, r.checked_at); },
                 [](const S& s, int i, R& r) { r.checked_at = text(s, i); }},
  // Added by schema v3 (ALTER TABLE appends): last, as in the table.
  {"model_source", [](S& s, int i, const R& r) { s.bind(i, r.evidence.model_source); },
                   [](const S& s, int i, R& r) { r.evidence.model_source = text(s, i); }},
  // Added by schema v4.
  {"from_range", [](S& s, int i, const R& r) { s.bind(i, flag(r.target.from_range)); },
                 [](const S& s, int i, R& r) { r.target.from_range = s.integer(i) != 0; }},
}};
// clang-format on

std::string column_list() {
  std::string list;
  for (const auto& column : columns) {
    if (!list.empty()) list += ", ";
    list += column.name;
  }
  return list;
}

// Reports group phones by root cause in the troubleshooting order of doc/DESIGN.md (the enum's
// declaration order), not alphabetically; codes this build does not know sort last.
std::string cause_precedence() {
  std::string sql = "CASE root_cause";
  for (int i = 0; i < diagnosis::root_cause_count; ++i)
    sql += fmt::format(" WHEN '{}' THEN {}", diagnosis::to_string(static_cast<RootCause>(i)), i);
  return sql + fmt::format(" ELSE {} END", diagnosis::root_cause_count);
}

} // namespace

std::span<const ResultColumn> result_columns() { return columns; }

std::string insert_result_sql() {
  std::string values = "?1";
  for (std::size_t i = 0; i < columns.size(); ++i) values += fmt::format(", ?{}", i + 2);
  return fmt::format("INSERT INTO results (run_id, {}) VALUES ({}) "
                     "ON CONFLICT (run_id, address) DO NOTHING",
                     column_list(), values);
}

std::string select_results_sql() {
  return fmt::format("SELECT {} FROM results WHERE run_id = ?1 ORDER BY {}, site, address", column_list(),
                     cause_precedence());
}

std::string select_history_sql() {
  return fmt::format("SELECT {}, run_id FROM results WHERE upper(device_name) = upper(?1) OR address = ?1 "
                     "OR host = ?1 ORDER BY run_id DESC",
                     column_list());
}

void bind_record(Statement& insert, const PhoneRecord& record) {
  for (std::size_t i = 0; i < columns.size(); ++i) columns[i].write(insert, static_cast<int>(i) + 1, record);
}

PhoneRecord read_record(const Statement& select) {
  PhoneRecord record;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].read) columns[i].read(select, static_cast<int>(i), record);
  return record;
}

} // namespace storage::detail
