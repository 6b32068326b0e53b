#include <inventory/address.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace inventory {
namespace {

bool is_ipv6(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

// RFC 5952 text ("2001:DB8:0::1" -> "2001:db8::1"): one phone has one address key, so duplicates,
// shards and runs compared across nights agree however the inventory spells it.
std::string canonical_ipv6(const std::string& s) {
  unsigned char buf[16];
  char text[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, s.c_str(), buf) != 1 || inet_ntop(AF_INET6, buf, text, sizeof text) == nullptr) return s;
  return text;
}

bool looks_like_ipv4(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

// RFC 1123 host name: labels of letters, digits and hyphens, not starting or ending with '-'.
bool is_host_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (label == 0 || s[i - 1] == '-') return false;
      label = 0;
      continue;
    }
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    if (c == '-' && label == 0) return false;
    if (++label > 63) return false;
  }
  return s.back() != '-';
}

tl::expected<std::uint16_t, std::string> parse_port(std::string_view text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
    return tl::unexpected("port is not a number: \"" + std::string(text) + "\"");
  if (value == 0 || value > 65535) return tl::unexpected("port out of range: " + std::string(text));
  return static_cast<std::uint16_t>(value);
}

// "http://" / "https://" (any case) taken off `text`; a '/' after the authority is allowed
// alone, a path is not (phonesweep chooses the paths).
tl::expected<std::string, std::string> take_scheme(std::string_view& text) {
  const auto separator = text.find("://");
  if (separator == std::string_view::npos) return std::string();
  std::string scheme(text.substr(0, separator));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https")
    return tl::unexpected("unsupported scheme \"" + scheme + "\" (http or https)");
  text.remove_prefix(separator + 3);
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);
  if (text.find('/') != std::string_view::npos)
    return tl::unexpected(std::string("a path is not allowed in an address"));
  return scheme;
}

} // namespace

tl::expected<HostPort, std::string> parse_address(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto scheme = take_scheme(text);
  if (!scheme) return tl::unexpected(scheme.error());
  if (text.empty()) return tl::unexpected(std::string("empty address"));
  HostPort out;
  out.scheme = std::move(*scheme);
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return tl::unexpected(std::string("missing ']' in IPv6 address"));
    out.host = std::string(text.substr(1, close - 1));
    if (!is_ipv6(out.host)) return tl::unexpected("not an IPv6 address: " + out.host);
    out.host = canonical_ipv6(out.host);
    auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return tl::unexpected(std::string("unexpected text after ']'"));
      auto port = parse_port(rest.substr(1));
      if (!port) return tl::unexpected(port.error());
      out.port = *port;
    }
    return out;
  }
  if (std::count(text.begin(), text.end(), ':') > 1) {
    out.host = std::string(text);
    if (!is_ipv6(out.host)) return tl::unexpected("not an IPv6 address: " + out.host);
    out.host = canonical_ipv6(out.host);
    return out;
  }
  const auto colon = text.find(':');
  std::string_view host = text.substr(0, colon);
  if (colon != std::string_view::npos) {
    auto port = parse_port(text.substr(colon + 1));
    if (!port) return tl::unexpected(port.error());
    out.port = *port;
  }
  out.host = std::string(host);
  if (looks_like_ipv4(host)) {
    unsigned char buf[4];
    if (inet_pton(AF_INET, out.host.c_str(), buf) != 1) return tl::unexpected("not an IPv4 address: " + out.host);
    return out;
  }
  if (!is_host_name(host)) return tl::unexpected("not a host name or IP address: \"" + out.host + "\"");
  std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

} // namespace inventory
