#include <scanner/pages/labels.hpp>

#include <scanner/pages/ascii.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace scanner::pages {

namespace {

// The base letters of Latin-1 code points 0xC0..0xFF ("" for × and ÷, which separate words).
constexpr std::array<std::string_view, 64> latin1_letters{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e",  "e",  "e", "e", "i", "i", "i", "i", "d",  "n", "o",  "o", "o", "o",
    "o", "",  "o", "u", "u", "u", "u",  "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e",  "e", "e", "e",
    "i", "i", "i", "i", "d", "n", "o",  "o", "o",  "o",  "o", "",  "o", "u", "u", "u", "u",  "y", "th", "y",
};

constexpr bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Labels as fold_text leaves them. English first, then Spanish, French, German, Italian,
// Portuguese, Dutch. The English ones are read off real pages (tests/fixtures/real-pages); the
// Spanish device-information labels include those of the real Spanish 6901 page
// (real-pages/index-snippets/FACTS.md A: "N.º de serie", "N.º de modelo", "Dirección MAC",
// "Nombre de host", "ID de carga de la aplicación"); the others follow the wording of Cisco's
// localised guides and are unconfirmed on real pages, which is why readers check a value's
// shape before its label.
constexpr std::string_view model_labels[] = {
    "model number",
    "model",
    "product id",
    "modelnumber",
    "numero de modelo",
    "n de modelo",
    "modelo",
    "id de producto",
    "id del producto",
    "numero de modele",
    "numero du modele",
    "modele",
    "id du produit",
    "id de produit",
    "modellnummer",
    "modell",
    "produkt id",
    "produktnummer",
    "numero di modello",
    "numero modello",
    "modello",
    "id prodotto",
    "numero do modelo",
    "id do produto",
    "modelnummer",
    "product id nummer",
};
constexpr std::string_view mac_labels[] = {
    "mac address",   "macaddress",       "mac",         "ethernet mac address", // the last: the real DX80 page
    "direccion mac", "direccion de mac", "adresse mac", "mac adresse",          "indirizzo mac",
    "endereco mac",  "endereco de mac",  "mac adres",
};
constexpr std::string_view host_name_labels[] = {
    "host name",      "hostname",        "ethernet host name", // the last: the real DX80 page
    "nombre de host", "nombre del host", "nom d hote",         "nom de l hote",  "nom de hote",
    "host name",      "rechnername",     "nome host",          "nome dell host", "nome dell host name",
    "nome do host",   "nome de host",    "hostnaam",
};
constexpr std::string_view version_labels[] = {
    "version",
    "software version",
    "sw version id",
    "sw version",
    "version id",
    "firmware version",
    "version de software",
    "version del software",
    "version de firmware",
    "version du logiciel",
    "version logicielle",
    "version du micrologiciel",
    "softwareversion",
    "firmwareversion",
    "versione",
    "versione software",
    "versione del software",
    "versione firmware",
    "versao",
    "versao do software",
    "versao de software",
    "versao do firmware",
    "versie",
    "softwareversie",
    "firmwareversie",
};
constexpr std::string_view app_load_labels[] = {
    "app load id",
    "active load id",
    "load id",
    "id de carga de aplicacion",
    "id de carga de la aplicacion",
    "id de carga activa",
    "id de chargement de l application",
    "id de chargement d application",
    "anwendungsladekennung",
    "app lade id",
    "id caricamento applicazione",
    "id caricamento app",
    "id de carga do aplicativo",
    "id de carregamento da aplicacao",
    "app laad id",
    "id van app lading",
};
constexpr std::string_view serial_labels[] = {
    "serial number", "serial no",       "serial",         "numero de serie", "n de serie",  "no de serie",
    "seriennummer",  "numero di serie", "numero seriale", "numero serial",   "serienummer",
};
constexpr std::string_view auth_url_labels[] = {
    "authentication url",      "authentication server",  "auth url",
    "url authentication",      "url de autenticacion",   "url d authentification",
    "url de authentification", "authentifizierungs url", "url fur authentifizierung",
    "authentifizierungsurl",   "url di autenticazione",  "url autenticazione",
    "url de autenticacao",     "verificatie url",        "authenticatie url",
    "url voor verificatie",
};
constexpr std::string_view itl_file_labels[] = {
    "itl file",  "itl",      "archivo itl", "fichero itl",  "fichier itl",
    "itl datei", "file itl", "arquivo itl", "ficheiro itl", "itl bestand",
};
constexpr std::string_view itl_signature_labels[] = {
    "itl signature", "firma itl",      "firma de itl",   "signature itl",     "signature de l itl",
    "itl signatur",  "firma dell itl", "assinatura itl", "assinatura do itl", "itl handtekening",
};
constexpr std::string_view tvs_labels[] = {"tvs",        "tvs server", "servidor tvs",   "serveur tvs",
                                           "tvs server", "server tvs", "servidor de tvs"};
constexpr std::string_view web_access_labels[] = {
    "web access enabled", "web access",
    "web server",         "acceso web habilitado",
    "acceso web",         "acces web active",
    "acces web",          "webzugriff aktiviert",
    "webzugriff",         "accesso web abilitato",
    "accesso web",        "acesso a web ativado",
    "acesso web",         "webtoegang ingeschakeld",
    "webtoegang",
};

constexpr std::span<const std::string_view> labels_of(Label field) {
  switch (field) {
  case Label::model: return model_labels;
  case Label::mac_address: return mac_labels;
  case Label::host_name: return host_name_labels;
  case Label::version: return version_labels;
  case Label::app_load: return app_load_labels;
  case Label::serial_number: return serial_labels;
  case Label::auth_url: return auth_url_labels;
  case Label::itl_file: return itl_file_labels;
  case Label::itl_signature: return itl_signature_labels;
  case Label::tvs: return tvs_labels;
  case Label::web_access: return web_access_labels;
  }
  return {};
}

constexpr std::array all_fields{Label::model,         Label::mac_address,   Label::host_name, Label::version,
                                Label::app_load,      Label::serial_number, Label::auth_url,  Label::itl_file,
                                Label::itl_signature, Label::tvs,           Label::web_access};
static_assert(all_fields.size() == static_cast<std::size_t>(Label::web_access) + 1);

// fields_labelled_by turns away any text with a digit before folding it (folding keeps digits).
constexpr bool no_label_has_a_digit() {
  for (const Label field : all_fields)
    for (const std::string_view label : labels_of(field))
      for (const char c : label)
        if (is_digit(c)) return false;
  return true;
}
static_assert(no_label_has_a_digit());

// Bit n: some label starts with the letter 'a' + n.
constexpr std::uint32_t first_letters_of_labels() {
  std::uint32_t letters = 0;
  for (const Label field : all_fields)
    for (const std::string_view label : labels_of(field))
      if (!label.empty() && label.front() >= 'a' && label.front() <= 'z') letters |= 1U << (label.front() - 'a');
  return letters;
}

struct LabelEntry {
  std::string_view label;
  LabelSet fields;
};

// Every label of every field, sorted, each label once with all the fields it names.
const std::vector<LabelEntry>& label_table() {
  static const std::vector<LabelEntry> table = [] {
    std::vector<LabelEntry> entries;
    for (const Label field : all_fields) {
      LabelSet fields;
      fields.add(field);
      for (const std::string_view label : labels_of(field)) entries.push_back({label, fields});
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.label < b.label; });
    std::vector<LabelEntry> merged;
    for (const LabelEntry& entry : entries) {
      if (!merged.empty() && merged.back().label == entry.label) {
        merged.back().fields.add(entry.fields);
      } else {
        merged.push_back(entry);
      }
    }
    return merged;
  }();
  return table;
}

// Whether `text` may fold to a label, told without folding it: it has no digit, and its first
// letter, when plain ASCII (the first character of its folded form), starts some label. Most
// cells of a page are values (addresses, loads, numbers), turned away here.
bool may_be_a_label(std::string_view text) {
  constexpr std::uint32_t first_letters = first_letters_of_labels();
  bool before_first_letter = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_digit(ch)) return false;
    if (!before_first_letter) continue;
    if (c >= 0xC0) {
      before_first_letter = false; // a UTF-8 or Latin-1 letter may fold to anything
    } else if (is_alpha(ch)) {
      before_first_letter = false;
      if ((first_letters & (1U << ((c | 0x20) - 'a'))) == 0) return false;
    }
  }
  return true;
}

} // namespace

namespace {

// fold_text into `out` (cleared first): is_label folds every cell of a page against every label
// a reader asks for, and a buffer reused across those calls saves an allocation for each.
void fold_text_into(std::string_view text, std::string& out) {
  out.clear();
  bool blank = false;
  const auto put = [&](std::string_view letters) {
    if (letters.empty()) {
      blank = true;
      return;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += letters;
  };
  const auto put_letter = [&](char letter) {
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += letter;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      put_letter(static_cast<char>(c));
      ++i;
    } else if (c >= 'A' && c <= 'Z') {
      put_letter(static_cast<char>(c - 'A' + 'a'));
      ++i;
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size() &&
               is_continuation(static_cast<unsigned char>(text[i + 1]))) {
      // UTF-8 for U+0080..U+00FF: the Latin-1 letters.
      const unsigned cp = ((c & 0x1FU) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3FU);
      put(cp >= 0xC0 ? latin1_letters[cp - 0xC0] : std::string_view{});
      i += 2;
    } else if (c >= 0xC0 && c <= 0xF4 && i + 1 < text.size() &&
               is_continuation(static_cast<unsigned char>(text[i + 1]))) {
      // Another UTF-8 sequence (quotes, dashes, other scripts): a separator.
      std::size_t n = 1;
      while (i + n < text.size() && n < 4 && is_continuation(static_cast<unsigned char>(text[i + n]))) ++n;
      put({});
      i += n;
    } else if (c >= 0xC0) {
      put(latin1_letters[c - 0xC0]); // a lone Latin-1 / windows-1252 letter
      ++i;
    } else {
      put({});
      ++i;
    }
  }
}

} // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  fold_text_into(text, out);
  return out;
}

bool is_label(std::string_view cell_text, Label field) { return fields_labelled_by(cell_text).contains(field); }

std::span<const std::string_view> folded_labels(Label field) { return labels_of(field); }

LabelSet fields_labelled_by(std::string_view cell_text) {
  if (cell_text.size() > 64 || !may_be_a_label(cell_text)) return {}; // as is_label: a label is short
  thread_local std::string folded;
  fold_text_into(cell_text, folded);
  const std::vector<LabelEntry>& table = label_table();
  const auto found =
      std::lower_bound(table.begin(), table.end(), std::string_view(folded),
                       [](const LabelEntry& entry, std::string_view text) { return entry.label < text; });
  return found != table.end() && found->label == folded ? found->fields : LabelSet{};
}

} // namespace scanner::pages
