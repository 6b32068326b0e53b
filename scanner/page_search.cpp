#include <scanner/page_search.hpp>

#include <algorithm>

namespace scanner {
namespace {

constexpr std::string_view home = "/";

// The phone's command services (/CGI/Screenshot, /CGI/Execute, …) are never a menu page, whatever
// a link's text says: the plan asks them deliberately or not at all. The Serviceability adapters
// live under /CGI/Java/ and are pages.
bool command_service(std::string_view path) {
  return path.substr(0, 5) == "/CGI/" && path.substr(0, 10) != "/CGI/Java/";
}

bool looks_like_html(std::string_view body) {
  const std::size_t start = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return start != std::string_view::npos && body[start] == '<' && body.substr(start, 5) != "<?xml";
}

} // namespace

PageSearch::PageSearch(std::vector<std::string> own_hosts) : own_hosts_(std::move(own_hosts)) {}

bool PageSearch::asked(std::string_view path) const {
  return std::find(asked_.begin(), asked_.end(), path) != asked_.end();
}

std::optional<std::string> PageSearch::next(pages::PageKind kind, std::string_view table_path, bool use_menu) const {
  if (!table_path.empty() && !asked(table_path)) return std::string(table_path);
  if (!use_menu) return std::nullopt;
  const auto& link = linked(kind);
  if (!asked(home) && (kind == pages::PageKind::device_info || !link)) return std::string(home);
  if (link && !asked(*link)) return link;
  return std::nullopt;
}

void PageSearch::add_own_host(std::string host) { own_hosts_.push_back(std::move(host)); }

void PageSearch::mark_asked(std::string_view path) {
  if (!asked(path)) asked_.emplace_back(path);
}

void PageSearch::record(std::string_view path, long http_status, std::string_view body) {
  mark_asked(path);
  // Each kind keeps the first link found: once every kind has one, no menu can change them, and
  // reading it again is work for nothing (issue 18: ~50,000 instructions per page).
  const bool all_linked = std::ranges::all_of(linked_, [](const auto& link) { return link.has_value(); });
  if (http_status != 200 || all_linked || !looks_like_html(body)) return;
  const auto on_this_phone = [&](std::string_view href) {
    const auto target = pages::link_path(href, path, own_hosts_);
    return target && !command_service(*target);
  };
  const pages::Menu menu = pages::read_menu(body, on_this_phone);
  for (std::size_t k = 0; k < pages::page_kind_count; ++k) {
    if (!linked_[k] && menu.links[k]) linked_[k] = pages::link_path(menu.links[k]->href, path, own_hosts_);
  }
}

} // namespace scanner
