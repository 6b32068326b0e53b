#include <scanner/pages/network_setup_reader.hpp>

#include <scanner/pages/ascii.hpp>
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/label_index.hpp>
#include <scanner/pages/labels.hpp>

#include <vector>

#include <pugixml.hpp>

namespace scanner::pages {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool looks_like_xml(std::string_view page) {
  if (page.substr(0, 3) == "\xEF\xBB\xBF") page.remove_prefix(3);
  page = trimmed(page);
  constexpr std::string_view root = "<NetworkConfiguration";
  return page.substr(0, 5) == "<?xml" || iequals(page.substr(0, root.size()), root);
}

// Element name folded for loose matching: "authenticationURL" and "Authentication_URL" agree.
std::string folded(std::string_view name) {
  std::string key;
  for (const char c : name) {
    if (is_alnum(c)) key += lower(c);
  }
  return key;
}

void keep_first(std::string& field, std::string_view value) {
  if (field.empty()) field = std::string(value);
}

bool read_xml(std::string_view page, NetworkSetup& setup) {
  pugi::xml_document document;
  if (!document.load_buffer(page.data(), page.size(), pugi::parse_default, pugi::encoding_auto) ||
      !document.document_element()) {
    return false;
  }
  std::string exact_auth_url;
  std::string other_auth_url;
  // Iterative walk: a hostile document may nest deeply, and recursion would overflow the stack.
  pugi::xml_node node = document.document_element();
  while (node) {
    if (node.type() == pugi::node_element) {
      const std::string key = folded(node.name());
      const std::string_view value = trimmed(node.child_value());
      if (!value.empty()) {
        if (key == "authenticationurl") {
          keep_first(exact_auth_url, value);
        } else if (key.find("authenticationurl") != std::string::npos) {
          keep_first(other_auth_url, value);
        } else if (key == "itlfile" || key == "itl") {
          keep_first(setup.itl_file, value);
        } else if (key == "itlsignature") {
          keep_first(setup.itl_signature, value);
        } else if (key.find("tvs") != std::string::npos) {
          keep_first(setup.tvs, value);
        } else if (key.find("webaccess") != std::string::npos) {
          keep_first(setup.web_access, value);
        } else if (key == "hostname") {
          keep_first(setup.host_name, value);
        }
      }
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) node = node.parent();
    if (node) node = node.next_sibling();
  }
  setup.auth_url = !exact_auth_url.empty() ? exact_auth_url : other_auth_url;
  return true;
}

bool looks_like_url(std::string_view text) {
  return text.find("://") != std::string_view::npos && text.find(' ') == std::string_view::npos;
}

bool looks_like_auth_service(std::string_view text) {
  return looks_like_url(text) && fold_text(text).find("authenticat") != std::string::npos;
}

void read_html(std::string_view page, NetworkSetup& setup) {
  const std::vector<TextCell> cells = html_cells(page);
  const LabelIndex labels(cells);
  const auto field = [&](Label label, const std::function<bool(std::string_view)>& accept = {}) {
    return std::string(trimmed(labels.find(label, accept).value_or(std::string{})));
  };
  setup.auth_url = field(Label::auth_url, looks_like_url);
  if (setup.auth_url.empty()) {
    for (const auto& cell : cells) {
      if (looks_like_auth_service(cell.text)) {
        setup.auth_url = cell.text;
        break;
      }
    }
  }
  if (setup.auth_url.empty()) setup.auth_url = field(Label::auth_url);
  setup.itl_file = field(Label::itl_file);
  setup.itl_signature = field(Label::itl_signature);
  setup.tvs = field(Label::tvs);
  setup.web_access = field(Label::web_access);
  setup.host_name = field(Label::host_name);
}

bool all_hex(std::string_view text) {
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

} // namespace

NetworkSetup read_network_setup(std::string_view page) {
  NetworkSetup setup;
  if (looks_like_xml(page) && read_xml(page, setup)) return setup;
  read_html(page, setup);
  return setup;
}

ItlFileShown classify_itl_file(std::string_view value) {
  const std::string folded = fold_text(value);
  if (folded.empty()) return ItlFileShown::unknown;
  const std::string_view first = std::string_view(folded).substr(0, folded.find(' '));
  // "No", "Not installed", "No ITL installed", "None" and their translations.
  for (const std::string_view negation :
       {"no",   "not", "none",    "non",     "nein",  "nicht",  "kein",   "keine",   "nee",    "niet",
        "geen", "nao", "ninguno", "ninguna", "aucun", "aucune", "nessun", "nessuno", "nenhum", "nenhuma"}) {
    if (first == negation) return ItlFileShown::not_installed;
  }
  // A hash of the file (hex, possibly grouped) or its base64 form.
  std::string compact;
  for (const char c : value)
    if (c != ' ' && c != ':' && c != '-') compact += c;
  if (compact.size() >= 16 && all_hex(compact)) return ItlFileShown::installed;
  const bool base64 = compact.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
                      std::string::npos;
  const bool has_digit = compact.find_first_of("0123456789") != std::string::npos;
  if (compact.size() >= 16 && base64 && has_digit) return ItlFileShown::installed;
  for (const std::string_view yes : {"installed", "yes", "si", "oui", "ja", "sim", "instalado", "installe",
                                     "installiert", "installato", "geinstalleerd", "present", "itl installed"}) {
    if (folded == yes || first == yes) return ItlFileShown::installed;
  }
  return ItlFileShown::unknown;
}

std::string url_host(std::string_view url) {
  url = trimmed(url);
  if (const std::size_t scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    bool scheme = scheme_end > 0 && is_alpha(url.front());
    for (std::size_t i = 0; i < scheme_end && scheme; ++i) {
      scheme = is_alnum(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.';
    }
    if (scheme) url.remove_prefix(scheme_end + 3);
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  }
  std::string_view authority = url.substr(0, url.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string{} : std::string(authority.substr(1, close - 1));
  }
  const std::size_t colon = authority.find(':');
  // Two or more colons without brackets: a bare IPv6 literal, which has no port to strip.
  if (colon != std::string_view::npos && authority.find(':', colon + 1) == std::string_view::npos) {
    authority = authority.substr(0, colon);
  }
  return std::string(authority);
}

} // namespace scanner::pages
