#include <sim/fleetsim/catalog.hpp>

namespace fleetsim {
namespace {

// Loads follow the naming of real releases; exact build numbers are illustrative.
constexpr Firmware fw_88xx_new{"rootfs88xx.14-2-1-0101-40", "sb288xx.BE-01-026", "sip88xx.14-2-1-0101-40"};
constexpr Firmware fw_88xx_old{"rootfs88xx.12-5-1SR3-74", "sb288xx.BE-01-026", "sip88xx.12-5-1SR3-74"};
constexpr Firmware fw_8865_new{"rootfs8845_65.14-2-1-0101-40", "sb28845_65.BE-01-026", "sip8845_65.14-2-1-0101-40"};
constexpr Firmware fw_8865_old{"rootfs8845_65.12-5-1SR3-74", "sb28845_65.BE-01-026", "sip8845_65.12-5-1SR3-74"};
constexpr Firmware fw_8821_new{"rootfs8821.11-0-6SR4-4", "sb28821.HE-01-022", "sip8821.11-0-6SR4-4"};
constexpr Firmware fw_8821_old{"rootfs8821.11-0-5-17", "sb28821.HE-01-022", "sip8821.11-0-5-17"};
constexpr Firmware fw_78xx_new{"rootfs78xx.14-2-1-0101-40", "sboot78xx.14-2-1-0101-40", "sip78xx.14-2-1-0101-40"};
constexpr Firmware fw_78xx_old{"rootfs78xx.12-5-1SR3-74", "sboot78xx.12-5-1SR3-74", "sip78xx.12-5-1SR3-74"};
constexpr Firmware fw_dx_new{"sipdx80.10-2-5-225", "dx80boot.10-2-5-225", "sipdx80.10-2-5-225"};
constexpr Firmware fw_dx_old{"sipdx80.10-2-4-229", "dx80boot.10-2-4-229", "sipdx80.10-2-4-229"};
constexpr Firmware fw_7942_new{"jar42sip.9-4-2ES26.sbn", "tnp62.8-3-1-21a.bin", "SIP42.9-4-2SR4-3S"};
constexpr Firmware fw_7942_old{"jar42sip.9-3-1ES27.sbn", "tnp62.8-3-1-21a.bin", "SIP42.9-3-1SR4-1S"};
constexpr Firmware fw_7962_new{"jar62sip.9-4-2ES26.sbn", "tnp62.8-3-1-21a.bin", "SIP62.9-4-2SR4-3S"};
constexpr Firmware fw_7962_old{"jar62sip.9-3-1ES27.sbn", "tnp62.8-3-1-21a.bin", "SIP62.9-3-1SR4-1S"};
constexpr Firmware fw_7965_new{"jar45sip.9-4-2ES26.sbn", "tnp65.8-3-3-14.bin", "SIP45.9-4-2SR4-3S"};
constexpr Firmware fw_7965_old{"jar45sip.9-3-1ES27.sbn", "tnp65.8-3-3-14.bin", "SIP45.9-3-1SR4-1S"};
constexpr Firmware fw_7975_new{"jar75sip.9-4-2ES26.sbn", "tnp65.8-3-3-14.bin", "SIP75.9-4-2SR4-3S"};
constexpr Firmware fw_7975_old{"jar75sip.9-3-1ES27.sbn", "tnp65.8-3-3-14.bin", "SIP75.9-3-1SR4-1S"};
constexpr Firmware fw_7945_new{"jar45sccp.9-4-2ES26.sbn", "tnp65.8-3-3-14.bin", "SCCP45.9-4-2SR3-1S"};
constexpr Firmware fw_7945_old{"jar45sccp.9-3-1ES27.sbn", "tnp65.8-3-3-14.bin", "SCCP45.9-3-1SR4-1S"};
constexpr Firmware fw_8945_new{"SCCP894x.9-4-2SR3-1", "8945.0-0-0-19", "SCCP894x.9-4-2SR3-1"};
constexpr Firmware fw_8945_old{"SCCP894x.9-3-2-12", "8945.0-0-0-19", "SCCP894x.9-3-2-12"};
constexpr Firmware fw_69xx_new{"SCCP69xx.9-4-1-3SR3", "69xx.0-0-0-24", "SCCP69xx.9-4-1-3SR3"};
constexpr Firmware fw_69xx_old{"SCCP69xx.9-3-1-3", "69xx.0-0-0-24", "SCCP69xx.9-3-1-3"};
// Hypothetical loads: a firmware that moved its pages, and the fictional unlisted model's.
constexpr Firmware fw_moved_new{"rootfs88xx.15-1-1-0001-12", "sb288xx.BE-01-030", "sip88xx.15-1-1-0001-12"};
constexpr Firmware fw_moved_old{"rootfs88xx.15-0-1-0001-40", "sb288xx.BE-01-030", "sip88xx.15-0-1-0001-40"};
constexpr Firmware fw_4321_new{"rootfs4321.2-1-0-0007-3", "sb24321.AA-01-001", "sip4321.2-1-0-0007-3"};
constexpr Firmware fw_4321_old{"rootfs4321.2-0-0-0012-9", "sb24321.AA-01-001", "sip4321.2-0-0-0012-9"};
constexpr Firmware fw_6901_new{"SIP6901.9-3-1-SR2-3", "6901.0-0-0-01-05", "SIP6901.9-3-1-SR2-3"};
constexpr Firmware fw_6901_old{"SIP6901.9-2-3-5", "6901.0-0-0-01-05", "SIP6901.9-2-3-5"};
constexpr Firmware fw_ata_new{"APP187.9-2-3-1", "1.8.0.6", "187.9-2-3-1"};
constexpr Firmware fw_ata_old{"APP187.9-2-2-1", "1.8.0.6", "187.9-2-2-1"};

constexpr std::array catalog{
    ModelInfo{"CP-8841",
              "Cisco IP Phone 8841, Global",
              Family::cp88xx,
              ImageFormat::png,
              "V01",
              25,
              {fw_88xx_new, fw_88xx_old}},
    ModelInfo{"CP-8811",
              "Cisco IP Phone 8811, Global",
              Family::cp88xx,
              ImageFormat::png,
              "V02",
              10,
              {fw_88xx_new, fw_88xx_old}},
    ModelInfo{"CP-8851",
              "Cisco IP Phone 8851, Global",
              Family::cp88xx,
              ImageFormat::png,
              "V01",
              10,
              {fw_88xx_new, fw_88xx_old}},
    ModelInfo{"CP-8865",
              "Cisco IP Phone 8865, Global",
              Family::cp88xx,
              ImageFormat::png,
              "V03",
              6,
              {fw_8865_new, fw_8865_old}},
    ModelInfo{
        "CP-7821", "Cisco IP Phone 7821", Family::cp78xx, ImageFormat::png, "V04", 12, {fw_78xx_new, fw_78xx_old}},
    ModelInfo{
        "CP-7841", "Cisco IP Phone 7841", Family::cp78xx, ImageFormat::png, "V04", 10, {fw_78xx_new, fw_78xx_old}},
    ModelInfo{"CP-8821",
              "Cisco Wireless IP Phone 8821",
              Family::cp8821,
              ImageFormat::png,
              "V02",
              4,
              {fw_8821_new, fw_8821_old}},
    ModelInfo{"CP-DX80", "Cisco Webex DX80", Family::dx, ImageFormat::png, "V02", 3, {fw_dx_new, fw_dx_old}},
    ModelInfo{"CP-7942G",
              "Cisco Unified IP Phone 7942G",
              Family::cp79xx,
              ImageFormat::bmp,
              "12",
              6,
              {fw_7942_new, fw_7942_old}},
    ModelInfo{"CP-7962G",
              "Cisco Unified IP Phone 7962G",
              Family::cp79xx,
              ImageFormat::bmp,
              "12",
              5,
              {fw_7962_new, fw_7962_old}},
    ModelInfo{"CP-7965G",
              "Cisco Unified IP Phone 7965G",
              Family::cp79xx,
              ImageFormat::bmp,
              "4",
              3,
              {fw_7965_new, fw_7965_old}},
    ModelInfo{"CP-7975G",
              "Cisco Unified IP Phone 7975G",
              Family::cp79xx,
              ImageFormat::bmp,
              "4",
              2,
              {fw_7975_new, fw_7975_old}},
    ModelInfo{"CP-7945G",
              "Cisco Unified IP Phone 7945G",
              Family::cp79xx,
              ImageFormat::bmp,
              "4",
              2,
              {fw_7945_new, fw_7945_old}},
    ModelInfo{"CP-8945", "Cisco IP Phone 8945", Family::cp89xx, ImageFormat::png, "V02", 2, {fw_8945_new, fw_8945_old}},
    // 69xx with a display: the screenshot at /CGI/lcd4.bmp is weakly sourced (doc/DOMAIN.md section 1).
    ModelInfo{"CP-6921",
              "Cisco Unified IP Phone 6921",
              Family::cp69xx_display,
              ImageFormat::bmp,
              "V03",
              2,
              {fw_69xx_new, fw_69xx_old}},
    ModelInfo{"CP-6941",
              "Cisco Unified IP Phone 6941",
              Family::cp69xx_display,
              ImageFormat::bmp,
              "V02",
              2,
              {fw_69xx_new, fw_69xx_old}},
    ModelInfo{"CP-6961",
              "Cisco Unified IP Phone 6961",
              Family::cp69xx_display,
              ImageFormat::bmp,
              "V02",
              1,
              {fw_69xx_new, fw_69xx_old}},
    // Menu-only phones (share 0: placed by the estate, never drawn at random).
    ModelInfo{"CP-8851",
              "Cisco IP Phone 8851, Global",
              Family::moved,
              ImageFormat::png,
              "V01",
              0,
              {fw_moved_new, fw_moved_old}},
    ModelInfo{"CP-4321",
              "Cisco IP Phone 4321 (fictional)",
              Family::unlisted,
              ImageFormat::png,
              "V01",
              0,
              {fw_4321_new, fw_4321_old}},
    // Only for https_phone (share 0: never drawn at random).
    ModelInfo{
        "CP-8875", "Cisco Video Phone 8875", Family::cp88xx, ImageFormat::png, "V01", 0, {fw_88xx_new, fw_88xx_old}},
    ModelInfo{
        "CP-6901", "Cisco IP Phone 6901", Family::cp6901, ImageFormat::none, "1.0", 3, {fw_6901_new, fw_6901_old}},
    ModelInfo{"ATA-187",
              "Cisco Analog Telephony Adapter 187",
              Family::ata187,
              ImageFormat::none,
              "Rev.08",
              2,
              {fw_ata_new, fw_ata_old}},
};

} // namespace

std::span<const ModelInfo> model_catalog() { return catalog; }

std::string_view to_string(Family family) {
  switch (family) {
  case Family::cp88xx: return "88xx";
  case Family::cp8821: return "8821";
  case Family::cp78xx: return "78xx";
  case Family::dx: return "dx";
  case Family::cp79xx: return "79xx";
  case Family::cp89xx: return "89xx";
  case Family::cp69xx_display: return "69xx-display";
  case Family::cp6901: return "6901";
  case Family::ata187: return "ata";
  case Family::moved: return "moved";
  case Family::unlisted: return "unlisted";
  }
  return "88xx";
}

const ModelInfo* find_model(std::string_view model) {
  for (const ModelInfo& info : catalog)
    if (info.model == model) return &info;
  return nullptr;
}

const ModelInfo* find_model(std::string_view model, Family family) {
  for (const ModelInfo& info : catalog)
    if (info.model == model && info.family == family) return &info;
  return nullptr;
}

} // namespace fleetsim
