// Real pages in other languages: the real Spanish CP-6901 page rebuilt from the English one and
// the recorded Spanish labels and values (real-pages/index-snippets/FACTS.md A), and every real
// page of the corpus with its labels and menu texts translated into Spanish, French, German,
// Italian, Portuguese and Dutch (link targets and values untouched, as on the real Spanish page).
// The translations are this test's own wording, not the readers' dictionary: where a label is not
// in the dictionary, the values' shapes must carry the reading.
#include "corpus_support.hpp"

#include <cctype>
#include <string>
#include <vector>

using namespace corpus_test;

namespace {

using Words = std::vector<std::pair<std::string_view, std::string_view>>; // English (any case) -> other

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Replaces every text between two tags that reads as one of `words` (blanks around it kept).
std::string translated(const std::string& page, const Words& words) {
  std::string out;
  std::size_t i = 0;
  while (i < page.size()) {
    const std::size_t gt = page.find('>', i);
    if (gt == std::string::npos) break;
    const std::size_t lt = page.find('<', gt);
    if (lt == std::string::npos) break;
    out.append(page, i, gt + 1 - i);
    const std::string text = page.substr(gt + 1, lt - gt - 1);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    std::string replacement = text;
    if (first != std::string::npos) {
      const std::string_view core = std::string_view(text).substr(first, last - first + 1);
      for (const auto& [english, other] : words) {
        if (same_ignoring_case(core, english)) {
          replacement = text.substr(0, first) + std::string(other) + text.substr(last + 1);
          break;
        }
      }
    }
    out += replacement;
    i = lt;
  }
  out.append(page, i, std::string::npos);
  return out;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

struct Language {
  const char* code;
  Words words;
};

// Labels and menu texts of the real pages, per language (this test's wording).
const std::vector<Language>& languages() {
  static const std::vector<Language> all{
      {"es",
       {{"Device Information", "Informaci\xC3\xB3n del dispositivo"},
        {"Network Setup", "Configuraci\xC3\xB3n de red"},
        {"Network Configuration", "Configuraci\xC3\xB3n de red"},
        {"Status Messages", "Mensajes de estado"},
        {"MAC Address", "Direcci\xC3\xB3n MAC"},
        {"Host Name", "Nombre de host"},
        {"Serial Number", "N\xC3\xBAmero de serie"},
        {"Model Number", "N\xC3\xBAmero de modelo"},
        {"Version", "Versi\xC3\xB3n"},
        {"App Load ID", "ID de carga de aplicaci\xC3\xB3n"},
        {"Boot Load ID", "ID de carga de arranque"},
        {"Authentication URL", "URL de autenticaci\xC3\xB3n"},
        {"ITL File", "Archivo ITL"},
        {"SW_Version ID", "ID de versi\xC3\xB3n de SW"},
        {"Product ID", "ID de producto"}}},
      {"fr",
       {{"Device Information", "Informations sur l'appareil"},
        {"Network Setup", "Configuration du r\xC3\xA9seau"},
        {"Network Configuration", "Configuration du r\xC3\xA9seau"},
        {"Status Messages", "Messages d'\xC3\xA9tat"},
        {"MAC Address", "Adresse MAC"},
        {"Host Name", "Nom de l'h\xC3\xB4te"},
        {"Serial Number", "Num\xC3\xA9ro de s\xC3\xA9rie"},
        {"Model Number", "Num\xC3\xA9ro du mod\xC3\xA8le"},
        {"Version", "Version"},
        {"App Load ID", "ID de chargement de l'application"},
        {"Boot Load ID", "ID de chargement d'amor\xC3\xA7"
                         "age"},
        {"Authentication URL", "URL d'authentification"},
        {"ITL File", "Fichier ITL"},
        {"SW_Version ID", "ID de version du logiciel"},
        {"Product ID", "ID du produit"}}},
      {"de",
       {{"Device Information", "Ger\xC3\xA4teinformationen"},
        {"Network Setup", "Netzwerkkonfiguration"},
        {"Network Configuration", "Netzwerkkonfiguration"},
        {"Status Messages", "Statusmeldungen"},
        {"MAC Address", "MAC-Adresse"},
        {"Host Name", "Hostname"},
        {"Serial Number", "Seriennummer"},
        {"Model Number", "Modellnummer"},
        {"Version", "Version"},
        {"App Load ID", "Anwendungs-Lade-ID"},
        {"Boot Load ID", "Start-Lade-ID"},
        {"Authentication URL", "Authentifizierungs-URL"},
        {"ITL File", "ITL-Datei"},
        {"SW_Version ID", "SW-Versions-ID"},
        {"Product ID", "Produkt-ID"}}},
      {"it",
       {{"Device Information", "Informazioni sul dispositivo"},
        {"Network Setup", "Impostazioni di rete"},
        {"Network Configuration", "Impostazioni di rete"},
        {"Status Messages", "Messaggi di stato"},
        {"MAC Address", "Indirizzo MAC"},
        {"Host Name", "Nome host"},
        {"Serial Number", "Numero di serie"},
        {"Model Number", "Numero di modello"},
        {"Version", "Versione"},
        {"App Load ID", "ID caricamento applicazione"},
        {"Boot Load ID", "ID caricamento di avvio"},
        {"Authentication URL", "URL di autenticazione"},
        {"ITL File", "File ITL"},
        {"SW_Version ID", "ID versione SW"},
        {"Product ID", "ID prodotto"}}},
      {"pt",
       {{"Device Information", "Informa\xC3\xA7\xC3\xB5"
                               "es do dispositivo"},
        {"Network Setup", "Configura\xC3\xA7\xC3\xA3o da rede"},
        {"Network Configuration", "Configura\xC3\xA7\xC3\xA3o da rede"},
        {"Status Messages", "Mensagens de estado"},
        {"MAC Address", "Endere\xC3\xA7o MAC"},
        {"Host Name", "Nome do host"},
        {"Serial Number", "N\xC3\xBAmero de s\xC3\xA9rie"},
        {"Model Number", "N\xC3\xBAmero do modelo"},
        {"Version", "Vers\xC3\xA3o"},
        {"App Load ID", "ID de carga do aplicativo"},
        {"Boot Load ID", "ID de carga de inicializa\xC3\xA7\xC3\xA3o"},
        {"Authentication URL", "URL de autentica\xC3\xA7\xC3\xA3o"},
        {"ITL File", "Arquivo ITL"},
        {"SW_Version ID", "ID da vers\xC3\xA3o do SW"},
        {"Product ID", "ID do produto"}}},
      {"nl",
       {{"Device Information", "Apparaatinformatie"},
        {"Network Setup", "Netwerkconfiguratie"},
        {"Network Configuration", "Netwerkconfiguratie"},
        {"Status Messages", "Statusberichten"},
        {"MAC Address", "MAC-adres"},
        {"Host Name", "Hostnaam"},
        {"Serial Number", "Serienummer"},
        {"Model Number", "Modelnummer"},
        {"Version", "Versie"},
        {"App Load ID", "App-laad-ID"},
        {"Boot Load ID", "Opstart-laad-ID"},
        {"Authentication URL", "URL voor verificatie"},
        {"ITL File", "ITL-bestand"},
        {"SW_Version ID", "SW-versie-ID"},
        {"Product ID", "Product-ID"}}},
  };
  return all;
}

} // namespace

TEST_CASE("translated pages: the real Spanish CP-6901 page, rebuilt from its recorded labels and values") {
  // index-snippets/FACTS.md A: the real Spanish page is the English template with these texts.
  const Words spanish{{"Device Information", "Info. dispositivo"},
                      {"Network Setup", "Configuraci\xC3\xB3n de red"},
                      {"Network Statistics", "Estad\xC3\xADsticas de red"},
                      {"Ethernet Information", "Informaci\xC3\xB3n Ethernet"},
                      {"Network", "Red"},
                      {"Device Logs", "Reg. dispositivos"},
                      {"Console Logs", "Registros de consola"},
                      {"Core Dumps", "Volcados de memoria"},
                      {"Status Messages", "Mensajes de estado"},
                      {"Streaming Statistics", "Estad\xC3\xADsticas de flujo"},
                      {"Stream 1", "Flujo 1"},
                      {"MAC Address", "Direcci\xC3\xB3n MAC"},
                      {"Host Name", "Nombre de host"},
                      {"Phone DN", "N.\xC2\xBA de directorio telef\xC3\xB3nico"},
                      {"App Load ID", "ID de carga de la aplicaci\xC3\xB3n"},
                      {"Boot Load ID", "ID de carga de inicio"},
                      {"Hardware Revision", "Revisi\xC3\xB3n de Hardware"},
                      {"Serial Number", "N.\xC2\xBA de serie"},
                      {"Model Number", "N.\xC2\xBA de modelo"},
                      {"Message Waiting", "Mensaje en espera"},
                      {"Time", "Hora"},
                      {"Time Zone", "Zona horaria"},
                      {"Date", "Fecha"}};
  std::string page = translated(read_whole_file(corpus / "cisco-phone-nse" / "CP-6901.html"), spanish);
  page = replaced(page, "A0:B1:C2:D3:E4:F5", "24:7E:12:BF:54:B5");
  page = replaced(page, "SEPA0B1C2D3E4F5", "SEP247E12BF54B5");
  page = replaced(page, "ABC1234EF5G", "FCH2201DJ99");
  page = replaced(page, "Cisco IP Phone <span",
                  "Tel\xC3\xA9"
                  "fono IP de Cisco <span");
  page = replaced(page, "\r\n", ""); // the recorded copy has no line breaks at all
  REQUIRE(page.find("Serial Number") == std::string::npos);

  const auto info = read_device_information(page);
  REQUIRE(info);
  CHECK(info->model == "CP-6901");
  CHECK(info->mac == "247E12BF54B5");
  CHECK(info->firmware == "SIP6901.9-3-1-SR2-3");
  CHECK(info->serial == "FCH2201DJ99");
  CHECK(info->host_name == "SEP247E12BF54B5");
  const Menu menu = read_menu(page);
  REQUIRE(menu[PageKind::network_setup]);
  CHECK(menu[PageKind::network_setup]->href == "Network_Setup.html");
  REQUIRE(menu[PageKind::status_messages]);
  CHECK(menu[PageKind::status_messages]->text == "Mensajes de estado");
}

TEST_CASE("translated pages: every real page in six more languages reads the same values") {
  for (const Row& row : manifest()) {
    const std::string original = read_whole_file(corpus / row["file"]);
    for (const Language& language : languages()) {
      CAPTURE(row["file"], language.code);
      const std::string page = translated(original, language.words);
      check_values(row, page);
    }
  }
}

TEST_CASE("translated pages: with link targets no table knows, each menu is read by its text") {
  for (const Row& row : manifest()) {
    if (row["menu_links"].empty()) continue;
    const std::vector<std::string> targets = split(row["menu_links"], ';');
    REQUIRE(targets.size() == 3);
    std::string moved = read_whole_file(corpus / row["file"]);
    for (std::size_t k = 0; k < 3; ++k) {
      const std::string opaque = "/m/" + std::to_string(k + 1);
      moved = replaced(moved, "\"" + targets[k] + "\"", "\"" + opaque + "\"");
      moved = replaced(moved, "'" + targets[k] + "'", "'" + opaque + "'");
    }
    for (const Language& language : languages()) {
      CAPTURE(row["file"], language.code);
      const Menu menu = read_menu(translated(moved, language.words));
      for (std::size_t k = 0; k < 3; ++k) {
        CAPTURE(k);
        REQUIRE(menu[link_order[k]]);
        CHECK(menu[link_order[k]]->href == "/m/" + std::to_string(k + 1));
      }
    }
  }
}
