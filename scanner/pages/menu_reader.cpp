#include <scanner/pages/menu_reader.hpp>

#include <scanner/pages/ascii.hpp>
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/labels.hpp>
#include <scanner/pages/network_setup_reader.hpp>

namespace scanner::pages {

namespace {

constexpr std::size_t max_text = 200;
constexpr std::size_t max_path = 512;

std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Whether `tag` (lower case) starts at `at` as a tag name: "<a " / "<a>" for "a".
bool tag_at(std::string_view html, std::size_t at, std::string_view tag) {
  if (at + 1 + tag.size() > html.size() || html[at] != '<') return false;
  for (std::size_t i = 0; i < tag.size(); ++i)
    if (lower(html[at + 1 + i]) != tag[i]) return false;
  const std::size_t after = at + 1 + tag.size();
  return after == html.size() || is_space(html[after]) || html[after] == '>' || html[after] == '/';
}

// Case-insensitive search for "</name" from `from`; the position after its '>' or the end.
std::size_t skip_past_close(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2)) {
    bool match = at + 2 + name.size() <= html.size();
    for (std::size_t i = 0; match && i < name.size(); ++i) match = lower(html[at + 2 + i]) == name[i];
    if (match) {
      const std::size_t end = html.find('>', at);
      return end == std::string_view::npos ? html.size() : end + 1;
    }
  }
  return html.size();
}

// The href attribute of the tag starting at `at` ("<a …>"); sets `end` after the tag's '>'.
std::optional<std::string_view> href_of(std::string_view html, std::size_t at, std::size_t& end) {
  std::size_t i = at + 2;
  std::optional<std::string_view> href;
  while (i < html.size() && html[i] != '>') {
    if (is_space(html[i]) || html[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t name_start = i;
    while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>') ++i;
    const std::string_view name = html.substr(name_start, i - name_start);
    while (i < html.size() && is_space(html[i])) ++i;
    if (i >= html.size() || html[i] != '=') continue;
    ++i;
    while (i < html.size() && is_space(html[i])) ++i;
    std::string_view value;
    if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
      const std::size_t close = html.find(html[i], i + 1);
      if (close == std::string_view::npos) {
        end = html.size();
        return std::nullopt; // an unclosed quote swallows the rest of the page
      }
      value = html.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      const std::size_t value_start = i;
      while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
      value = html.substr(value_start, i - value_start);
    }
    if (!href && iequals(name, "href")) href = value;
  }
  end = i < html.size() ? i + 1 : html.size();
  return href;
}

// Whether a tag at `at` ends an anchor's text: its own end tag, the next anchor (an unclosed
// one), or a table cell or row boundary, which closes an anchor left open in a cell (as browsers
// do; the real 7940 page leaves "<IMG SRC=…" unclosed, swallowing its "</A>").
bool ends_anchor_text(std::string_view html, std::size_t at) {
  if (tag_at(html, at, "a")) return true;
  for (const std::string_view tag : {"td", "tr", "th", "table"})
    if (tag_at(html, at, tag)) return true;
  if (at + 1 < html.size() && html[at + 1] == '/') {
    const std::string_view rest = html.substr(at + 1);
    for (const std::string_view tag : {"a", "td", "tr", "th", "table"}) {
      if (rest.size() < tag.size() + 2) continue;
      bool match = true;
      for (std::size_t i = 0; i < tag.size() && match; ++i) match = lower(rest[1 + i]) == tag[i];
      if (match && !is_alpha(rest[1 + tag.size()])) return true;
    }
  }
  return false;
}

// The visible text from `from` to the anchor's end (see ends_anchor_text); sets `end` where
// the scan stopped.
std::string anchor_text(std::string_view html, std::size_t from, std::size_t& end) {
  std::string raw;
  std::size_t i = from;
  while (i < html.size()) {
    if (html[i] == '<') {
      if (ends_anchor_text(html, i)) break;
      // A tag inside the text whose '>' is missing must not swallow the anchor's end.
      // (Searched only up to the next '<': linear whatever the page.)
      const std::size_t next_lt = html.find('<', i + 1);
      const std::size_t limit = next_lt == std::string_view::npos ? html.size() : next_lt;
      const std::size_t gt = html.substr(0, limit).find('>', i);
      i = gt == std::string_view::npos ? limit : gt + 1;
      raw += ' ';
      continue;
    }
    if (raw.size() < 4 * max_text) raw += html[i];
    ++i;
  }
  end = i;
  std::string text;
  bool blank = false;
  for (const char c : decode_entities(raw)) {
    if (is_space(c)) {
      blank = true;
      continue;
    }
    if (blank && !text.empty()) text += ' ';
    blank = false;
    text += c;
  }
  if (text.size() > max_text) text.resize(max_text);
  return text;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::optional<PageKind> kind_by_target(std::string_view href) {
  const std::string target = lower_case(href);
  if (contains(target, "status.messages") || contains(target, "devicelog?2") || contains(target, "status_messages") ||
      contains(target, "statusmessages") || target == "status.html" ||
      (target.size() >= 12 && target.ends_with("/status.html")))
    return PageKind::status_messages;
  if (contains(target, "statistics.configuration") || contains(target, "networkconfiguration") ||
      contains(target, "network_setup") || contains(target, "networksetup") ||
      contains(target, "localmenus.cgi?func=219"))
    return PageKind::network_setup;
  // The 7937's menu (real-pages/github-issues/FACTS.md #4, #5): func=604 is its device page.
  if (contains(target, "statistics.device") || contains(target, "deviceinformation") ||
      contains(target, "device_information") || contains(target, "localmenus.cgi?func=604"))
    return PageKind::device_info;
  return std::nullopt;
}

// Whether one of the words of `folded` starts with one of `stems`.
bool word_starts_with(std::string_view folded, std::initializer_list<std::string_view> stems) {
  while (!folded.empty()) {
    const std::size_t blank = folded.find(' ');
    const std::string_view word = folded.substr(0, blank);
    for (const std::string_view stem : stems)
      if (word.substr(0, stem.size()) == stem) return true;
    if (blank == std::string_view::npos) break;
    folded.remove_prefix(blank + 1);
  }
  return false;
}

bool has_part(std::string_view folded, std::initializer_list<std::string_view> parts) {
  for (const std::string_view part : parts)
    if (contains(folded, part)) return true;
  return false;
}

// English, Spanish, French, German, Italian, Portuguese, Dutch menu texts: "Status messages",
// "Mensajes de estado", "Messages d'état", "Statusmeldungen", "Messaggi di stato", "Mensagens
// de status", "Statusberichten"; "Network setup", "Configuración de red", "Configuration
// réseau", "Netzwerkeinrichtung", "Configurazione di rete", "Configuração de rede",
// "Netwerkinstellingen"; "Device information", "Información del dispositivo", "Informations
// sur l'appareil", "Geräteinformationen", "Informazioni dispositivo", "Informações do
// dispositivo", "Apparaatinformatie". Words and parts of compounds, so wording variants match.
std::optional<PageKind> kind_by_text(std::string_view text) {
  const std::string folded = fold_text(text);
  if (folded.empty() || folded.size() > 80) return std::nullopt;
  if (word_starts_with(folded, {"status", "estado", "etat", "stato", "statut"}) &&
      has_part(folded, {"messag", "mensaj", "mensag", "meldung", "bericht"}))
    return PageKind::status_messages;
  if ((word_starts_with(folded, {"network", "netzwerk", "netwerk", "reseau"}) ||
       word_starts_with(folded, {"red", "rete", "rede"})) &&
      has_part(folded, {"setup", "config", "konfig", "einricht", "einstell", "instell", "impost", "parametr", "ajuste",
                        "definic"}))
    return PageKind::network_setup;
  if (has_part(folded, {"device", "dispositiv", "peripherique", "appareil", "gerat", "geraet", "apparaat"}) &&
      has_part(folded, {"info"}))
    return PageKind::device_info;
  return std::nullopt;
}

bool own_host(std::string_view host, std::span<const std::string> own_hosts) {
  if (host.empty()) return false;
  for (const std::string& own : own_hosts) {
    std::string_view bare = own;
    if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') bare = bare.substr(1, bare.size() - 2);
    if (iequals(host, bare)) return true;
  }
  return false;
}

// "/a/./b/../c" -> "/a/c"; never above the root.
std::string normalised_path(std::string_view path) {
  const std::size_t query = path.find('?');
  const std::string_view tail = query == std::string_view::npos ? std::string_view{} : path.substr(query);
  path = path.substr(0, query);
  std::vector<std::string_view> segments;
  std::size_t at = 1;
  while (at <= path.size()) {
    const std::size_t slash = path.find('/', at);
    const std::string_view segment =
        path.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (segment != ".") {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  std::string out;
  for (const std::string_view segment : segments) {
    out += '/';
    out += segment;
  }
  if (out.empty() || ((path.ends_with("/..") || path.ends_with("/.")) && out.back() != '/')) out += '/';
  out += tail;
  return out;
}

} // namespace

std::vector<MenuLink> page_links(std::string_view html, std::size_t max_links) {
  std::vector<MenuLink> links;
  std::size_t i = 0;
  while (i < html.size() && links.size() < max_links) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    // Most tags are neither "<a", "<script", "<style" nor a comment: their first letter tells.
    const char first = lt + 1 < html.size() ? lower(html[lt + 1]) : '\0';
    if (first != '!' && first != 's' && first != 'a') {
      i = lt + 1;
    } else if (html.substr(lt, 4) == "<!--") {
      const std::size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
    } else if (tag_at(html, lt, "script")) {
      i = skip_past_close(html, lt + 1, "script");
    } else if (tag_at(html, lt, "style")) {
      i = skip_past_close(html, lt + 1, "style");
    } else if (tag_at(html, lt, "a")) {
      std::size_t after_tag = lt + 2;
      const auto href = href_of(html, lt, after_tag);
      std::size_t after_text = after_tag;
      std::string text = anchor_text(html, after_tag, after_text);
      if (href) links.push_back({trimmed(decode_entities(*href)), std::move(text)});
      i = after_text > lt ? after_text : lt + 1;
    } else {
      i = lt + 1;
    }
  }
  return links;
}

std::optional<PageKind> classify_link(std::string_view href, std::string_view text) {
  if (const auto by_target = kind_by_target(href)) return by_target;
  return kind_by_text(text);
}

Menu read_menu(std::string_view html, const std::function<bool(std::string_view)>& usable) {
  Menu menu;
  std::vector<MenuLink> links = page_links(html);
  // A link whose target is a known page path wins over one recognised by its text only.
  for (const bool by_target : {true, false}) {
    for (MenuLink& link : links) {
      if (link.href.empty()) continue;
      const auto kind = by_target ? kind_by_target(link.href) : kind_by_text(link.text);
      if (!kind) continue;
      auto& slot = menu.links[static_cast<std::size_t>(*kind)];
      // `usable` last: it resolves the link (link_path), dearer than telling its kind.
      if (!slot && (!usable || usable(link.href))) slot = std::move(link);
    }
  }
  return menu;
}

std::optional<std::string> link_path(std::string_view href, std::string_view page_path,
                                     std::span<const std::string> own_hosts) {
  href = href.substr(0, href.find('#'));
  if (href.empty() || href.size() > max_path) return std::nullopt;
  for (const char c : href)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return std::nullopt;

  std::string_view rest = href;
  const std::size_t scheme_end = href.find(':');
  const std::size_t first_separator = href.find_first_of("/?");
  if (scheme_end != std::string_view::npos &&
      (first_separator == std::string_view::npos || scheme_end < first_separator)) {
    const std::string scheme = lower_case(href.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    rest = href.substr(scheme_end + 1);
    if (rest.substr(0, 2) != "//") return std::nullopt;
  }
  if (rest.substr(0, 2) == "//") {
    if (!own_host(url_host(rest), own_hosts)) return std::nullopt;
    const std::size_t path_start = rest.find_first_of("/?", 2);
    rest = path_start == std::string_view::npos ? std::string_view("/") : rest.substr(path_start);
    if (rest.front() == '?') return "/" + std::string(rest);
  }
  if (rest.front() == '/') return normalised_path(rest);
  const std::string_view page = page_path.substr(0, page_path.find('?'));
  if (rest.front() == '?') return std::string(page.empty() ? "/" : page) + std::string(rest);
  const std::size_t last_slash = page.rfind('/');
  const std::string directory =
      last_slash == std::string_view::npos ? std::string("/") : std::string(page.substr(0, last_slash + 1));
  return normalised_path(directory + std::string(rest));
}

} // namespace scanner::pages
