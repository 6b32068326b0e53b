#pragma once
// The HTML frame of a simulated phone page, per family, as the real pages lay it out: the title
// bar with the model and device name, the menu (link targets from menu_paths(), texts in the
// phone's language) and the content cell. Each frame names the real page it imitates.
#include <sim/fleetsim/estate.hpp>
#include <sim/fleetsim/locale.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

// One label/value row of a page.
struct Field {
  std::string label;
  std::string value; // already encoded for HTML
};

// `title` is the page's own name (device information, network setup, status messages).
std::string page_frame(const Phone& phone, Words title, std::string_view content);

// Label/value rows in the family's markup (label, spacer cell, value).
std::string field_table(const Phone& phone, const std::vector<Field>& fields);

// Status lines (already encoded) in the family's markup; `stamps` beside them.
std::string status_table(const Phone& phone, const std::vector<std::string>& stamps,
                         const std::vector<std::string>& lines);

// Whether the family's pages encode punctuation in values as numeric entities, as the 88xx
// pages do ("CP&#x2D;8841").
bool encodes_punctuation(Family family);

// The 88xx spelling of labels ("Host name") rather than the older pages' ("Host Name").
bool sentence_case(Family family);

} // namespace fleetsim
