// inventory::model_name: the spellings AXL, inventories and phones use for one model become one
// name (doc/DOMAIN.md section 4); anything else is left as it was.
#include <inventory/model_name.hpp>

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("AXL's, an inventory's and the phone's spellings of one model become the phone's CP- name",
          "[inventory][model]") {
  for (const std::string spelling :
       {"Cisco 8841", "CP-8841", "cp-8841", "Cisco IP Phone 8841", "CP 8841", "8841", " Cisco 8841 "}) {
    CAPTURE(spelling);
    CHECK(inventory::model_name(spelling) == "CP-8841");
  }
  CHECK(inventory::model_name("Cisco 7975G-GE") == "CP-7975G-GE");
  CHECK(inventory::model_name("CP-7941G") == "CP-7941G");
  CHECK(inventory::model_name("Cisco Webex DX80") == "CP-DX80");
  CHECK(inventory::model_name("CP-DX80") == "CP-DX80");
  CHECK(inventory::model_name("Cisco ATA 187") == "ATA-187");
  CHECK(inventory::model_name("ATA-187") == "ATA-187");
}

TEST_CASE("a RisPort numeric model code is named as such, never taken for a model number", "[inventory][model]") {
  CHECK(inventory::model_name("36213") == "RisPort model 36213");
  CHECK(inventory::model_name("255") == "255");
}

TEST_CASE("a text that is no model spelling is kept as given", "[inventory][model]") {
  for (const std::string text :
       {"Cisco Communicator", "", "<i>8841</i>", "CP-8865 \"video\"", "Cisco 88", "CP-8841-LONG"}) {
    CAPTURE(text);
    CHECK(inventory::model_name(text) == text);
  }
}
