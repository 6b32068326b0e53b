// Which resource a request path names for a model: the paths each family's real pages link in
// their menus (tests/fixtures/real-pages, README "Page paths per model family"), derived from
// those pages rather than from the scanner's model table. Menu-only families serve their pages
// at paths no table knows, linked only from their home page.
#include <sim/fleetsim/pages.hpp>

namespace fleetsim {
namespace {

constexpr std::string_view serviceability = "/CGI/Java/Serviceability";

// The Serviceability adapters' names, as in every 78xx/79x5/88xx/DX menu.
Resource adapter(std::string_view query) {
  if (query == "adapter=device.statistics.device") return Resource::device_info_html;
  if (query == "adapter=device.statistics.configuration") return Resource::network_setup_html;
  if (query == "adapter=device.settings.status.messages") return Resource::status_messages;
  return Resource::none;
}

} // namespace

std::string_view screenshot_path(const ModelInfo& model) {
  // 69xx with a display: /CGI/lcd4.bmp (doc/DOMAIN.md section 1, weakly sourced, unconfirmed).
  return model.family == Family::cp69xx_display ? "/CGI/lcd4.bmp" : "/CGI/Screenshot";
}

MenuPaths menu_paths(const ModelInfo& model) {
  switch (model.family) {
  case Family::cp88xx:
  case Family::cp8821:
  case Family::cp78xx:
  case Family::cp79xx:
    return {"/CGI/Java/Serviceability?adapter=device.statistics.device",
            "/CGI/Java/Serviceability?adapter=device.statistics.configuration",
            "/CGI/Java/Serviceability?adapter=device.settings.status.messages"};
  case Family::dx:
    return {"/?adapter=device.statistics.device", "/?adapter=device.statistics.configuration",
            "/?adapter=device.settings.status.messages"};
  case Family::cp89xx:
  case Family::cp69xx_display: return {"/", "/NetworkConfiguration", "/status.html"};
  case Family::cp6901: return {"Device_Information.html", "Network_Setup.html", "Status_Messages.html"};
  case Family::ata187: return {"Device_Information.htm", "Network_Setup.htm", "Status_Messages.htm"};
  // Hypothetical moved firmware: absolute paths under a directory no table knows.
  case Family::moved: return {"/ui/device", "/ui/network", "/ui/log/status"};
  // The fictional model: relative links to opaque names.
  case Family::unlisted: return {"p/1", "p/2", "p/3"};
  }
  return {};
}

Resource resource_for(const ModelInfo& model, std::string_view path, std::string_view query) {
  if (path == screenshot_path(model)) return Resource::screenshot;
  // Every home page is a device information page (the real home pages in cisco-phone-nse are).
  if (path == "/" && query.empty()) return Resource::device_info_html;
  switch (model.family) {
  case Family::cp88xx:
  case Family::cp8821:
  case Family::cp78xx:
  case Family::cp79xx:
    if (path == "/DeviceInformationX") return Resource::device_info_xml; // doc/DOMAIN.md section 4
    if (path == "/NetworkConfigurationX" && model.family == Family::cp79xx) return Resource::network_setup_xml;
    if (path == serviceability) return adapter(query);
    return Resource::none;
  case Family::dx:
    // Whether a DX answers /DeviceInformationX is unconfirmed: it does not here.
    if (path == "/") return adapter(query);
    return Resource::none;
  case Family::cp89xx:
  case Family::cp69xx_display:
    // The 6941 also answers /DeviceInformationX (index-snippets/FACTS.md B); for the others
    // no source says so.
    if (path == "/DeviceInformationX" && model.model == "CP-6941") return Resource::device_info_xml;
    if (path == "/NetworkConfiguration") return Resource::network_setup_html;
    if (path == "/status.html") return Resource::status_messages;
    return Resource::none;
  case Family::cp6901:
    if (path == "/Device_Information.html") return Resource::device_info_html;
    if (path == "/Network_Setup.html") return Resource::network_setup_html;
    if (path == "/Status_Messages.html") return Resource::status_messages;
    return Resource::none;
  case Family::ata187:
    if (path == "/Device_Information.htm") return Resource::device_info_html;
    return Resource::none;
  case Family::moved:
  case Family::unlisted: {
    const MenuPaths paths = menu_paths(model);
    const auto absolute = [](std::string_view p) { return p.front() == '/' ? std::string(p) : "/" + std::string(p); };
    if (path == absolute(paths.device_info)) return Resource::device_info_html;
    if (path == absolute(paths.network_setup)) return Resource::network_setup_html;
    if (path == absolute(paths.status_messages)) return Resource::status_messages;
    return Resource::none;
  }
  }
  return Resource::none;
}

} // namespace fleetsim
