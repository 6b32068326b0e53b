#pragma once
// Reads a phone's identity (model, MAC, firmware, serial, device name) from its
// /DeviceInformationX XML or from its HTML home / "Device information" page. Pure: no I/O.
#include <scanner/evidence.hpp>

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace scanner::pages {

// /DeviceInformationX: root <DeviceInformation> with MACAddress, HostName, versionID, appLoadID,
// serialNumber, modelNumber (element names matched case-insensitively).
// firmware = versionID, unless only appLoadID looks like a load or version (a real 6941 answers
// "= V02" as its versionID). Error (a one-line reason) when the XML does not parse, the root is
// not DeviceInformation, or neither a model nor a MAC address is present.
tl::expected<DeviceInfo, std::string> read_device_information_xml(std::string_view xml);

// The HTML device-information page of any model, in any of the languages of labels.hpp. Each
// field is the labelled value of its shape (value_shapes.hpp), else the first value of that
// shape on the page, else what its label shows: model ("Model Number", "Product ID" on the ATA,
// a model in the heading), MAC (else the one in the SEP… name), firmware (the version load,
// not a component load like "rootfs…" or "APP187…"; else the app load ID), serial, host name
// (else a SEP… name shown elsewhere). Error when neither a model nor a MAC address is found.
tl::expected<DeviceInfo, std::string> read_device_information_html(std::string_view html);

// Either of the above, chosen by the body: XML when it starts (after blanks) with an XML
// declaration or <DeviceInformation>, HTML otherwise. For callers that fetched "/" or a
// /DeviceInformationX that some firmware may answer with HTML.
tl::expected<DeviceInfo, std::string> read_device_information(std::string_view body);

// 12 upper-case hex digits, separators (':' '-' '.' blanks) removed; empty when `text` is not a
// MAC address.
std::string normalise_mac(std::string_view text);

} // namespace scanner::pages
