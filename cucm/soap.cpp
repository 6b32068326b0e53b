#include <cucm/soap.hpp>

#include <cucm/xml_util.hpp>

namespace cucm {

std::optional<Fault> read_fault(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return std::nullopt;
  const pugi::xml_node fault = find_descendant(doc, "Fault");
  if (!fault) return std::nullopt;
  Fault out;
  out.code = child_text(fault, "faultcode");
  out.message = child_text(fault, "faultstring");
  if (const pugi::xml_node detail = find_descendant(fault, "axlcode")) out.axl_code = trimmed(detail.text().get());
  return out;
}

bool is_rate_control(const Fault& fault) {
  const std::string_view code = fault.code;
  constexpr std::string_view rate_control = "Server.RateControl";
  if (code.size() >= rate_control.size() && code.substr(code.size() - rate_control.size()) == rate_control) return true;
  return fault.message.find("Exceeded allowed rate for Reatime information") != std::string::npos ||
         fault.message.find("Exceeded allowed rate for Realtime information") != std::string::npos;
}

std::string describe(const Fault& fault) {
  std::string out = fault.code.empty() ? std::string("SOAP fault") : fault.code;
  if (!fault.message.empty()) out += ": " + fault.message;
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string envelope(std::string_view namespaces, std::string_view body_xml) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"";
  out += soap_envelope_ns;
  out += '"';
  if (!namespaces.empty()) {
    out += ' ';
    out += namespaces;
  }
  out += "><soapenv:Header/><soapenv:Body>";
  out += body_xml;
  out += "</soapenv:Body></soapenv:Envelope>\n";
  return out;
}

} // namespace cucm
