#include <scanner/pages/label_index.hpp>

namespace scanner::pages {

LabelIndex::LabelIndex(std::span<const TextCell> cells) : cells_(cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const LabelTexts texts = label_texts(cells[i].text);
    const LabelSet whole = fields_labelled_by(texts.whole);
    const LabelSet before_colon = texts.before_colon ? fields_labelled_by(*texts.before_colon) : LabelSet{};
    if (!whole.empty() || !before_colon.empty()) labelled_.push_back({i, whole, before_colon});
  }
}

std::optional<std::string> LabelIndex::find(Label field, const std::function<bool(std::string_view)>& accept) const {
  for (const LabelledCell& cell : labelled_) {
    std::optional<std::string> value;
    if (cell.whole.contains(field)) {
      value = labelled_value(cells_, cell.at, LabelPlace::whole_cell);
    } else if (cell.before_colon.contains(field)) {
      value = labelled_value(cells_, cell.at, LabelPlace::before_colon);
    }
    if (value && (!accept || accept(*value))) return value;
  }
  return std::nullopt;
}

} // namespace scanner::pages
