#pragma once
// Reads the menu every phone page carries (doc/DOMAIN.md section 4: "Every home page links its own
// pages") and says which link leads to device information, network setup and status messages:
// by the link's target where it is one of the paths real menus use, else by its text in any of
// the page languages. This is how the probe plan finds pages a firmware moved, or pages of a
// model the table does not know. Pure: no I/O; linear in the page size.
#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::pages {

enum class PageKind { device_info, network_setup, status_messages };
inline constexpr std::size_t page_kind_count = 3;

struct MenuLink {
  std::string href; // as written in the page, entities decoded, trimmed
  std::string text; // the visible text, whitespace collapsed, at most 200 bytes
};

// One link of each kind (see read_menu); std::nullopt where the page has none.
struct Menu {
  std::array<std::optional<MenuLink>, page_kind_count> links;

  [[nodiscard]] const std::optional<MenuLink>& operator[](PageKind kind) const {
    return links[static_cast<std::size_t>(kind)];
  }
};

// Every <a href=…> of `html` with its text, in document order, at most `max_links` (a hostile
// page cannot grow the list without bound). Links inside comments, <script> and <style> are not
// links.
std::vector<MenuLink> page_links(std::string_view html, std::size_t max_links = 256);

// The page a link leads to: by its target first (the paths of doc/DOMAIN.md section 4: the
// Serviceability adapters, /DeviceInformation, /NetworkConfiguration, /DeviceLog?2, /status.html,
// Network_Setup.html, …), else by its text ("Status messages", "Mensajes de estado",
// "Statusmeldungen", "Configuration réseau", …). std::nullopt for any other link.
std::optional<PageKind> classify_link(std::string_view href, std::string_view text);

// Per kind, the first link recognised by its target, else the first recognised by its text;
// links `usable` refuses (when given) are passed over.
Menu read_menu(std::string_view html, const std::function<bool(std::string_view)>& usable = {});

// The path (query included, fragment dropped) that `href` leads to on the phone, resolved
// against `page_path`, the path of the page it is on: "Network_Setup.html" on "/" gives
// "/Network_Setup.html", "?adapter=x" on "/" gives "/?adapter=x". An absolute link counts only
// when its host is one of `own_hosts` (the names and addresses the phone is reached by; the
// phone's own scheme and port are used). std::nullopt for a link that leaves the phone (another
// host, a scheme other than http/https, javascript:, mailto:), a bare fragment, or a path with
// blanks or control characters.
std::optional<std::string> link_path(std::string_view href, std::string_view page_path,
                                     std::span<const std::string> own_hosts);

} // namespace scanner::pages
