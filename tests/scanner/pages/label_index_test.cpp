// The per-page label index and fields_labelled_by against plain definitions: a cell is a label of
// a field when it folds to one of the field's labels, and find_field_if walks every cell. They
// must agree on every real page and on hostile cells.
#include <scanner/pages/label_index.hpp>
#include <scanner/pages/value_shapes.hpp>

#include "corpus_support.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

using namespace corpus_test;

namespace {

constexpr std::array all_fields{Label::model,         Label::mac_address,   Label::host_name, Label::version,
                                Label::app_load,      Label::serial_number, Label::auth_url,  Label::itl_file,
                                Label::itl_signature, Label::tvs,           Label::web_access};

using Accept = std::function<bool(std::string_view)>;

const std::vector<Accept>& accepts() {
  static const std::vector<Accept> all{
      Accept{},
      [](std::string_view value) { return !value.empty(); },
      [](std::string_view value) { return value.find("://") != std::string_view::npos; },
      looks_like_mac,
      looks_like_load,
  };
  return all;
}

// The index finds what find_field_if with is_label finds, for every field and every accept.
void check_index_agrees(const std::vector<TextCell>& cells) {
  const LabelIndex index(cells);
  for (const Label field : all_fields) {
    const auto labelled = [field](std::string_view text) { return is_label(text, field); };
    for (std::size_t k = 0; k < accepts().size(); ++k) {
      CAPTURE(static_cast<int>(field), k);
      CHECK(index.find(field, accepts()[k]) == find_field_if(cells, labelled, accepts()[k]));
    }
  }
}

// The definition, without fields_labelled_by's shortcuts (digits, first letters, the sorted table).
bool folds_to_a_label_of(std::string_view text, Label field) {
  const auto labels = folded_labels(field);
  return text.size() <= 64 && std::find(labels.begin(), labels.end(), fold_text(text)) != labels.end();
}

void check_fields_agree(std::string_view text) {
  CAPTURE(text);
  const LabelSet fields = fields_labelled_by(text);
  for (const Label field : all_fields) {
    CAPTURE(static_cast<int>(field));
    CHECK(fields.contains(field) == folds_to_a_label_of(text, field));
  }
}

// Labels of every field in several languages and spellings, labels that are not quite labels,
// and bytes that are not text.
const std::vector<std::string> hostile_texts{
    "Host name",
    "HOST NAME:",
    "host-name",
    "Hostname",
    "Nom d'h\xC3\xB4te",
    "Nom d\xE2\x80\x99h\xC3\xB4te",
    "N\xC3\xBAmero de serie",
    "N\xFAmero de serie",
    "N.\xC2\xBA de serie",
    "MAC-Adresse",
    "Direcci\xF3n MAC",
    "Authentifizierungs-URL",
    "URL f\xC3\xBCr Authentifizierung",
    "ITL-Datei",
    "ITL signature",
    "Firma ITL",
    "TVS",
    "Web access enabled",
    "SW_Version ID",
    "App Load ID",
    "Model Number",
    "Product ID",
    "Ethernet MAC address",
    "Wireless MAC address",
    "Boot Load ID",
    "Module Number",
    "Version 2",
    "Host name 1",
    "host\xC3name",
    "\xC3",
    "\xE2\x80",
    "\x80\x9F !!",
    "",
    " ",
    ":",
    "::",
    "\xC3\x9F",
    "Stra\xC3\x9F"
    "e",
    "\xDE"
    "host name",
    std::string(55, ' ') + "Host name",
    std::string(56, ' ') + "Host name",
    std::string(70, 'a'),
    "Serial Number of the key expansion module and more words than a label has",
};

// Pages with labels where find_field_if reads them in unusual places: "Label: value" in one
// cell, a label with nothing after it, a label last in its row, the same label twice.
const std::vector<std::string> hostile_pages{
    "<pre>Host name: SEP001B54AABB0C\nTVS : 10.0.0.5:2445\nITL file:\nWeb access: \nMAC address:x</pre>",
    "<table><tr><td>Host name</td></tr><tr><td>SEP001B54AABB0C</td></tr></table>",
    "<table><tr><td>ITL file</td><td></td><td></td></tr><tr><td>ITL file</td><td>No ITL</td></tr></table>",
    "<p>:</p><p>: Host name</p><p>Host name:</p><p>Host name: </p><p>Host name</p>",
    "<table><tr><td>N\xFAmero de serie:</td><td>FCH1234A5BC</td></tr><tr><td>Versi\xC3\xB3n</td>"
    "<td>sip88xx.14-2-1-0201-30</td></tr></table><p>Serial: FCH1234A5BD</p>",
    "<p>" + std::string(60, ' ') +
        "x Host name: far too long a cell to be a label but its colon part is one</p><p>v</p>",
    "<table><tr><td>Authentication URL</td><td>not a url</td></tr><tr><td>Authentication URL:</td>"
    "<td>http://cucm/ccmcip/authenticate.jsp</td></tr></table>",
    "<p>TVS</p>",
    "",
};

} // namespace

TEST_CASE("fields_labelled_by: names exactly the fields whose folded labels a real page cell folds to") {
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || !is_page_file(entry.path())) continue;
    CAPTURE(entry.path().filename().string());
    for (const TextCell& cell : html_cells(read_whole_file(entry.path()))) {
      const LabelTexts texts = label_texts(cell.text);
      check_fields_agree(texts.whole);
      if (texts.before_colon) check_fields_agree(*texts.before_colon);
    }
  }
}

TEST_CASE("fields_labelled_by: names exactly the fields whose folded labels a text folds to, on accents, Latin-1 and "
          "broken bytes") {
  for (const std::string& text : hostile_texts) check_fields_agree(text);
}

TEST_CASE("fields_labelled_by: a text of more than 64 bytes is never a label, one of 64 can be") {
  CHECK(fields_labelled_by(std::string(55, ' ') + "Host name").contains(Label::host_name));
  CHECK(fields_labelled_by(std::string(56, ' ') + "Host name").empty());
}

TEST_CASE("fields_labelled_by: a text with a digit or of one field's label names only that field") {
  CHECK(fields_labelled_by("Host name 2").empty());
  CHECK(fields_labelled_by("10.0.0.1").empty());
  const LabelSet tvs = fields_labelled_by("TVS server");
  CHECK(tvs.contains(Label::tvs));
  LabelSet only_tvs;
  only_tvs.add(Label::tvs);
  CHECK(tvs == only_tvs);
}

TEST_CASE("label index: finds what the per-label search finds, for every field, on every real page") {
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || !is_page_file(entry.path())) continue;
    CAPTURE(entry.path().filename().string());
    check_index_agrees(html_cells(read_whole_file(entry.path())));
    check_index_agrees(html_cells(read_whole_file(entry.path()), CellOptions{.newline_breaks = true}));
  }
}

TEST_CASE("label index: finds what the per-label search finds on 'Label: value' cells, empty and long cells") {
  for (const std::string& page : hostile_pages) {
    CAPTURE(page);
    check_index_agrees(html_cells(page));
  }
  std::string all_texts;
  for (const std::string& text : hostile_texts) all_texts += "<tr><td>" + text + "</td><td>v</td></tr>";
  check_index_agrees(html_cells("<table>" + all_texts + "</table>"));
}

TEST_CASE("label index: a 'Label: value' cell gives the text after its colon, a bare label the next cell") {
  const auto cells =
      html_cells("<p>Host name: SEP001B54AABB0C</p><table><tr><td>TVS</td><td>10.0.0.5</td></tr></table>");
  const LabelIndex index(cells);
  CHECK(index.find(Label::host_name) == std::optional<std::string>("SEP001B54AABB0C"));
  CHECK(index.find(Label::tvs) == std::optional<std::string>("10.0.0.5"));
  CHECK_FALSE(index.find(Label::itl_file).has_value());
  CHECK(index.cells().size() == cells.size());
}
