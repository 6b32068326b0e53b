#include <sim/fleetsim/pages.hpp>

#include <sim/fleetsim/layouts.hpp>
#include <sim/fleetsim/rng.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <zlib.h>

namespace fleetsim {
namespace {

// Real 88xx pages encode every punctuation character of a value ("CP&#x2D;8841"). fleetsim
// escapes on its own, not with the product's escapers: a test oracle shares no code with the
// program it checks.
std::string encoded(std::string_view text, bool numeric_punctuation) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '-': out += numeric_punctuation ? "&#x2D;" : "-"; break;
    case '/': out += numeric_punctuation ? "&#x2F;" : "/"; break;
    case ':': out += numeric_punctuation ? "&#x3a;" : ":"; break;
    default: out += c;
    }
  }
  return out;
}

// bad_utf8: ill-formed sequences around every value (a lone lead byte, 0xFF/0xFE, a UTF-16
// surrogate, a 5-byte form, an overlong '/').
constexpr std::string_view bad_utf8_prefix = "\xFE\xFF ";
constexpr std::string_view bad_utf8_suffix = " \xC3\x28 \xED\xA0\x80 \xF8\x88\x80\x80\x80 \xC0\xAF";
// markup: script and event-handler markup, once raw (a broken page) and once as text (a hostile
// value the phone encodes), around every value.
constexpr std::string_view raw_markup_before = "<script>alert(document.cookie)</script>";
constexpr std::string_view text_markup_before = "<script>alert(\"xss\")</script><b onmouseover=alert(1)>";
constexpr std::string_view raw_markup_after = "<img src=x onerror=alert(2)>";

// The value as a phone of this scenario writes it inside markup: encoded, plus the scenario's
// hostility.
std::string value_markup(const Phone& phone, std::string_view value, bool numeric_punctuation,
                         bool device_information) {
  switch (phone.scenario) {
  case Scenario::bad_utf8:
    if (!device_information) return encoded(value, numeric_punctuation);
    return std::string(bad_utf8_prefix) + encoded(value, numeric_punctuation) + std::string(bad_utf8_suffix);
  case Scenario::markup:
    return std::string(raw_markup_before) +
           encoded(std::string(text_markup_before) + std::string(value), numeric_punctuation) +
           std::string(raw_markup_after);
  default: return encoded(value, numeric_punctuation);
  }
}

// The value as an XML text node: markup can only travel encoded there.
std::string value_xml(const Phone& phone, std::string_view value) {
  switch (phone.scenario) {
  case Scenario::bad_utf8: return std::string(bad_utf8_prefix) + encoded(value, false) + std::string(bad_utf8_suffix);
  case Scenario::markup:
    return encoded(std::string(raw_markup_before) + std::string(text_markup_before) + std::string(value) +
                       std::string(raw_markup_after),
                   false);
  default: return encoded(value, false);
  }
}

constexpr std::size_t deep_xml_levels = 70000;  // closed: 490,000 bytes, under the scanner's page cap
constexpr std::size_t deep_html_levels = 50000; // unclosed <table>s before the real page

std::string colon_mac(std::string_view mac) {
  std::string out;
  for (std::size_t i = 0; i < mac.size(); i += 2) {
    if (!out.empty()) out += ':';
    out += mac.substr(i, 2);
  }
  return out;
}

// A timestamp as the phones print them: "9:26:53am 10/09/18" (same date, rising times).
std::string stamp(const Phone& phone, unsigned line, bool short_suffix) {
  const unsigned seconds = 8 * 3600 + (phone.variant % 120) * 60 + line * 37;
  const unsigned hour24 = seconds / 3600;
  const unsigned hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%u:%02u:%02u%s 10/09/18", hour12, (seconds / 60) % 60, seconds % 60,
                hour24 < 12 ? (short_suffix ? "a" : "am") : (short_suffix ? "p" : "pm"));
  return buffer;
}

std::string itl_hash(const Phone& phone) {
  Rng rng(phone.variant + 7);
  std::string out;
  static constexpr char digits[] = "0123456789ABCDEF";
  for (int i = 0; i < 20; ++i) {
    if (i > 0) out += ' ';
    out += digits[rng.below(16)];
    out += digits[rng.below(16)];
  }
  return out;
}

// The value as this phone's pages write it.
std::string shown(const Phone& p, std::string_view value, bool device_information) {
  return value_markup(p, value, encodes_punctuation(p.model->family), device_information);
}

std::string label(const Phone& p, Words which) {
  return std::string(words(p.locale, which, sentence_case(p.model->family)));
}

std::vector<Field> device_fields(const Phone& p) {
  const ModelInfo& m = *p.model;
  const Firmware& fw = *p.firmware;
  const auto field = [&](Words which, std::string_view value) { return Field{label(p, which), shown(p, value, true)}; };
  const auto other = [&](std::string_view text, std::string_view value) {
    return Field{std::string(text), shown(p, value, true)};
  };
  if (m.family == Family::ata187) {
    // cisco-phone-nse/ATA-187.html: "SW_Version ID", "Product ID", "HW Reversion ID" (sic).
    return {field(Words::mac_address, colon_mac(p.mac)),
            other("Phone 1 DN", p.directory_number),
            other("Status1", "Registered"),
            field(Words::app_load_id, fw.app_load),
            field(Words::boot_load_id, fw.boot_load),
            other("SW_Version ID", fw.version),
            other("HW Reversion ID", m.hardware_revision),
            field(Words::serial_number, p.serial),
            other("Module Number", "550"),
            other("Product ID", m.model),
            other("UDI", ""),
            other("", m.product),
            other("Time", "09:26:53p"),
            other("Date", "03/14/2015")};
  }
  const bool legacy = m.family == Family::cp6901;
  std::vector<Field> fields{
      field(Words::mac_address, legacy ? colon_mac(p.mac) : p.mac),
      field(Words::host_name, p.device_name),
      field(Words::phone_dn, p.directory_number),
      field(Words::app_load_id, fw.app_load),
      field(Words::boot_load_id, fw.boot_load),
  };
  // The 6901 shows no version row (cisco-phone-nse/CP-6901.html).
  if (!legacy) fields.push_back(field(Words::version, fw.version));
  fields.push_back(field(Words::hardware_revision, m.hardware_revision));
  fields.push_back(field(Words::serial_number, p.serial));
  fields.push_back(field(Words::model_number, m.model));
  fields.push_back(field(Words::message_waiting, "No"));
  fields.push_back(other("UDI", "phone"));
  fields.push_back(other("", m.product));
  fields.push_back(other("", m.model));
  fields.push_back(other("Time", "9:26:53pm"));
  fields.push_back(other("Date", "03/14/15"));
  return fields;
}

// "Installed", as every real network page with an ITL line shows it (cisco-CP-8841.html,
// cisco-CP-8945.html; the hash is on the ITL signature line). What a phone without an ITL shows
// there, and the line in other languages, no real page shows: "No" / "Not installed" and the
// translations are unconfirmed, served so that the reader's handling of them is exercised.
std::string itl_file_text(const Phone& p) {
  static constexpr std::array<std::string_view, locale_count> installed{
      "Installed", "Instalado", "Install\xC3\xA9", "Installiert", "Installato", "Instalado", "Ge\xC3\xAFnstalleerd"};
  static constexpr std::array<std::string_view, locale_count> absent{"No", "No",         "Non", "Nein",
                                                                     "No", "N\xC3\xA3o", "Nee"};
  const auto lang = static_cast<std::size_t>(p.locale);
  if (p.trust == TrustShown::not_installed)
    return p.locale == Locale::en && p.variant % 2 == 1 ? "Not installed" : std::string(absent[lang]);
  return std::string(installed[lang]);
}

std::vector<Field> network_fields(const Phone& p) {
  const std::string ip = ipv4_text(p.address);
  const std::string router = ipv4_text((p.address & 0xFFFFFF00U) | 0xFEU);
  const bool sentence = sentence_case(p.model->family);
  const bool dx = p.model->family == Family::dx;
  const auto field = [&](Words which, std::string_view value) {
    return Field{label(p, which), shown(p, value, false)};
  };
  // Labels phonesweep does not read stay English, spelt as the family's real page spells them.
  const auto other = [&](std::string_view sentence_label, std::string_view title_label, std::string_view value) {
    return Field{std::string(sentence ? sentence_label : title_label), shown(p, value, false)};
  };
  std::vector<Field> fields{
      other("DHCP server", "DHCP Server", "127.0.0.1"),
      // cisco_CP-DX80.html: "Ethernet MAC Address", "Ethernet Host Name".
      dx ? Field{"Ethernet MAC Address", shown(p, p.mac, false)} : field(Words::mac_address, p.mac),
      dx ? Field{"Ethernet Host Name", shown(p, p.device_name, false)} : field(Words::host_name, p.device_name),
      other("Domain name", "Domain Name", "sim.test"),
      other("IP address", "IP Address", ip),
      other("Subnet mask", "Subnet Mask", "255.255.255.0"),
      other("Default router", "Default Router 1", router),
      other("DNS server 1", "DNS Server 1", "127.0.0.1"),
      other("TFTP server 1", "TFTP Server 1", "127.0.0.1"),
      other("Operational VLAN ID", "Operational VLAN Id", "100"),
      other("CUCM server1", "Unified CM 1", std::string(cucm_host) + "  Active"),
      other("Information URL", "Information URL", "http://cucm.sim.test:6970/help"),
      other("Directories URL", "Directories URL", "http://cucm.sim.test:8080/ccmcip/xmldirectory.jsp"),
      other("Services URL", "Services URL", "http://cucm.sim.test:8080/ccmcip/getservicesmenu.jsp"),
      other("Idle URL", "Idle URL", ""),
      other("Proxy server URL", "Proxy Server URL", ""),
      field(Words::authentication_url, p.auth_url),
      other("Security mode", "Security Mode", "Non secure"),
      field(Words::web_access, "Yes"),
      other("SSH access enabled", "SSH Access Enabled", "No"),
  };
  if (network_page_shows_itl(p.model->family)) {
    fields.push_back(field(Words::ctl_file, p.trust == TrustShown::not_installed ? "No" : "Installed"));
    fields.push_back(field(Words::itl_file, itl_file_text(p)));
    fields.push_back(field(Words::itl_signature, p.trust == TrustShown::not_installed ? "" : itl_hash(p)));
    fields.push_back(other("CAPF server", "CAPF Server", "cucm.sim.test:3804"));
    fields.push_back(other("TVS", "TVS", "127.0.0.1:2445"));
  }
  return fields;
}

// Status lines, oldest first (88xx order: newest last).
std::vector<std::string> status_lines(const Phone& p) {
  std::vector<std::string> lines;
  lines.emplace_back(std::string("Load ID: ") + std::string(p.firmware->version));
  if (p.variant % 2 == 0) lines.emplace_back("File Not Found <CTLFile.tlv>");
  if (!p.trust_line_rolled_off) {
    switch (p.trust) {
    case TrustShown::installed: {
      static constexpr std::array<std::string_view, 3> ok{"ITL installed", "Trust List updated",
                                                          "CTL and ITL installed"};
      lines.emplace_back(ok[p.variant % ok.size()]);
      break;
    }
    case TrustShown::not_installed: lines.emplace_back("No Trust List installed"); break;
    case TrustShown::update_failed:
      lines.emplace_back("ITL installed"); // an older success, superseded below
      lines.emplace_back("Registered to " + std::string(cucm_host));
      if (p.model->family == Family::dx) {
        lines.emplace_back("Trust List update failed, verification failure");
      } else if (p.model->family == Family::cp79xx || p.variant % 3 == 0) {
        lines.emplace_back("ITL Trust Failed");
      } else {
        lines.emplace_back("Trust List update failed");
      }
      break;
    }
  }
  lines.emplace_back("Registered to " + std::string(cucm_host));
  lines.emplace_back(p.device_name + ".cnf.xml.sgn (TFTP)");
  return lines;
}

std::string status_page(const Phone& p) {
  std::vector<std::string> stamps;
  std::vector<std::string> lines;
  const bool short_suffix = !sentence_case(p.model->family);
  for (const std::string& line : status_lines(p)) {
    stamps.push_back(stamp(p, static_cast<unsigned>(stamps.size()), short_suffix));
    // Status messages are not device information: invalid UTF-8 stays on the device pages.
    lines.push_back(value_markup(p, line, false, false));
  }
  return page_frame(p, Words::status_messages, status_table(p, stamps, lines));
}

std::string device_xml(const Phone& p) {
  const ModelInfo& m = *p.model;
  const Firmware& fw = *p.firmware;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DeviceInformation>\n";
  const auto element = [&](std::string_view name, std::string_view value) {
    out += "<";
    out += name;
    out += ">";
    out += value_xml(p, value);
    out += "</";
    out += name;
    out += ">\n";
  };
  element("MACAddress", p.mac);
  element("HostName", p.device_name);
  element("phoneDN", p.directory_number);
  element("appLoadID", fw.app_load);
  element("bootLoadID", fw.boot_load);
  element("versionID", fw.version);
  element("hardwareRevision", m.hardware_revision);
  element("serialNumber", p.serial);
  element("modelNumber", m.model);
  element("MessageWaiting", "No");
  if (m.family != Family::cp79xx) {
    element("udi", "phone\n" + std::string(m.product) + "\n" + std::string(m.model) + "\n" +
                       std::string(m.hardware_revision) + "\n" + p.serial);
    element("time", "21:26:53");
    element("timezone", "Europe/London");
    element("date", "10/09/18");
  }
  if (p.scenario == Scenario::deep_xml) {
    out.reserve(out.size() + deep_xml_levels * 7 + 32);
    for (std::size_t i = 0; i < deep_xml_levels; ++i) out += "<x>";
    for (std::size_t i = 0; i < deep_xml_levels; ++i) out += "</x>";
    out += '\n';
  }
  out += "</DeviceInformation>\n";
  return out;
}

std::string network_xml(const Phone& p) {
  // Network configuration is not device information: only markup reaches it.
  const auto v = [&](std::string_view value) {
    return p.scenario == Scenario::markup ? value_xml(p, value) : encoded(value, false);
  };
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration>\n";
  out += "<DHCPServer>" + v("127.0.0.1") + "</DHCPServer>\n<MACAddress>" + v(p.mac) + "</MACAddress>\n";
  out += "<HostName>" + v(p.device_name) + "</HostName>\n<DomainName>" + v("sim.test") + "</DomainName>\n";
  out += "<IPAddress>" + v(ipv4_text(p.address)) + "</IPAddress>\n";
  out += "<TFTPServer1>" + v("127.0.0.1") + "</TFTPServer1>\n<CallManager1>" + v("cucm.sim.test Active") +
         "</CallManager1>\n";
  out += "<authenticationURL>" + v(p.auth_url) + "</authenticationURL>\n";
  out += "<WebAccess>" + v("Yes") + "</WebAccess>\n<ITLFile>" + v(itl_file_text(p)) + "</ITLFile>\n";
  out += "<TVS>" + v("127.0.0.1:2445") + "</TVS>\n</NetworkConfiguration>\n";
  return out;
}

std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

void put32be(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void put32le(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void put16le(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void png_chunk(std::string& out, std::string_view type, std::string_view data) {
  put32be(out, static_cast<std::uint32_t>(data.size()));
  std::string typed(type);
  typed += data;
  out += typed;
  put32be(out, crc32(typed));
}

std::string make_png() {
  constexpr std::uint32_t width = 24;
  constexpr std::uint32_t height = 16;
  std::string raw;
  for (std::uint32_t y = 0; y < height; ++y) {
    raw += '\0'; // filter: none
    for (std::uint32_t x = 0; x < width; ++x)
      raw += static_cast<char>(y < 3 ? 0x30 : ((x / 4 + y / 4) % 2 ? 0xE0 : 0xC0));
  }
  // zlib stream with one stored deflate block.
  std::string z = "\x78\x01";
  z += '\x01';
  put16le(z, static_cast<std::uint32_t>(raw.size()));
  put16le(z, static_cast<std::uint32_t>(~raw.size() & 0xFFFF));
  z += raw;
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (const char c : raw) {
    a = (a + static_cast<unsigned char>(c)) % 65521;
    b = (b + a) % 65521;
  }
  put32be(z, (b << 16) | a);

  std::string ihdr;
  put32be(ihdr, width);
  put32be(ihdr, height);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5); // 8-bit greyscale, deflate, no interlace
  std::string png = "\x89PNG\r\n\x1a\n";
  png_chunk(png, "IHDR", ihdr);
  png_chunk(png, "IDAT", z);
  png_chunk(png, "IEND", "");
  return png;
}

std::string make_bmp() {
  constexpr std::uint32_t width = 16;
  constexpr std::uint32_t height = 12;
  constexpr std::uint32_t row = width * 3; // 48: already a multiple of 4
  std::string bmp = "BM";
  put32le(bmp, 54 + row * height);
  put32le(bmp, 0);
  put32le(bmp, 54);
  put32le(bmp, 40); // BITMAPINFOHEADER
  put32le(bmp, width);
  put32le(bmp, height);
  put16le(bmp, 1);
  put16le(bmp, 24);
  put32le(bmp, 0);
  put32le(bmp, row * height);
  put32le(bmp, 2835);
  put32le(bmp, 2835);
  put32le(bmp, 0);
  put32le(bmp, 0);
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) bmp += static_cast<char>((x + y) % 2 ? 0xD0 : 0x40 + c * 0x20);
  return bmp;
}

} // namespace

Page render_page(const Phone& p, Resource resource) {
  switch (resource) {
  case Resource::device_info_xml: return {"text/xml", device_xml(p)};
  case Resource::network_setup_xml: return {"text/xml", network_xml(p)};
  case Resource::device_info_html: {
    std::string page;
    if (p.scenario == Scenario::deep_xml) {
      page.reserve(deep_html_levels * 7 + 8192);
      for (std::size_t i = 0; i < deep_html_levels; ++i) page += "<table>";
    }
    page += page_frame(p, Words::device_information, field_table(p, device_fields(p)));
    return {"text/html", std::move(page)};
  }
  case Resource::network_setup_html:
    return {"text/html", page_frame(p, Words::network_setup, field_table(p, network_fields(p)))};
  case Resource::status_messages: return {"text/html", status_page(p)};
  case Resource::none:
  case Resource::screenshot: break;
  }
  return {"text/html", "<html><body>Not Found</body></html>\n"};
}

std::uint64_t StreamedBody::size() const { return head.size() + count * unit.size() + tail.size(); }

std::size_t StreamedBody::read(std::uint64_t pos, char* out, std::size_t max) const {
  std::size_t done = 0;
  const std::uint64_t middle = count * unit.size();
  while (done < max) {
    const std::uint64_t at = pos + done;
    std::string_view from;
    std::uint64_t offset = 0;
    if (at < head.size()) {
      from = head;
      offset = at;
    } else if (at < head.size() + middle) {
      from = unit;
      offset = (at - head.size()) % unit.size();
    } else if (at < size()) {
      from = tail;
      offset = at - head.size() - middle;
    } else {
      break;
    }
    const std::size_t n = std::min<std::size_t>(max - done, from.size() - offset);
    std::memcpy(out + done, from.data() + offset, n);
    done += n;
  }
  return done;
}

StreamedBody huge_image_body() {
  StreamedBody body;
  body.content_type = "image/png";
  body.head = png_image().substr(0, 33); // signature and IHDR: looks like a real screenshot
  body.unit = std::string(64 * 1024, '\x5A');
  body.count = (huge_image_size - body.head.size()) / body.unit.size();
  body.tail = std::string(huge_image_size - body.head.size() - body.count * body.unit.size(), '\x5A');
  return body;
}

StreamedBody huge_xml_body(const Phone& phone) {
  StreamedBody body;
  body.content_type = "text/xml";
  std::string xml = device_xml(phone);
  const std::size_t close = xml.rfind("</DeviceInformation>");
  body.head = xml.substr(0, close);
  body.tail = xml.substr(close);
  body.unit = "<pad>" + std::string(53, 'p') + "</pad>\n"; // 64 bytes
  body.count = (huge_xml_size - body.head.size() - body.tail.size()) / body.unit.size();
  return body;
}

namespace {

// Raw deflate of `input` flushed with Z_FULL_FLUSH: byte-aligned output and a reset history, so
// that the compressed form of a zero chunk can be repeated as is.
std::string deflate_full_flush(z_stream& z, const std::string& input) {
  std::string out(deflateBound(&z, input.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FULL_FLUSH) != Z_OK || z.avail_in != 0) throw std::runtime_error("zlib deflate failed");
  out.resize(out.size() - z.avail_out);
  return out;
}

std::string make_gzip_bomb() {
  constexpr std::size_t chunk = 1 << 20;
  constexpr std::uint64_t chunks = gzip_bomb_inflated_size / chunk;
  const std::string zeros(chunk, '\0');
  std::string first = zeros;
  first.replace(0, 8, png_image().substr(0, 8));

  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  const std::string first_z = deflate_full_flush(z, first);
  const std::string unit_z = deflate_full_flush(z, zeros);
  deflateEnd(&z);

  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10); // gzip, deflate, Unix
  out.reserve(out.size() + first_z.size() + unit_z.size() * chunks + 16);
  out += first_z;
  uLong crc = ::crc32(0L, reinterpret_cast<const Bytef*>(first.data()), static_cast<uInt>(chunk));
  const uLong zeros_crc = ::crc32(0L, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(chunk));
  for (std::uint64_t i = 1; i < chunks; ++i) {
    out += unit_z;
    crc = crc32_combine(crc, zeros_crc, static_cast<z_off_t>(chunk));
  }
  out += std::string("\x01\x00\x00\xff\xff", 5); // final, empty stored block
  put32le(out, static_cast<std::uint32_t>(crc));
  put32le(out, static_cast<std::uint32_t>(gzip_bomb_inflated_size & 0xFFFFFFFFU));
  return out;
}

} // namespace

const std::string& gzip_bomb_body() {
  static const std::string body = make_gzip_bomb();
  return body;
}

const std::string& png_image() {
  static const std::string image = make_png();
  return image;
}

const std::string& bmp_image() {
  static const std::string image = make_bmp();
  return image;
}

std::string phone_error_body(int number) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?><CiscoIPPhoneError Number=\"" + std::to_string(number) + "\" />";
}

std::string garbage_body(std::size_t seed) {
  Rng rng(seed * 0x51ED27U + 3);
  std::string out;
  out.reserve(256);
  out += static_cast<char>(0x10 + rng.below(0x10)); // not '<', 'B' or PNG magic
  while (out.size() < 256) out += static_cast<char>(rng.below(256));
  return out;
}

} // namespace fleetsim
