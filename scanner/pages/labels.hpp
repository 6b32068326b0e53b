#pragma once
// The labels phones put before their values, in the languages a phone's web pages come in
// (doc/DOMAIN.md section 4: pages follow the phone's installed locale). One dictionary for every
// reader; labels are matched after folding (case, accents, punctuation), so "Número de serie",
// "NUMERO DE SERIE:" and "numero-de-serie" are one label. Readers look at value shapes first
// (scanner/pages/value_shapes.hpp) and use these labels to choose among values that fit.
#include <cstdint>
#include <span>
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
// French, German, Italian, Portuguese or Dutch: fields_labelled_by(cell_text).contains(field).
bool is_label(std::string_view cell_text, Label field);

// The labels of `field` as fold_text leaves them.
std::span<const std::string_view> folded_labels(Label field);

// A set of fields, one bit each.
class LabelSet {
public:
  [[nodiscard]] constexpr bool contains(Label field) const { return (bits_ & bit(field)) != 0; }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  constexpr void add(Label field) { bits_ = static_cast<std::uint16_t>(bits_ | bit(field)); }
  constexpr void add(LabelSet other) { bits_ = static_cast<std::uint16_t>(bits_ | other.bits_); }
  friend constexpr bool operator==(LabelSet, LabelSet) = default;

private:
  static constexpr std::uint16_t bit(Label field) {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(field));
  }
  std::uint16_t bits_ = 0;
};

// The fields `cell_text` is a label of: at most 64 bytes long, and folded, one of the field's
// folded_labels. Folded once for every field; most values (a digit, a first letter no label
// starts with) are turned away before folding. Page readers ask this once per cell
// (scanner/pages/label_index.hpp).
LabelSet fields_labelled_by(std::string_view cell_text);

} // namespace scanner::pages
