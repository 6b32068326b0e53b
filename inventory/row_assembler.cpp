#include <inventory/row_assembler.hpp>

#include <inventory/address.hpp>

#include <cctype>

namespace inventory {
namespace {

std::string normalise_key(std::string_view key) {
  std::string out;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '_' || c == '-') continue;
    out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

} // namespace

std::string RowIssue::to_string() const {
  std::string out = file + ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  return out + ": " + reason;
}

Column column_for(std::string_view key) {
  const std::string k = normalise_key(key);
  if (k == "address" || k == "ip" || k == "ipaddress" || k == "host" || k == "ipv4address" || k == "ipv6address")
    return Column::address;
  if (k == "name" || k == "devicename" || k == "device") return Column::name;
  if (k == "model" || k == "modelnumber") return Column::model;
  if (k == "site" || k == "devicepool" || k == "location") return Column::site;
  if (k == "description") return Column::description;
  if (k == "scheme") return Column::scheme;
  return Column::other;
}

std::optional<Target> RowAssembler::assemble(const std::string& file, std::size_t line, std::vector<Cell>& cells) {
  const Cell* address = nullptr;
  const Cell* scheme = nullptr;
  Target t;
  for (Cell& cell : cells) {
    switch (column_for(cell.key)) {
    case Column::address:
      if (!address) address = &cell; // a second address-like column is kept as extra
      else t.extra.emplace_back(std::move(cell.key), std::move(cell.value));
      break;
    case Column::name: t.device_name = trimmed(cell.value); break;
    case Column::model: t.model = trimmed(cell.value); break;
    case Column::site: t.site = trimmed(cell.value); break;
    case Column::description: t.description = trimmed(cell.value); break;
    case Column::scheme: scheme = &cell; break;
    case Column::other: t.extra.emplace_back(std::move(cell.key), std::move(cell.value)); break;
    }
  }
  if (!address) {
    issues_.push_back({file, line, 0, "no address in this row"});
    return std::nullopt;
  }
  auto parsed = parse_address(address->value);
  if (!parsed) {
    issues_.push_back({file, address->line ? address->line : line, address->column, "address: " + parsed.error()});
    return std::nullopt;
  }
  t.host = std::move(parsed->host);
  t.port = parsed->port;
  t.https = parsed->scheme == "https";
  if (scheme) {
    std::string value = trimmed(scheme->value);
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto where = [&] { return scheme->line ? scheme->line : line; };
    if (!value.empty() && value != "http" && value != "https") {
      issues_.push_back({file, where(), scheme->column, "scheme: \"" + value + "\" is neither http nor https"});
      return std::nullopt;
    }
    if (!value.empty() && !parsed->scheme.empty() && value != parsed->scheme) {
      issues_.push_back(
          {file, where(), scheme->column, "scheme " + value + " contradicts the address's " + parsed->scheme + "://"});
      return std::nullopt;
    }
    if (!value.empty()) t.https = value == "https";
  }
  if (!seen_->insert(t.address()).second) {
    issues_.push_back({file, address->line ? address->line : line, address->column,
                       "duplicate address " + t.address() + " (skipped)"});
    return std::nullopt;
  }
  return t;
}

} // namespace inventory
