#pragma once
// Where the probe plan looks for a phone's pages: the model table's path first, then the links
// of the phone's own menu (doc/DOMAIN.md section 4: every home page links its pages). A firmware
// that moved a page, or a model the table does not know, costs the home page and the pages it
// links, never a guess. Bounded: every path is asked at most once, the home page at most once,
// so at most three table paths, the home page and three linked pages per phone. Only paths on
// the phone's own host are ever returned.
#include <scanner/pages/menu_reader.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scanner {

class PageSearch {
public:
  // `own_hosts`: the names and addresses the phone is reached by (its inventory host, the
  // address it resolved to); links to any other host are never followed.
  explicit PageSearch(std::vector<std::string> own_hosts);

  // The next path to ask for a page of `kind`, or std::nullopt when nothing is left to try:
  //  1. `table_path` (the model table's), unless empty or already asked;
  //  2. when `use_menu`: the home page "/" if not asked yet and either `kind` is device
  //     information (most home pages are) or no page read so far linked `kind`;
  //  3. when `use_menu`: the path the menu links for `kind`, unless already asked.
  [[nodiscard]] std::optional<std::string> next(pages::PageKind kind, std::string_view table_path, bool use_menu) const;

  // Another name or address of the phone (the address its name resolved to).
  void add_own_host(std::string host);

  // Marks `path` as asked (when the request is made), so that next() never returns it again.
  void mark_asked(std::string_view path);

  // Takes the menu links of the page answered at `path` when it is an HTML page answered 200
  // (see pages::read_menu; links to other hosts and to the phone's command services under
  // /CGI/, the Serviceability pages excepted, are passed over). Each kind keeps the first link
  // found; once every kind has one, later pages' menus are not read.
  void record(std::string_view path, long http_status, std::string_view body);

  [[nodiscard]] bool asked(std::string_view path) const;
  // The path the menus read so far link for `kind`.
  [[nodiscard]] const std::optional<std::string>& linked(pages::PageKind kind) const {
    return linked_[static_cast<std::size_t>(kind)];
  }

private:
  std::vector<std::string> own_hosts_;
  std::vector<std::string> asked_;
  std::array<std::optional<std::string>, pages::page_kind_count> linked_;
};

} // namespace scanner
