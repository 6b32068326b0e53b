#pragma once
// One name per phone model, whoever named it: the inventory ("Cisco 8841" from AXL's listPhone,
// "CP-8841" from a spreadsheet) and the phone's device page ("CP-8841", "CP-7941G-GE"). Reports
// group and count by model_name(), so that one model is one row (doc/DOMAIN.md section 4, model
// spellings; the model table's own key is scanner::pages::normalise_model).
#include <string>
#include <string_view>

namespace inventory {

// The model as the phone's device page names it: "Cisco 8841", "cisco ip phone 8841", "CP 8841",
// "8841" -> "CP-8841"; "Cisco 7941G-GE" -> "CP-7941G-GE"; "Cisco Webex DX80" -> "CP-DX80";
// "Cisco ATA 187" -> "ATA-187". A bare number of five or more digits is RisPort70's numeric model
// code (cucm/risport.hpp), not a model number, and no public table maps it: "RisPort model 36213".
// Anything else ("Cisco Communicator", text a hostile inventory made up) is returned as given.
std::string model_name(std::string_view model);

} // namespace inventory
