#include <report/row.hpp>

#include <diagnosis/cucm_phone_view.hpp>
#include <inventory/model_name.hpp>
#include <storage/utf8.hpp>
#include <util/printable.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace report {
namespace {

bool plain(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x20 && u < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

// Valid UTF-8 with its control characters shown (\x1b, \x00, \u009b; a report cell may keep its
// line breaks and tabs): a report opened in a pager or a terminal must not be able to drive it.
std::string text(std::string_view value) {
  // Most values are printable ASCII: copy those without decoding them (a 100,000-phone report
  // makes two million of these).
  if (std::all_of(value.begin(), value.end(), plain)) return std::string(value);
  std::string valid;
  storage::append_valid_utf8(valid, value);
  return util::printable(valid, util::LineBreaks::keep);
}

std::string number_or_empty(long value) { return value != 0 ? std::to_string(value) : std::string(); }

// The phone's own firmware; for a phone that did not show its device page, the load the CUCM
// reported to discovery (the inventory's `firmware` column, RisPort's ActiveLoadID), marked as such.
std::string firmware(const storage::PhoneRecord& record) {
  if (!record.evidence.device.firmware.empty()) return record.evidence.device.firmware;
  for (const auto& [name, value] : record.target.extra)
    if (name == "firmware" && !value.empty()) return value + " (CUCM)";
  return {};
}

// An inventory column's value; the last one when the column is repeated (RisPort's lookup
// appends its columns after the inventory's own).
std::string_view column(const inventory::Target& target, std::string_view name) {
  std::string_view value;
  for (const auto& [key, v] : target.extra)
    if (key == name) value = v;
  return value;
}

void add_risport(Row& row, const inventory::Target& target) {
  namespace c = diagnosis::risport_column;
  row.registration = text(column(target, c::registration));
  row.registered_at = text(column(target, c::registered_at));
  row.cucm_node = text(column(target, c::node));
  row.registered_ip = text(column(target, c::registered_ip));
  row.active_load = text(column(target, c::active_load));
  // A discovered inventory carries the active load as its firmware column (cucm/inventory_csv.hpp).
  if (row.active_load.empty() && !row.registration.empty()) row.active_load = text(column(target, "firmware"));
}

} // namespace

Row make_row(const storage::PhoneRecord& record) {
  const auto& target = record.target;
  const auto& evidence = record.evidence;
  Row row;
  row.device_name = text(!target.device_name.empty() ? target.device_name : evidence.device.host_name);
  row.address = text(target.address());
  row.model = text(inventory::model_name(!evidence.device.model.empty() ? evidence.device.model : target.model));
  row.site = text(target.site);
  row.root_cause = diagnosis::to_string(record.outcome.cause);
  row.detail = text(record.outcome.detail);
  row.itl_state = diagnosis::to_string(evidence.itl);
  row.phone_error = number_or_empty(evidence.phone_error);
  row.cucm_auth = diagnosis::to_string(evidence.cucm);
  row.auth_url = text(evidence.auth_url);
  row.firmware = text(firmware(record));
  row.serial = text(evidence.device.serial);
  row.checked_at = text(record.checked_at);
  row.description = text(target.description);
  row.mac = text(evidence.device.mac);
  row.screenshot = diagnosis::to_string(evidence.screenshot);
  row.http_status = number_or_empty(evidence.screenshot_http_status);
  row.transport = diagnosis::to_string(evidence.transport);
  row.elapsed_ms = fmt::format("{:.0f}", record.elapsed_ms);
  row.https = evidence.https_used ? "yes" : "no";
  add_risport(row, target);
  return row;
}

void for_each_row(storage::Database& db, std::int64_t run, const std::function<void(const Row&)>& visit) {
  db.for_each_record(run, [&](const storage::PhoneRecord& record) { visit(make_row(record)); });
}

} // namespace report
