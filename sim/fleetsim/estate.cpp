#include <sim/fleetsim/estate.hpp>

#include <sim/fleetsim/rng.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace fleetsim {
namespace {

constexpr std::uint32_t base_address = (127U << 24) | (16U << 16); // 127.16.0.0

constexpr std::array<std::string_view, 6> sites{"LON-1", "LON-2", "NYC-1", "PAR-1", "SYD-1", "FRA-1"};
constexpr std::array<std::string_view, 10> rooms{"Reception",     "Meeting room", "Open plan desk", "Finance",
                                                 "Trading floor", "Lobby",        "Warehouse",      "Help desk",
                                                 "Board room",    "Kitchen"};
// Real Cisco OUIs, so that device names look like the ones in a CUCM.
constexpr std::array<std::string_view, 4> ouis{"00EBD5", "0CD0F8", "501CBF", "F87B20"};

std::string hex(std::uint64_t value, int digits) {
  static constexpr char symbols[] = "0123456789ABCDEF";
  std::string text(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = symbols[value & 0xF];
    value >>= 4;
  }
  return text;
}

// Draws a model with the catalog's shares among those that `fits`.
template <class Fits>
const ModelInfo& draw_model(Rng& rng, Fits fits) {
  unsigned sum = 0;
  for (const ModelInfo& m : model_catalog())
    if (fits(m)) sum += m.share;
  auto ticket = static_cast<unsigned>(rng.below(sum));
  for (const ModelInfo& m : model_catalog()) {
    if (!fits(m)) continue;
    if (ticket < m.share) return m;
    ticket -= m.share;
  }
  return model_catalog().front();
}

const ModelInfo& model_for(Scenario scenario, Rng& rng) {
  switch (scenario) {
  case Scenario::unsupported_model:
    return draw_model(rng, [](const ModelInfo& m) { return !has_screenshot_service(m); });
  case Scenario::https_phone: {
    // doc/DOMAIN.md: 98xx / 8875 may require HTTPS. Never drawn for other scenarios (share 0).
    static const ModelInfo& https_model = *find_model("CP-8875");
    return https_model;
  }
  case Scenario::not_found:
    // "Web service disabled" on a current model: its 404 must be a surprise, not the table's.
    return draw_model(rng, [](const ModelInfo& m) { return m.screenshot == ImageFormat::png; });
  default: return draw_model(rng, [](const ModelInfo& m) { return has_screenshot_service(m); });
  }
}

std::string auth_url_for(Scenario scenario) {
  switch (scenario) {
  case Scenario::auth_url_dns: return std::string(stale_auth_url);
  case Scenario::auth_failed: return std::string(informacast_auth_url);
  default: return std::string(good_auth_url);
  }
}

// The first phones of each default scenario (see coverage_slots()): one per page family.
// Inventory naming alternates so that each family is also identified by its own pages.
constexpr std::array<CoverageSlot, 12> coverage{{
    {"CP-7942G", Family::cp79xx, true},
    {"CP-7965G", Family::cp79xx, false},
    {"CP-7975G", Family::cp79xx, true},
    {"CP-8945", Family::cp89xx, false},
    {"CP-6921", Family::cp69xx_display, true},
    {"CP-6941", Family::cp69xx_display, false}, // identified by its /DeviceInformationX
    {"CP-DX80", Family::dx, true},
    {"CP-8851", Family::moved, true},
    {"CP-4321", Family::unlisted, false},
    {"CP-7962G", Family::cp79xx, false},
    {"CP-6961", Family::cp69xx_display, false},
    {"CP-4321", Family::unlisted, true},
}};

// 11 characters as Cisco's serials: factory letters, year and week of manufacture, a sequence.
std::string serial_number(Rng& rng) {
  static constexpr char alnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  char week[5];
  std::snprintf(week, sizeof week, "%02u%02u", static_cast<unsigned>(14 + rng.below(10)),
                static_cast<unsigned>(1 + rng.below(52)));
  std::string serial = std::string("FCH") + week;
  for (int i = 0; i < 4; ++i) serial += alnum[rng.below(sizeof alnum - 1)];
  return serial;
}

} // namespace

bool network_page_shows_itl(Family family) {
  // As their real network setup pages: 88xx/78xx (cisco-CP-8841.html) and 89xx (cisco-CP-8945.html)
  // show the ITL file line; the 7945G, 6921 and DX80 pages do not.
  switch (family) {
  case Family::cp88xx:
  case Family::cp8821:
  case Family::cp78xx:
  case Family::cp89xx:
  case Family::moved:
  case Family::unlisted: return true;
  default: return false;
  }
}

namespace {

bool associated(Scenario scenario) {
  return scenario != Scenario::not_associated && scenario != Scenario::not_associated_itl;
}

std::string with_port(std::string host, std::uint16_t port) { return host + ":" + std::to_string(port); }

// One phone at the IPv6 literal (an error-4 cause: its plan takes every request kind) and one
// reached by an AAAA-only name (ok). Only ::1 exists on loopback, so the server tells them apart
// by the Host header: "[::1]:port" is in by_host_name like a name.
void place_ipv6_phones(Estate& estate) {
  const auto first = [&](Scenario scenario) -> Phone* {
    for (Phone& p : estate.phones)
      if (p.scenario == scenario && !p.ipv6) return &p;
    return nullptr;
  };
  Phone* literal = first(Scenario::not_associated);
  Phone* named = first(Scenario::healthy);
  if (literal == nullptr || named == nullptr)
    throw std::invalid_argument("--ipv6 needs a not_associated and a healthy phone in the mix");
  const std::string bracketed = "[" + std::string(ipv6_loopback) + "]";
  literal->ipv6 = true;
  literal->inventory_address = with_port(bracketed, estate.options.port);
  estate.by_host_name.emplace(literal->inventory_address, literal->index);
  estate.by_host_name.emplace(bracketed, literal->index);
  named->ipv6 = true;
  named->host_name = phone_host_name(named->index);
  named->inventory_address = with_port(named->host_name, estate.options.port);
  estate.by_host_name.emplace(named->host_name, named->index);
}

} // namespace

std::uint32_t phone_address(std::size_t index) {
  const auto subnet = static_cast<std::uint32_t>(index / 254);
  const auto host = static_cast<std::uint32_t>(index % 254 + 1);
  return base_address + (subnet << 8) + host;
}

std::optional<std::size_t> phone_index(std::uint32_t address) {
  if (address < base_address) return std::nullopt;
  const std::uint32_t offset = address - base_address;
  const std::uint32_t host = offset & 0xFF;
  if (host == 0 || host == 255) return std::nullopt;
  const std::size_t index = static_cast<std::size_t>(offset >> 8) * 254 + (host - 1);
  if (index >= max_phones) return std::nullopt;
  return index;
}

std::string ipv4_text(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
         "." + std::to_string(a & 0xFF);
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int part = 0; part < 4; ++part) {
    unsigned value = 0;
    const auto [next, error] = std::from_chars(p, end, value);
    if (error != std::errc{} || next == p || value > 255) return std::nullopt;
    address = (address << 8) | value;
    p = next;
    if (part < 3) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
  }
  if (p != end) return std::nullopt;
  return address;
}

std::string phone_host_name(std::size_t index) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "phone%04zu.sim.test", index + 1);
  return buffer;
}

std::optional<CredentialMode> parse_credential_mode(std::string_view text) {
  if (text == "good") return CredentialMode::good;
  if (text == "bad-password") return CredentialMode::bad_password;
  return std::nullopt;
}

std::string_view to_body(CucmVerdict verdict) {
  switch (verdict) {
  case CucmVerdict::authorized: return "AUTHORIZED";
  case CucmVerdict::unauthorized: return "UN-AUTHORIZED";
  case CucmVerdict::error: return "ERROR";
  }
  return "ERROR";
}

CucmVerdict authorize(const Cucm& cucm, std::string_view user, std::string_view password,
                      std::string_view device_name) {
  if (user.empty() || password.empty() || device_name.empty()) return CucmVerdict::error;
  if (user != cucm.user || password != cucm.password) return CucmVerdict::unauthorized;
  if (!cucm.controlled.contains(std::string(device_name))) return CucmVerdict::unauthorized;
  return CucmVerdict::authorized;
}

std::vector<UserGroup> user_groups(bool cti_roles) {
  std::vector<UserGroup> groups{{"Standard AXL API Access", {"Standard AXL API Access"}}};
  if (cti_roles) {
    for (const char* name : {"Standard CTI Enabled", "Standard CTI Allow Control of All Devices",
                             "Standard CTI Allow Control of Phones supporting Connected Xfer and conf"})
      groups.push_back({name, {name}});
  }
  return groups;
}

bool served_raw(Scenario scenario) {
  return scenario == Scenario::endless_headers || scenario == Scenario::tls_stall || scenario == Scenario::tls_broken;
}

bool speaks_https(Scenario scenario) {
  return scenario == Scenario::https_phone || scenario == Scenario::tls_stall || scenario == Scenario::tls_broken;
}

std::span<const CoverageSlot> coverage_slots() { return coverage; }

TrustShown trust_shown(Scenario scenario) {
  switch (scenario) {
  case Scenario::no_itl: return TrustShown::not_installed;
  case Scenario::itl_trust:
  case Scenario::itl_trust_ok_screenshot:
  case Scenario::not_associated_itl: return TrustShown::update_failed;
  default: return TrustShown::installed;
  }
}

const Phone* Estate::find_by_address(std::uint32_t address) const {
  const auto index = phone_index(address);
  if (!index || *index >= phones.size()) return nullptr;
  return &phones[*index];
}

const Phone* Estate::find_by_host(std::string_view host) const {
  if (host.substr(0, 8) == "https://") host.remove_prefix(8);
  if (host.size() > 2 && host.front() != '[') {
    if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  }
  if (const auto address = parse_ipv4(host)) return find_by_address(*address);
  std::string lower(host);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const auto it = by_host_name.find(lower);
  return it == by_host_name.end() ? nullptr : &phones[it->second];
}

Estate build_estate(const EstateOptions& options) {
  const std::size_t count = total(options.counts);
  if (count == 0) throw std::invalid_argument("the estate has no phone");
  if (count > max_phones) throw std::invalid_argument("at most " + std::to_string(max_phones) + " phones");

  Estate estate;
  estate.options = options;

  // Scenarios in a seeded random order, so that failures are spread over the address range.
  std::vector<Scenario> order;
  order.reserve(count);
  for (std::size_t s = 0; s < scenario_count; ++s)
    order.insert(order.end(), options.counts[s], static_cast<Scenario>(s));
  Rng shuffler = Rng::for_stream(options.seed, 0xE57A7E);
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[static_cast<std::size_t>(shuffler.below(i))]);

  // Bijective on 24 bits (odd multiplier), so MAC addresses never collide.
  const std::uint64_t mac_offset = Rng::for_stream(options.seed, 0x3AC).next();
  estate.phones.reserve(count);
  std::array<std::size_t, scenario_count> placed{};
  for (std::size_t i = 0; i < count; ++i) {
    Rng rng = Rng::for_stream(options.seed, i + 1);
    Phone p;
    p.index = i;
    p.scenario = order[i];
    p.model = &model_for(p.scenario, rng);
    const std::size_t nth = placed[index_of(p.scenario)]++;
    // Not for the scenarios that need a kind of model: no screenshot service, or a current one.
    const bool covers = in_default_mix(p.scenario) && p.scenario != Scenario::unsupported_model &&
                        p.scenario != Scenario::not_found && nth < coverage.size();
    if (covers) {
      p.model = find_model(coverage[nth].model, coverage[nth].family);
      p.inventory_names_model = coverage[nth].inventory_names_model;
    }
    p.firmware = &p.model->firmware[rng.percent(80) ? 0 : 1];
    const std::uint64_t low = (i * 0x9E3779B1ULL + mac_offset) & 0xFFFFFF;
    p.mac = std::string(ouis[(mac_offset >> 32) % ouis.size()]) + hex(low, 6);
    p.device_name = "SEP" + p.mac;
    p.serial = serial_number(rng);
    p.directory_number = std::to_string(20000 + i);
    p.site = std::string(sites[static_cast<std::size_t>(rng.below(sites.size()))]);
    p.description = std::string(rooms[static_cast<std::size_t>(rng.below(rooms.size()))]) + " " + p.site + " ext " +
                    p.directory_number;
    p.address = phone_address(i);
    p.auth_url = auth_url_for(p.scenario);
    p.trust = trust_shown(p.scenario);
    p.variant = static_cast<unsigned>(rng.below(1000));
    if (in_default_mix(p.scenario)) {
      // A quarter of the phones speak another language; menu-only phones placed for coverage
      // always do, cycling through the languages, so that their menus are found by text.
      if (covers && menu_only(p.model->family)) {
        p.locale = static_cast<Locale>(1 + (index_of(p.scenario) + nth) % (locale_count - 1));
      } else if (p.variant % 4 == 0) {
        p.locale = static_cast<Locale>(1 + (p.variant / 4) % (locale_count - 1));
      }
      if (!covers) p.inventory_names_model = p.variant % 5 != 1;
      p.trust_line_rolled_off =
          network_page_shows_itl(p.model->family) && p.variant % 6 == 5 &&
          (p.scenario == Scenario::healthy || p.scenario == Scenario::no_itl || p.scenario == Scenario::by_name);
    }
    if (p.scenario == Scenario::by_name || p.scenario == Scenario::dns_unresolved) {
      p.host_name = phone_host_name(i);
      p.inventory_address = with_port(p.host_name, options.port);
      if (p.scenario == Scenario::by_name) estate.by_host_name.emplace(p.host_name, i);
    } else if (p.scenario == Scenario::unreachable) {
      p.inventory_address = with_port(ipv4_text(p.address), options.closed_port);
    } else if (served_raw(p.scenario)) {
      p.inventory_address = with_port(ipv4_text(p.address), options.raw_port != 0 ? options.raw_port : options.port);
    } else if (p.scenario == Scenario::https_phone) {
      p.inventory_address =
          with_port(ipv4_text(p.address), options.https_port != 0 ? options.https_port : options.port);
    } else {
      p.inventory_address = with_port(ipv4_text(p.address), options.port);
    }
    if (speaks_https(p.scenario)) p.inventory_address = "https://" + p.inventory_address;
    p.device_pool = p.site;
    p.registered = p.scenario != Scenario::unreachable;
    p.httpd = p.scenario != Scenario::silent;
    if (associated(p.scenario)) estate.cucm.controlled.insert(p.device_name);
    estate.phones.push_back(std::move(p));
  }
  if (options.ipv6) place_ipv6_phones(estate);

  estate.cucm.user = options.user;
  estate.cucm.groups = user_groups(options.cti_roles);
  estate.cucm.end_user = options.end_user;
  // bad-password: the password was rotated on the CUCM; the scanner still has the old one.
  estate.cucm.password =
      options.credentials == CredentialMode::bad_password ? options.password + "-rotated" : options.password;
  return estate;
}

ScreenshotReply screenshot_reply(const Phone& phone, const std::optional<Credentials>& credentials,
                                 const AskCucm& ask) {
  switch (phone.scenario) {
  case Scenario::unsupported_model:
  case Scenario::not_found: return ScreenshotReply::not_found;
  case Scenario::phone_error_1: return ScreenshotReply::error_1;
  case Scenario::phone_error_3: return ScreenshotReply::error_3;
  case Scenario::http_500: return ScreenshotReply::server_error;
  case Scenario::truncated: return ScreenshotReply::truncated;
  case Scenario::garbage: return ScreenshotReply::garbage;
  case Scenario::reset: return ScreenshotReply::reset;
  case Scenario::drip: return ScreenshotReply::drip;
  case Scenario::silent: return ScreenshotReply::silent;
  case Scenario::unreachable: return ScreenshotReply::refuse;
  case Scenario::huge_screenshot: return ScreenshotReply::huge_image;
  case Scenario::redirect_loop: return ScreenshotReply::redirect_loop;
  case Scenario::gzip_bomb: return ScreenshotReply::gzip_bomb;
  case Scenario::endless_headers: return ScreenshotReply::endless_headers;
  case Scenario::tls_stall:
  case Scenario::tls_broken: return ScreenshotReply::silent;
  case Scenario::redirect_away: return ScreenshotReply::redirect_away;
  default: break;
  }
  if (!credentials) return ScreenshotReply::ask_credentials;
  // A phone that lost trust cannot verify the CUCM (HTTPS authentication URL through its ITL);
  // itl_trust_ok_screenshot only *shows* an old failure, its trust works. Either way, and with an
  // authentication URL that leads elsewhere, the CUCM never hears of the request.
  const bool trust_works = phone.scenario != Scenario::itl_trust && phone.scenario != Scenario::not_associated_itl;
  const bool auth_url_works = phone.auth_url == good_auth_url;
  if (!trust_works || !auth_url_works) return ScreenshotReply::error_4;
  return ask(credentials->user, credentials->password, phone.device_name) == CucmVerdict::authorized
             ? ScreenshotReply::image
             : ScreenshotReply::error_4;
}

ScreenshotReply screenshot_reply(const Phone& phone, const Cucm& cucm, const std::optional<Credentials>& credentials) {
  return screenshot_reply(phone, credentials,
                          [&](std::string_view user, std::string_view password, std::string_view device) {
                            return authorize(cucm, user, password, device);
                          });
}

} // namespace fleetsim
