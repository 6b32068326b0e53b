#include <sim/fleetsim/layouts.hpp>

#include <sim/fleetsim/pages.hpp>

namespace fleetsim {
namespace {

enum class Style { serviceability, unified, home_menu, dx, legacy };

Style style_of(Family family) {
  switch (family) {
  case Family::cp88xx:
  case Family::cp8821:
  case Family::cp78xx:
  case Family::moved:
  case Family::unlisted: return Style::serviceability;
  case Family::cp79xx: return Style::unified;
  case Family::cp89xx:
  case Family::cp69xx_display: return Style::home_menu;
  case Family::dx: return Style::dx;
  case Family::cp6901:
  case Family::ata187: return Style::legacy;
  }
  return Style::serviceability;
}

struct MenuItem {
  std::string href;
  std::string_view text; // empty: a heading without a link
};

// The menu as the real pages order it: device information, network setup, then the logs
// heading with console logs and status messages. Targets without a page here answer 404.
std::vector<MenuItem> menu(const Phone& p, bool absolute) {
  const MenuPaths paths = menu_paths(*p.model);
  const std::string host = absolute ? "http://" + ipv4_text(p.address) : std::string{};
  const auto target = [&](std::string_view path) {
    return path.front() == '/' ? host + std::string(path) : std::string(path);
  };
  const bool sentence = sentence_case(p.model->family);
  std::string console = p.model->family == Family::dx ? "/?adapter=device.statistics.consolelog"
                                                      : "/CGI/Java/Serviceability?adapter=device.statistics.consolelog";
  if (p.model->family == Family::cp89xx || p.model->family == Family::cp69xx_display) console = "/console.html";
  if (style_of(p.model->family) == Style::legacy) console = "Console_Logs.html";
  return {
      {target(paths.device_info), words(p.locale, Words::device_information, sentence)},
      {target(paths.network_setup), words(p.locale, Words::network_setup, sentence)},
      {{}, sentence ? "Device logs" : "Device Logs"},
      {target(console), sentence ? "Console logs" : "Console Logs"},
      {target(paths.status_messages), words(p.locale, Words::status_messages, sentence)},
  };
}

// 88xx/78xx: the Serviceability frame of cisco-phone-nse/CP-8841.html (relative links).
std::string serviceability_frame(const Phone& p, std::string_view title, std::string_view content) {
  std::string out;
  out.reserve(content.size() + 3000);
  out += "<HTML>\n<HEAD><META http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
         "<TITLE>Cisco Systems, Inc.</TITLE>\n</HEAD>\n<BODY bgcolor=\"#FFFFFF\" link=\"#FFFFFF\" "
         "vlink=\"#FFFFFF\" alink=\"#FFFFFF\" text=\"#003031\" ><TABLE BORDER=\"1\" WIDTH=\"100%\" "
         "HEIGHT=\"100%\" CELLSPACING=\"0\" CELLPADDING=\"0\" bordercolor=\"#003031\"><TR>\n"
         "<td WIDTH=\"200\" HEIGHT=\"100\" ALIGN=center><A HREF=\"http://www.cisco.com\"><IMG "
         "SRC=\"/FS/Logo.png\"></A></TD><td HEIGHT=\"50\" bgcolor=\"#003031\"><p ALIGN=center "
         "style=\"margin-top: 0px;\"><B><font color=\"#FFFFFF\" size=\"6\">";
  out += title;
  out += "</FONT></B><p ALIGN=center><B><font color=\"#FFFFFF\" size=\"4\">Cisco IP Phone ";
  out += p.model->model;
  out += " ( " + p.device_name + " )</FONT></FONT></B></TD>\n</TR>\n";
  out += "<TR><td WIDTH=\"200\" ALIGN=center VALIGN=top bgcolor=\"#003031\"><TABLE BORDER=\"0\" "
         "CELLSPACING=\"10\" CELLPADDING=\"0\">";
  for (const MenuItem& item : menu(p, false)) {
    if (item.href.empty()) {
      out += "<TR><TD><B><font color='#FFFFFF'>" + std::string(item.text) + "</FONT></B></TD></TR>";
    } else {
      out += "<TR>\n<TD><a href=\"" + item.href + "\">" + std::string(item.text) + "</A></TD></TR>\n";
    }
  }
  out += "</TABLE>\n</TD>\n<td VALIGN=top><DIV ALIGN=center>\n";
  out += content;
  out += "</DIV></TD></TR></TABLE></BODY></HTML>\n";
  return out;
}

// 79x1/79x2/79x5 (seeyoucm-thief/cisco-CP-7945G.html), 89xx and 69xx with a display
// (cisco-CP-8945.html, cisco-CP-6921.html), DX (cisco_CP-DX80.html): lower-case markup, the
// menu linking the phone's own address.
std::string addressed_frame(const Phone& p, Style style, std::string_view title, std::string_view content) {
  std::string out;
  out.reserve(content.size() + 3000);
  out += "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
         "<title>Cisco Systems, Inc.</title>\n</head><body vlink=\"#FFFFFF\" text=\"#003031\" "
         "link=\"#FFFFFF\" bgcolor=\"#FFFFFF\" alink=\"#FFFFFF\"><table width=\"100%\" "
         "height=\"100%\" cellspacing=\"0\" cellpadding=\"0\" bordercolor=\"#003031\" "
         "border=\"1\"><tbody><tr>\n<td width=\"200\" height=\"100\" align=\"center\"><a "
         "href=\"http://www.cisco.com/\"><img src=\"/Images/Logo\"></a></td><td height=\"50\" "
         "bgcolor=\"#003031\"><p align=\"center\"><b><font size=\"6\" color=\"#FFFFFF\">";
  out += title;
  out += "</font></b></p><p align=\"center\"><b><font size=\"4\" color=\"#FFFFFF\">";
  switch (style) {
  case Style::unified:
    out += "Cisco Unified IP Phone " + std::string(p.model->model) + " ( " + p.device_name + " )</font></b>";
    break;
  case Style::dx: out += "Cisco " + std::string(p.model->model) + " ( " + p.device_name + " )</font></b>"; break;
  default:
    out += "Cisco IP Phone " + std::string(p.model->model) + "(</font></b> <font color=\"#FFFFFF\"><strong>" +
           p.device_name + "</strong> </font><b><font size=\"4\" color=\"#FFFFFF\">)</font></b>";
    break;
  }
  out += "</p></td>\n</tr>\n<tr><td width=\"200\" valign=\"top\" bgcolor=\"#003031\" "
         "align=\"center\"><table cellspacing=\"10\" cellpadding=\"0\" border=\"0\"><tbody>\n";
  for (const MenuItem& item : menu(p, true)) {
    if (item.href.empty()) {
      out += "<tr><td><b><font color=\"#FFFFFF\">" + std::string(item.text) + "</font></b></td></tr>\n";
    } else {
      out += "<tr><td>&nbsp;&nbsp;&nbsp;<a href=\"" + item.href + "\">" + std::string(item.text) + "</a></td></tr>\n";
    }
  }
  out += "</tbody></table>\n</td>\n<td valign=\"top\"><div align=\"center\">\n";
  out += content;
  out += "</div></td></tr></tbody></table></body></html>\n";
  return out;
}

// 6901 and ATA: the Word-generated frame of cisco-phone-nse/CP-6901.html (relative links).
std::string legacy_frame(const Phone& p, std::string_view title, std::string_view content) {
  const std::string heading =
      p.model->family == Family::ata187
          ? "Cisco ATA 187 (SIP)"
          : "Cisco IP Phone <span class=SpellE>" + std::string(p.model->model) + "</span> (" + p.device_name + ")";
  std::string out;
  out.reserve(content.size() + 2000);
  out += "<html><head>\n<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\n"
         "<title>Cisco Systems, Inc.</title>\n</head>\n<body bgcolor=white lang=ZH-TW link=white "
         "vlink=white>\n<div>\n<table border=1 cellspacing=0 cellpadding=0 width=\"100%\">\n <tr>\n"
         "  <td WIDTH=\"200\" HEIGHT=\"100\" ALIGN=center><A HREF=\"http://www.cisco.com\"><IMG "
         "SRC=\"cisco_Logo.gif\"></A></TD>\n  <td style='background:#003031'>\n  <p "
         "align=center><b><span style='font-size:24.0pt;color:white'>";
  out += title;
  out += "</span></b></p>\n  <p align=center><b><span style='font-size:13.5pt;color:white'>";
  out += heading;
  out += "</span></b></p></td></tr>\n <tr>\n  <td width=200 valign=top "
         "style='background:#003031'>\n  <div align=center>\n  <table border=0 cellspacing=10 "
         "cellpadding=0>\n";
  for (const MenuItem& item : menu(p, false)) {
    if (item.href.empty()) {
      out += "   <tr><td><p><b><span style='color:white'>" + std::string(item.text) + "</span></b></p></td></tr>\n";
    } else {
      out += "   <tr><td><p><b><a href=\"" + item.href + "\">" + std::string(item.text) + "</a></b></p></td></tr>\n";
    }
  }
  out += "  </table></div></td>\n  <td valign=top>\n  <div align=center>\n";
  out += content;
  out += "  </div></td></tr>\n</table>\n</div></body></html>\n";
  return out;
}

} // namespace

bool encodes_punctuation(Family family) { return style_of(family) == Style::serviceability; }

bool sentence_case(Family family) { return style_of(family) == Style::serviceability; }

std::string page_frame(const Phone& p, Words title, std::string_view content) {
  const std::string_view heading = words(p.locale, title, sentence_case(p.model->family));
  switch (const Style style = style_of(p.model->family)) {
  case Style::serviceability: return serviceability_frame(p, heading, content);
  case Style::legacy: return legacy_frame(p, heading, content);
  default: return addressed_frame(p, style, heading, content);
  }
}

std::string field_table(const Phone& p, const std::vector<Field>& fields) {
  std::string out;
  if (style_of(p.model->family) == Style::legacy) {
    out = "  <table border=0 cellspacing=10 cellpadding=0>\n";
    for (const Field& f : fields) {
      out += "   <tr>\n    <td><p><b>" + (f.label.empty() ? std::string("&nbsp;") : f.label) +
             "</b></p></td>\n    <td width=20 style='width:15.0pt'></td>\n    <td><p><b>" + f.value +
             "</b></p></td></tr>\n";
    }
    return out + "  </table>\n";
  }
  const bool upper = style_of(p.model->family) == Style::serviceability;
  out = upper ? "<TABLE BORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\">"
              : "<table cellspacing=\"10\" cellpadding=\"0\" border=\"0\"><tbody>\n";
  for (const Field& f : fields) {
    out += upper ? "<TR><TD><B> " + f.label + "</B></TD><td width=20></TD><TD><B>" + f.value + "</B></TD></TR>"
                 : "<tr>\n<td><b> " + f.label + " </b></td>\n<td width=\"20\"></td>\n<td><b>" + f.value +
                       "</b></td>\n</tr>\n";
  }
  return out + (upper ? "</TABLE>" : "</tbody></table>\n");
}

std::string status_table(const Phone& p, const std::vector<std::string>& stamps,
                         const std::vector<std::string>& lines) {
  std::string out;
  if (style_of(p.model->family) == Style::serviceability) {
    // The CIPC's status page (seeyoucm-thief/cisco-IPC.html): a spacer cell, then
    // "time message" in one cell.
    out = "<TABLE BORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\">";
    for (std::size_t i = 0; i < lines.size(); ++i)
      out += "<TR><td width=20></TD><TD><B>" + stamps[i] + " " + lines[i] + "</B></TD></TR>";
    return out + "</TABLE>";
  }
  // Older pages (no real one known): timestamp and message in cells of their own.
  out = "  <table border=0 cellspacing=4 cellpadding=0>\n";
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += "   <tr><td>" + stamps[i] + "</td><td>" + lines[i] + "</td></tr>\n";
  return out + "  </table>\n";
}

} // namespace fleetsim
