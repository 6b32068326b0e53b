#pragma once
// What AXL and RisPort70 share: SOAP 1.1 envelopes, faults, XML escaping. Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>

namespace cucm {

inline constexpr std::string_view soap_envelope_ns = "http://schemas.xmlsoap.org/soap/envelope/";

// A SOAP Fault as the CUCM sends it (HTTP 500): `code` is the faultcode as written
// ("soapenv:Server.RateControl", "soapenv:Client"), `message` the faultstring, `axl_code` the
// AXL error number from detail/axlError/axlcode when present ("5007": item not found).
struct Fault {
  std::string code;
  std::string message;
  std::string axl_code;
};

// The Fault inside a SOAP envelope; std::nullopt when `body` is not XML or holds no Fault.
// Namespace prefixes are ignored, so any prefix the server picks works.
std::optional<Fault> read_fault(std::string_view body);

// RisPort70's throttle: faultcode ...Server.RateControl, or the faultstring Cisco sends with it
// ("Exceeded allowed rate for Reatime information", typo included; the spelled-right variant is
// accepted too).
bool is_rate_control(const Fault& fault);

// "soapenv:Client: Item not valid: ..." for messages.
std::string describe(const Fault& fault);

// Text escaped for an XML element or attribute value.
std::string xml_escape(std::string_view text);

// <soapenv:Envelope> with `namespaces` (extra xmlns declarations, e.g.
// `xmlns:ns="http://www.cisco.com/AXL/API/14.0"`) around `body_xml`.
std::string envelope(std::string_view namespaces, std::string_view body_xml);

} // namespace cucm
