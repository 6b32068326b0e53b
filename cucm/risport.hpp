#pragma once
// RisPort70 (the CUCM's real-time device state, https://<cucm>:8443/realtimeservice2/services/
// RISService70): selectCmDeviceExt requests by device name or by IPv4 address and a reader of
// their answers.
// Pure: no I/O. Limits (doc/DOMAIN.md): at most 1000 devices per request, and a cluster-wide
// 15 requests per minute (see rate_limiter.hpp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace cucm {

inline constexpr std::string_view risport_path = "/realtimeservice2/services/RISService70";
inline constexpr std::string_view risport_soap_action = "\"selectCmDeviceExt\"";
inline constexpr std::size_t risport_max_items = 1000;

struct RisAddress {
  std::string ip;
  std::string type; // "ipv4", "ipv6" (IPAddrType), may be empty
};

// One device of a selectCmDeviceExt answer. selectCmDeviceExt lists a device once per node that
// knows it (unregistered on one, registered on another): cucm/discovery.cpp keeps one per name.
struct RisDevice {
  std::string name;
  std::string status; // Registered, UnRegistered, Rejected, PartiallyRegistered, Unknown
  std::string httpd;  // Yes, No, Unknown
  std::vector<RisAddress> addresses;
  std::string model;       // RisPort's numeric model code, as sent
  std::string active_load; // ActiveLoadID: the firmware it runs
  std::string description;
  std::string node;           // the CmNode it was reported by
  std::int64_t timestamp = 0; // TimeStamp: last state change, seconds since the epoch
};

struct RisAnswer {
  std::size_t total_found = 0; // TotalDevicesFound
  std::vector<RisDevice> devices;
};

// What SelectItems hold: CmSelectionCriteria/SelectBy "Name" or "IPV4Address" (RisPort70's
// SelectBy also takes IPV6Address, DirNumber, Description, SIPStatus; cited: Cisco RisPort70 API
// reference, developer.cisco.com/docs/sxml/risport70-api, and the SelectBy enumeration of
// probert100/node-risport70 src/RisPort70.js, doc/DOMAIN.md §6).
enum class SelectBy { name, ipv4_address };

// selectCmDeviceExt for exactly these device names or IPv4 addresses (Status Any, DeviceClass
// Phone), asking for at most items.size() devices. Precondition: items.size() <= risport_max_items.
std::string select_cm_device_ext_request(std::span<const std::string> items, SelectBy by = SelectBy::name);

// The devices of a selectCmDeviceResponse / selectCmDeviceExtResponse (nodes without devices or
// an xsi:nil CmNodes are fine). Error: a one-line reason when the body is not XML, is a SOAP
// fault (see read_fault() to tell a throttle apart) or holds no SelectCmDeviceResult.
tl::expected<RisAnswer, std::string> read_select_cm_device(std::string_view body);

// `names` cut into consecutive batches of at most `max` (0 is treated as 1).
std::vector<std::span<const std::string>> batches(std::span<const std::string> names,
                                                  std::size_t max = risport_max_items);

// The address an inventory should use: the first IPv4 one, else the first address; empty when
// the device has none.
std::string preferred_address(const RisDevice& device);

} // namespace cucm
