// The real-page corpus (tests/fixtures/real-pages): every page a real phone served, read with the
// scanner's readers and checked against the values a person read off it (manifest.tsv, written
// without phonesweep); the model table's row for its model; the links of its menu; and, built
// from the real layouts, the same pages in other languages.
#include "corpus_support.hpp"

#include <set>
#include <string>
#include <vector>

using namespace corpus_test;

TEST_CASE("real pages: every page file is in the manifest, and every manifest row is a file") {
  std::set<std::string> listed;
  for (const Row& row : manifest()) listed.insert(row["file"]);
  std::set<std::string> on_disk;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || !is_page_file(entry.path())) continue;
    on_disk.insert(fs::relative(entry.path(), corpus).generic_string());
  }
  for (const auto& file : on_disk) {
    INFO("a page without a manifest row (read its values by eye): " << file);
    CHECK(listed.count(file) == 1);
  }
  for (const auto& file : listed) {
    INFO("a manifest row without its page: " << file);
    CHECK(on_disk.count(file) == 1);
  }
  CHECK(listed.size() >= 22);
}

TEST_CASE("real pages: the readers read what a person read off every page") {
  for (const Row& row : manifest()) {
    CAPTURE(row["file"]);
    check_values(row, read_whole_file(corpus / row["file"]));
  }
}

TEST_CASE("real pages: the model table knows every model with a real page, at the path its menu links") {
  for (const Row& row : manifest()) {
    CAPTURE(row["file"], row["model"]);
    const PhoneModel& model = lookup_model(row["model"]);
    if (!names_a_model(row["model"])) {
      CHECK(model.follow_menu); // no model number (the IP Communicator): its menu decides
      continue;
    }
    CHECK_FALSE(is_default_row(model));
    const std::string_view path = table_path(model, row["page_kind"]);
    if (row["page_kind"].rfind("device_info", 0) == 0) {
      // The device page is asked as /DeviceInformationX or at "/", then through the home page,
      // which on these models is this page (the real home pages of cisco-phone-nse).
      CHECK((path == row["served_at"] || path == "/DeviceInformationX" || path == "/"));
    } else {
      CHECK(path == row["served_at"]);
    }
  }
}

TEST_CASE("real pages: each menu's links are found by target and lead where the page says") {
  for (const Row& row : manifest()) {
    if (row["menu_links"].empty()) continue;
    CAPTURE(row["file"]);
    const std::string page = read_whole_file(corpus / row["file"]);
    const Menu menu = read_menu(page);
    const std::vector<std::string> expected = split(row["menu_links"], ';');
    REQUIRE(expected.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
      CAPTURE(k, expected[k]);
      const auto& link = menu[link_order[k]];
      REQUIRE(link);
      CHECK(link->href == expected[k]);
      const auto path = link_path(link->href, row["served_at"], page_hosts);
      REQUIRE(path);
      CHECK(path->front() == '/');
    }
    // The page's own kind links back to the page itself.
    for (std::size_t k = 0; k < 3; ++k) {
      const bool own = (k == 0 && row["page_kind"].rfind("device_info", 0) == 0) ||
                       (k == 1 && row["page_kind"].rfind("network_setup", 0) == 0) ||
                       (k == 2 && row["page_kind"].rfind("status_messages", 0) == 0);
      if (own) CHECK(link_path(expected[k], row["served_at"], page_hosts) == row["served_at"]);
    }
  }
}

TEST_CASE("real pages: every truncation of every page is read without crashing") {
  for (const Row& row : manifest()) {
    CAPTURE(row["file"]);
    const std::string page = read_whole_file(corpus / row["file"]);
    std::size_t identified = 0;
    for (std::size_t size = 0; size < page.size(); size += 61) {
      const std::string_view cut = std::string_view(page).substr(0, size);
      const auto info = read_device_information(cut);
      if (info) {
        ++identified;
        CHECK((info->mac.empty() || info->mac.size() == 12)); // never a MAC that is not one
      }
      (void)read_status_messages(cut);
      (void)read_network_setup(cut);
      (void)read_menu(cut);
    }
    if (row["page_kind"].rfind("status_messages", 0) != 0) CHECK(identified > 0);
  }
}
