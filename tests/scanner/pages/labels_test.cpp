// The label dictionary and the value shapes the readers rely on in any page language.
#include <scanner/pages/labels.hpp>
#include <scanner/pages/value_shapes.hpp>

#include <catch2/catch.hpp>

using scanner::pages::fold_text;
using scanner::pages::is_label;
using scanner::pages::Label;

TEST_CASE("labels: folding drops case, accents in UTF-8 and Latin-1, and punctuation") {
  CHECK(fold_text("Número de série:") == "numero de serie");
  CHECK(fold_text("Nom d'h\xC3\xB4te") == "nom d hote");
  CHECK(fold_text("Nom d\xE2\x80\x99h\xC3\xB4te") == "nom d hote"); // typographic apostrophe
  CHECK(fold_text("N\xFAmero de serie") == "numero de serie");      // Latin-1 ú
  CHECK(fold_text("  MAC-Adresse  ") == "mac adresse");
  CHECK(fold_text("Ger\xC3\xA4teinformationen") == "gerateinformationen");
  CHECK(fold_text("Stra\xC3\x9F"
                  "e") == "strasse");
  CHECK(fold_text("SW_Version ID") == "sw version id");
  CHECK(fold_text("").empty());
  CHECK(fold_text("\x80\x9F !!").empty()); // C1 controls and punctuation fold to nothing
}

TEST_CASE("labels: each field's label is recognised in seven languages") {
  struct Case {
    Label field;
    const char* text;
  };
  for (const Case& c : {
           Case{Label::serial_number, "Serial Number"},
           Case{Label::serial_number, "N\xC3\xBAmero de serie"},
           Case{Label::serial_number, "N.\xC2\xBA de serie"}, // the real Spanish 6901 page
           Case{Label::serial_number, "Num\xC3\xA9ro de s\xC3\xA9rie"},
           Case{Label::serial_number, "Seriennummer"},
           Case{Label::serial_number, "Numero di serie"},
           Case{Label::serial_number, "N\xC3\xBAmero de s\xC3\xA9rie"},
           Case{Label::serial_number, "Serienummer"},
           Case{Label::model, "Model number"},
           Case{Label::model, "N\xC3\xBAmero de modelo"},
           Case{Label::model, "N.\xC2\xBA de modelo"},
           Case{Label::model, "Num\xC3\xA9ro de mod\xC3\xA8le"},
           Case{Label::model, "Modellnummer"},
           Case{Label::model, "Numero di modello"},
           Case{Label::model, "N\xC3\xBAmero do modelo"},
           Case{Label::model, "Modelnummer"},
           Case{Label::model, "Product ID"},
           Case{Label::mac_address, "MAC address"},
           Case{Label::mac_address, "Direcci\xC3\xB3n MAC"},
           Case{Label::mac_address, "Adresse MAC"},
           Case{Label::mac_address, "MAC-Adresse"},
           Case{Label::mac_address, "Indirizzo MAC"},
           Case{Label::mac_address, "Endere\xC3\xA7o MAC"},
           Case{Label::mac_address, "MAC-adres"},
           Case{Label::host_name, "Host Name"},
           Case{Label::host_name, "Nombre de host"},
           Case{Label::app_load, "ID de carga de la aplicaci\xC3\xB3n"},
           Case{Label::host_name, "Nom d'h\xC3\xB4te"},
           Case{Label::host_name, "Hostname"},
           Case{Label::host_name, "Nome host"},
           Case{Label::host_name, "Nome do host"},
           Case{Label::host_name, "Hostnaam"},
           Case{Label::version, "Versi\xC3\xB3n de software"},
           Case{Label::version, "Version du logiciel"},
           Case{Label::version, "Softwareversion"},
           Case{Label::version, "Versione software"},
           Case{Label::version, "Vers\xC3\xA3o do software"},
           Case{Label::version, "Softwareversie"},
           Case{Label::auth_url, "Authentication URL"},
           Case{Label::auth_url, "URL de autenticaci\xC3\xB3n"},
           Case{Label::auth_url, "URL d'authentification"},
           Case{Label::auth_url, "Authentifizierungs-URL"},
           Case{Label::auth_url, "URL di autenticazione"},
           Case{Label::auth_url, "URL de autentica\xC3\xA7\xC3\xA3o"},
           Case{Label::auth_url, "Verificatie-URL"},
           Case{Label::itl_file, "ITL file"},
           Case{Label::itl_file, "Archivo ITL"},
           Case{Label::itl_file, "Fichier ITL"},
           Case{Label::itl_file, "ITL-Datei"},
           Case{Label::itl_file, "File ITL"},
           Case{Label::itl_file, "Arquivo ITL"},
           Case{Label::itl_file, "ITL-bestand"},
       }) {
    CAPTURE(c.text);
    CHECK(is_label(c.text, c.field));
  }
}

TEST_CASE("labels: a label of one field is not taken for another") {
  CHECK_FALSE(is_label("ITL signature", Label::itl_file));
  CHECK_FALSE(is_label("Wireless MAC address", Label::mac_address));
  CHECK_FALSE(is_label("Boot Load ID", Label::app_load));
  CHECK_FALSE(is_label("Module Number", Label::model));
  CHECK_FALSE(
      is_label("Serial Number of the key expansion module and more words than a label has", Label::serial_number));
}

TEST_CASE("value shapes: MAC addresses, device names, serials and models") {
  using namespace scanner::pages;
  CHECK(looks_like_mac("A0:B1:C2:D3:E4:F5"));
  CHECK(looks_like_mac("a0b1c2d3e4f5"));
  CHECK(looks_like_mac("a0b1.c2d3.e4f5"));
  CHECK_FALSE(looks_like_mac("A0B1C2D3E4F"));
  CHECK_FALSE(looks_like_mac("1C6A7AXXXXXX"));
  CHECK(looks_like_device_name("SEPA0B1C2D3E4F5"));
  CHECK_FALSE(looks_like_device_name("SEP0016xxxxxxxx"));
  CHECK(looks_like_serial("FCH1811EJHJ"));
  CHECK(looks_like_serial("ABC1234EF5G"));
  CHECK_FALSE(looks_like_serial("abc1234ef5g"));
  CHECK_FALSE(looks_like_serial("172839"));
  for (const char* model : {"CP-8841", "CP-7941G-GE", "CP-8845_65", "CP-DX80", "ATA-187", "ATA187", "DX80"})
    CHECK(looks_like_model(model));
  for (const char* text : {"CP-", "DX", "Cisco IP Phone 8841", "V01", "ATA", "DXA1"}) {
    CAPTURE(text);
    CHECK_FALSE(looks_like_model(text));
  }
}

TEST_CASE("value shapes: firmware loads, and which of them are components") {
  using namespace scanner::pages;
  for (const char* load :
       {"sip88xx.14-2-1-0201-30", "SCCP45.9-4-2SR3-1S", "SIP75.9-3-1SR4-1S", "SIP6901.9-3-1-SR2-3", "187.9-2-3-1",
        "sip8831.10-3-1SR4b-1", "jar42sip.9-4-2ES26.sbn", "rootfs88xx.12-5-1SR3-74"}) {
    CAPTURE(load);
    CHECK(looks_like_load(load));
  }
  for (const char* text : {"sb288xx.BE-01-026", "1.8.0.6", "10.0.0.2", "03/14/2015", "cucm-old.sim.test", "x.x.x.x(1)",
                           "Version", "12.5(1)SR3"}) {
    CAPTURE(text);
    CHECK_FALSE(looks_like_load(text));
  }
  CHECK(is_component_load("rootfs88xx.12-5-1SR3-74"));
  CHECK(is_component_load("APP187.9-2-3-1"));
  CHECK(is_component_load("jar42sip.9-4-2ES26.sbn"));
  CHECK_FALSE(is_component_load("sip88xx.12-5-1SR3-74"));
  CHECK_FALSE(is_component_load("SIP6901.9-3-1-SR2-3"));
  CHECK_FALSE(is_component_load("187.9-2-3-1"));
}
