#pragma once
// Inventory as JSON: an array of objects, or NDJSON (one object per line), with the same keys
// as the CSV columns. NDJSON is streamed line by line; an array is parsed from one buffer
// (simdjson On-Demand, which keeps no tree: memory is the file size plus a little).
#include <inventory/reader.hpp>
#include <inventory/row_assembler.hpp>

#include <istream>
#include <memory>
#include <string>

namespace inventory {

class JsonReader final : public Reader {
public:
  enum class Layout { array, lines };
  // `in` must outlive the reader. Throws InventoryError when an array document is not valid
  // JSON up to its first element.
  JsonReader(std::istream& in, std::string name, Layout layout);
  ~JsonReader() override;

  std::optional<Target> next() override;
  [[nodiscard]] const std::vector<RowIssue>& issues() const override { return issues_; }

private:
  struct State;
  std::optional<Target> next_line();
  std::optional<Target> next_element();

  std::istream& in_;
  std::string name_;
  Layout layout_;
  std::unique_ptr<State> state_;
  std::vector<RowIssue> issues_;
  RowAssembler assembler_{issues_};
};

} // namespace inventory
