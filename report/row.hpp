#pragma once
// One phone as every report shows it: plain text in the terms of the CSV contract (doc/DESIGN.md),
// so that CSV, HTML and later formats agree on what "model" or "phone_error" means.
#include <storage/database.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace report {

// Every text is valid UTF-8: bytes from a Latin-1 inventory or a misbehaving phone that are not
// become U+FFFD here, once, for every format; and control characters other than tab and line
// breaks are shown as text (\x1b, \x00, \u009b: util/printable.hpp).
struct Row {
  std::string device_name; // the inventory's name, else the one the phone reported
  std::string address;
  std::string model; // what the phone reported, else the inventory's, as inventory::model_name
                     // spells it ("Cisco 8841" -> "CP-8841")
  std::string site;
  std::string root_cause;
  std::string detail;
  std::string itl_state;
  std::string phone_error; // empty when the phone sent no CiscoIPPhoneError
  std::string cucm_auth;
  std::string auth_url;
  std::string firmware; // the phone's own, else discovery's marked " (CUCM)"
  std::string serial;
  std::string checked_at;
  std::string description;
  std::string mac;
  std::string screenshot;  // the screenshot answer code
  std::string http_status; // of the screenshot request; empty when there was no HTTP answer
  std::string transport;
  std::string elapsed_ms; // whole milliseconds
  std::string https;      // "yes": the phone was asked over HTTPS; "no": plain HTTP
  // RisPort70's view, from the inventory row's columns (diagnosis::risport_column); empty when
  // the run did not ask RisPort about the phone.
  std::string registration;  // registered, unregistered, rejected, partially_registered, unknown
  std::string registered_at; // when its registration state last changed (UTC)
  std::string cucm_node;     // the node it is registered to (or was last)
  std::string registered_ip; // the address the CUCM has it at
  std::string active_load;   // the firmware the CUCM says it runs
};

Row make_row(const storage::PhoneRecord& record);

// The run's rows in storage order (root cause in troubleshooting order, site, address), one at a
// time. Throws storage::Error when the database fails.
void for_each_row(storage::Database& db, std::int64_t run, const std::function<void(const Row&)>& visit);

} // namespace report
