#include <sim/fleetsim/locale.hpp>

#include <array>

namespace fleetsim {
namespace {

constexpr std::size_t word_count = 18;
using Row = std::array<std::string_view, word_count>;

// Order of Words. English as the real older pages write it (seeyoucm-thief/cisco-CP-6921.html,
// cisco-phone-nse/CP-6901.html).
constexpr Row english{"Device Information", "Network Setup",      "Status Messages",
                      "MAC Address",        "Host Name",          "Phone DN",
                      "App Load ID",        "Boot Load ID",       "Version",
                      "Hardware Revision",  "Serial Number",      "Model Number",
                      "Message Waiting",    "Authentication URL", "Web Access Enabled",
                      "CTL File",           "ITL File",           "ITL Signature"};
// As the 88xx pages write it (cisco-phone-nse/CP-8841.html, seeyoucm-thief/cisco-CP-8841.html).
constexpr Row english_sentence{"Device information", "Network setup",      "Status messages",
                               "MAC address",        "Host name",          "Phone DN",
                               "App load ID",        "Boot load ID",       "Version",
                               "Hardware revision",  "Serial number",      "Model number",
                               "Message waiting",    "Authentication URL", "Web access enabled",
                               "CTL file",           "ITL file",           "ITL signature"};
// The real Spanish CP-6901 page gives the menu texts and the device labels; the rest is ours.
constexpr Row spanish{"Info. dispositivo",
                      "Configuraci\xC3\xB3n de red",
                      "Mensajes de estado",
                      "Direcci\xC3\xB3n MAC",
                      "Nombre de host",
                      "N.\xC2\xBA de directorio telef\xC3\xB3nico",
                      "ID de carga de la aplicaci\xC3\xB3n",
                      "ID de carga de inicio",
                      "Versi\xC3\xB3n",
                      "Revisi\xC3\xB3n de Hardware",
                      "N.\xC2\xBA de serie",
                      "N.\xC2\xBA de modelo",
                      "Mensaje en espera",
                      "URL de autenticaci\xC3\xB3n",
                      "Acceso web habilitado",
                      "Archivo CTL",
                      "Archivo ITL",
                      "Firma ITL"};
constexpr Row french{"Informations sur le p\xC3\xA9riph\xC3\xA9rique",
                     "Configuration r\xC3\xA9seau",
                     "Messages d'\xC3\xA9tat",
                     "Adresse MAC",
                     "Nom d'h\xC3\xB4te",
                     "NR du t\xC3\xA9l\xC3\xA9phone",
                     "ID de chargement de l'application",
                     "ID de chargement de d\xC3\xA9marrage",
                     "Version",
                     "R\xC3\xA9vision mat\xC3\xA9rielle",
                     "N\xC2\xB0 de s\xC3\xA9rie",
                     "R\xC3\xA9"
                     "f\xC3\xA9rence du mod\xC3\xA8le",
                     "Message en attente",
                     "URL d'authentification",
                     "Acc\xC3\xA8s Web activ\xC3\xA9",
                     "Fichier CTL",
                     "Fichier ITL",
                     "Signature ITL"};
constexpr Row german{"Ger\xC3\xA4teinformationen",
                     "Netzwerkeinrichtung",
                     "Statusmeldungen",
                     "MAC-Adresse",
                     "Hostname",
                     "Telefon-DN",
                     "Anwendungs-Lade-ID",
                     "Boot-Lade-ID",
                     "Version",
                     "Hardware-Revision",
                     "Serien-Nr.",
                     "Modell",
                     "Wartende Nachricht",
                     "Authentifizierungs-URL",
                     "Webzugriff aktiviert",
                     "CTL-Datei",
                     "ITL-Datei",
                     "ITL-Signatur"};
constexpr Row italian{"Informazioni dispositivo",
                      "Configurazione di rete",
                      "Messaggi di stato",
                      "Indirizzo MAC",
                      "Nome host",
                      "DN telefono",
                      "ID caricamento applicazione",
                      "ID caricamento avvio",
                      "Versione",
                      "Revisione hardware",
                      "N. di serie",
                      "Codice modello",
                      "Messaggio in attesa",
                      "URL di autenticazione",
                      "Accesso Web abilitato",
                      "File CTL",
                      "File ITL",
                      "Firma ITL"};
constexpr Row portuguese{"Informa\xC3\xA7\xC3\xB5"
                         "es do dispositivo",
                         "Configura\xC3\xA7\xC3\xA3o de rede",
                         "Mensagens de status",
                         "Endere\xC3\xA7o MAC",
                         "Nome do host",
                         "DN do telefone",
                         "ID de carga do aplicativo",
                         "ID de carga de inicializa\xC3\xA7\xC3\xA3o",
                         "Vers\xC3\xA3o",
                         "Revis\xC3\xA3o de hardware",
                         "N\xC3\xBAmero de s\xC3\xA9rie",
                         "N\xC3\xBAmero do modelo",
                         "Mensagem em espera",
                         "URL de autentica\xC3\xA7\xC3\xA3o",
                         "Acesso \xC3\xA0 Web ativado",
                         "Arquivo CTL",
                         "Arquivo ITL",
                         "Assinatura ITL"};
constexpr Row dutch{"Apparaatinformatie",
                    "Netwerkinstellingen",
                    "Statusberichten",
                    "MAC-adres",
                    "Hostnaam",
                    "Telefoon-DN",
                    "App-laad-ID",
                    "Opstart-laad-ID",
                    "Versie",
                    "Hardwarerevisie",
                    "Serienr.",
                    "Modelnr.",
                    "Wachtend bericht",
                    "Verificatie-URL",
                    "Webtoegang ingeschakeld",
                    "CTL-bestand",
                    "ITL-bestand",
                    "ITL-handtekening"};

} // namespace

std::string_view to_string(Locale locale) {
  static constexpr std::array<std::string_view, locale_count> names{"en", "es", "fr", "de", "it", "pt", "nl"};
  return names[static_cast<std::size_t>(locale)];
}

std::string_view words(Locale locale, Words which, bool sentence_case) {
  const auto i = static_cast<std::size_t>(which);
  switch (locale) {
  case Locale::en: return sentence_case ? english_sentence[i] : english[i];
  case Locale::es: return spanish[i];
  case Locale::fr: return french[i];
  case Locale::de: return german[i];
  case Locale::it: return italian[i];
  case Locale::pt: return portuguese[i];
  case Locale::nl: return dutch[i];
  }
  return english[i];
}

} // namespace fleetsim
