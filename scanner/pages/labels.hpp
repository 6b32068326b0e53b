#pragma once
// The labels phones put before their values, in the languages a phone's web pages come in
// (doc/DOMAIN.md section 4: pages follow the phone's installed locale). One dictionary for every
// reader; labels are matched after folding (case, accents, punctuation), so "Número de serie",
// "NUMERO DE SERIE:" and "numero-de-serie" are one label. Readers look at value shapes first
// (scanner/pages/value_shapes.hpp) and use these labels to choose among values that fit.
#include <string>
#include <string_view>

namespace scanner::pages {

enum class Label {
  model,         // "Model Number", "Número de modelo", "Modellnummer", "Product ID", …
  mac_address,   // "MAC Address", "Dirección MAC", "Adresse MAC", "MAC-Adresse", …
  host_name,     // "Host Name", "Nombre de host", "Nom d'hôte", "Hostnaam", …
  version,       // "Version", "Versión de software", "Softwareversion", "SW_Version ID", …
  app_load,      // "App Load ID", "Active Load ID", …
  serial_number, // "Serial Number", "Número de serie", "Seriennummer", "Serienummer", …
  auth_url,      // "Authentication URL", "URL de autenticación", "Authentifizierungs-URL", …
  itl_file,      // "ITL file", "Archivo ITL", "Fichier ITL", "ITL-Datei", "ITL-bestand", …
  itl_signature, // "ITL signature", "Firma ITL", "ITL-Signatur", …
  tvs,           // "TVS"
  web_access,    // "Web access enabled", "Acceso web habilitado", …
};

// ASCII lower case, accents of Latin letters removed (UTF-8, or single Latin-1 / windows-1252
// bytes as some phones send), ß as "ss", every run of other characters one blank, trimmed:
// "Número de série:" -> "numero de serie", "Nom d'hôte" -> "nom d hote".
std::string fold_text(std::string_view text);

// Whether `cell_text` (as shown, not folded) is a label of `field` in one of English, Spanish,
// French, German, Italian, Portuguese or Dutch.
bool is_label(std::string_view cell_text, Label field);

} // namespace scanner::pages
