#pragma once
// What phone values look like, whatever language the labels around them are in (doc/DOMAIN.md
// section 4: "Labels cannot be relied on alone; value shapes can"). Each test takes a cell's
// whole text, trimmed. Pure functions, no allocation beyond the result.
#include <string_view>

namespace scanner::pages {

// 12 hex digits, optionally separated by ':' '-' '.' or blanks: "A0:B1:C2:D3:E4:F5", "a0b1c2d3e4f5".
bool looks_like_mac(std::string_view text);

// "SEP" and 12 hex digits: the device name Cisco gives a phone.
bool looks_like_device_name(std::string_view text);

// A firmware load name: a prefix, a dot, then at least three '-'-separated groups of letters and
// digits, the first starting with a digit, and an optional ".sbn"/".bin"/".loads" extension:
// "sip88xx.14-2-1-0201-30", "SCCP45.9-4-2SR3-1S", "SIP6901.9-3-1-SR2-3", "187.9-2-3-1",
// "jar42sip.9-4-2ES26.sbn". Not an IP address, a date or a boot load like "sb288xx.BE-01-026".
bool looks_like_load(std::string_view text);

// A load that is not the phone's software version but one of its parts (root file system,
// boot loader, Java archive, DSP, kernel, the ATA's "APP…" application load): "rootfs88xx.…",
// "sboot78xx.…", "jar42sip.…", "tnp62.…". Precondition: looks_like_load(text).
bool is_component_load(std::string_view text);

// A Cisco serial number: three letters, four digits, four letters or digits ("FCH1811EJHJ").
bool looks_like_serial(std::string_view text);

// A Cisco model as phones show it: "CP-8841", "CP-7941G-GE", "CP-8845_65", "CP-DX80",
// "ATA-187", "ATA187", "DX80" (case-insensitive).
bool looks_like_model(std::string_view text);

} // namespace scanner::pages
