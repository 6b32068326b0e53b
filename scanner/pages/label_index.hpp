#pragma once
// The labels on one page, read once: each cell's text is folded once and looked up among every
// field's labels, so that finding a field is a walk over the few labelled cells and their bits
// instead of folding every cell again for every field a reader asks (issue 18: the network
// setup page cost ~389,000 instructions per phone that way).
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/labels.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::pages {

class LabelIndex {
public:
  // `cells` must outlive the index.
  explicit LabelIndex(std::span<const TextCell> cells);

  [[nodiscard]] std::span<const TextCell> cells() const { return cells_; }

  // Exactly find_field_if(cells(), [&](text) { return is_label(text, field); }, accept).
  [[nodiscard]] std::optional<std::string> find(Label field,
                                                const std::function<bool(std::string_view)>& accept = {}) const;

private:
  struct LabelledCell {
    std::size_t at;
    LabelSet whole;        // fields the whole cell is a label of
    LabelSet before_colon; // fields the text before its colon is a label of ("Label: value")
  };
  std::span<const TextCell> cells_;
  std::vector<LabelledCell> labelled_; // in document order; cells that label nothing are left out
};

} // namespace scanner::pages
