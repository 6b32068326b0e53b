#include <report/ndjson.hpp>

#include <report/row.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

namespace report {
namespace {

// `"name":value,` with a text value escaped by the one JSON escaper.
void text_field(std::string& out, std::string_view name, std::string_view value) {
  out += fmt::format("\"{}\":", name);
  util::append_json_string(out, value);
  out += ',';
}

void raw_field(std::string& out, std::string_view name, std::string_view json) {
  out += fmt::format("\"{}\":{},", name, json);
}

std::string number_or_null(long value) { return value != 0 ? std::to_string(value) : std::string("null"); }
std::string_view boolean(bool value) { return value ? "true" : "false"; }

// What diagnose() read beyond the CSV's columns.
std::string evidence_object(const diagnosis::Evidence& e) {
  std::string out = "{";
  text_field(out, "target_lookup", diagnosis::to_string(e.target_lookup));
  text_field(out, "lookup_detail", e.lookup_detail);
  text_field(out, "transport_detail", e.transport_detail);
  raw_field(out, "any_answer", boolean(e.any_answer));
  raw_field(out, "device_info_read", boolean(e.device_info_read));
  text_field(out, "model_source", e.model_source);
  raw_field(out, "model_without_screenshot", boolean(e.model_without_screenshot));
  text_field(out, "image_format", e.image_format);
  text_field(out, "screenshot_detail", e.screenshot_detail);
  text_field(out, "itl_detail", e.itl_detail);
  text_field(out, "auth_url_lookup", diagnosis::to_string(e.auth_url_lookup));
  text_field(out, "auth_url_lookup_detail", e.auth_url_lookup_detail);
  text_field(out, "cucm_detail", e.cucm_detail);
  out.back() = '}';
  return out;
}

} // namespace

std::string ndjson_line(const storage::PhoneRecord& record, std::int64_t run) {
  const Row row = make_row(record);
  const auto& e = record.evidence;
  std::string out = "{";
  raw_field(out, "run", std::to_string(run));
  text_field(out, "device_name", row.device_name);
  text_field(out, "address", row.address);
  text_field(out, "model", row.model);
  text_field(out, "site", row.site);
  text_field(out, "root_cause", row.root_cause);
  text_field(out, "detail", row.detail);
  text_field(out, "itl_state", row.itl_state);
  raw_field(out, "phone_error", number_or_null(e.phone_error));
  text_field(out, "cucm_auth", row.cucm_auth);
  text_field(out, "auth_url", row.auth_url);
  text_field(out, "firmware", row.firmware);
  text_field(out, "serial", row.serial);
  text_field(out, "checked_at", row.checked_at);
  text_field(out, "description", row.description);
  text_field(out, "mac", row.mac);
  text_field(out, "screenshot", row.screenshot);
  raw_field(out, "http_status", number_or_null(e.screenshot_http_status));
  text_field(out, "transport", row.transport);
  raw_field(out, "elapsed_ms", row.elapsed_ms);
  raw_field(out, "https", boolean(e.https_used));
  // The CUCM's view (RisPort70), empty when it was not asked: the CSV's last columns.
  text_field(out, "registration", row.registration);
  text_field(out, "registered_at", row.registered_at);
  text_field(out, "cucm_node", row.cucm_node);
  text_field(out, "registered_ip", row.registered_ip);
  text_field(out, "active_load", row.active_load);
  raw_field(out, "evidence", evidence_object(e));
  out.back() = '}';
  return out;
}

void write_ndjson(std::ostream& out, storage::Database& db, std::int64_t run) {
  if (!db.run(run)) throw storage::Error(fmt::format("database {}: no run {}", db.path(), run));
  std::string line;
  db.for_each_record(run, [&](const storage::PhoneRecord& record) {
    line = ndjson_line(record, run);
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  });
}

} // namespace report
