#include <inventory/open_inventory.hpp>

#include <inventory/csv_reader.hpp>
#include <inventory/json_reader.hpp>
#include <inventory/range_reader.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_set>

namespace inventory {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// '[' starts a JSON array, '{' NDJSON; anything else is CSV. Leaves the stream where it was.
Format sniff(std::istream& in) {
  std::streambuf* buf = in.rdbuf();
  if (buf == nullptr) return Format::csv;
  // Peeking past blanks would consume them; they mean nothing to any of the parsers.
  for (;;) {
    const int c = buf->sgetc();
    if (c == std::char_traits<char>::eof()) return Format::csv;
    if (c == 0xEF) return Format::csv; // a BOM: Excel's CSV
    if (!std::isspace(c)) return c == '[' ? Format::json : c == '{' ? Format::ndjson : Format::csv;
    buf->sbumpc();
  }
}

class FileReader final : public Reader {
public:
  FileReader(std::unique_ptr<std::istream> owned, std::istream& in, const std::string& name, Format format)
      : owned_(std::move(owned)) {
    if (format == Format::automatic) format = sniff(in);
    if (format == Format::csv) reader_ = std::make_unique<CsvReader>(in, name);
    else
      reader_ = std::make_unique<JsonReader>(
          in, name, format == Format::json ? JsonReader::Layout::array : JsonReader::Layout::lines);
  }
  std::optional<Target> next() override {
    auto t = reader_->next();
    if (!t && owned_ && owned_->bad()) throw InventoryError("reading the inventory failed (I/O error)");
    return t;
  }
  const std::vector<RowIssue>& issues() const override { return reader_->issues(); }

private:
  std::unique_ptr<std::istream> owned_;
  std::unique_ptr<Reader> reader_;
};

class ChainReader final : public Reader {
public:
  explicit ChainReader(std::vector<std::unique_ptr<Reader>> readers) : readers_(std::move(readers)) {}
  std::optional<Target> next() override {
    for (; current_ < readers_.size(); ++current_) {
      while (auto t = readers_[current_]->next()) {
        if (seen_.insert(t->address()).second) return t;
        own_issues_.push_back(
            {"<inventory>", 0, 0, "duplicate address " + t->address() + " in more than one source (skipped)"});
      }
    }
    return std::nullopt;
  }
  const std::vector<RowIssue>& issues() const override {
    all_issues_.clear();
    for (const auto& r : readers_) all_issues_.insert(all_issues_.end(), r->issues().begin(), r->issues().end());
    all_issues_.insert(all_issues_.end(), own_issues_.begin(), own_issues_.end());
    return all_issues_;
  }

private:
  std::vector<std::unique_ptr<Reader>> readers_;
  std::size_t current_ = 0;
  std::unordered_set<std::string> seen_;
  std::vector<RowIssue> own_issues_;
  mutable std::vector<RowIssue> all_issues_;
};

Format format_of(const std::string& path, Format requested) {
  if (requested != Format::automatic) return requested;
  if (ends_with(path, ".csv")) return Format::csv;
  if (ends_with(path, ".ndjson") || ends_with(path, ".jsonl")) return Format::ndjson;
  return Format::automatic; // .json may be an array or NDJSON: look at it
}

} // namespace

std::unique_ptr<Reader> open_inventory(const InventorySpec& spec) {
  std::vector<std::unique_ptr<Reader>> readers;
  for (const std::string& path : spec.files) {
    if (path == "-") {
      readers.push_back(std::make_unique<FileReader>(nullptr, std::cin, "<stdin>", spec.format));
      continue;
    }
    // A directory opens like a file and fails only at the first read, as an I/O error.
    if (std::error_code ignored; std::filesystem::is_directory(path, ignored))
      throw InventoryError(path + ": is a directory, not an inventory file");
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) throw InventoryError(path + ": cannot open the inventory");
    std::istream& in = *file;
    readers.push_back(std::make_unique<FileReader>(std::move(file), in, path, format_of(path, spec.format)));
  }
  if (!spec.targets.empty()) {
    auto blocks = parse_target_ranges(spec.targets, spec.max_targets);
    if (!blocks) throw InventoryError(blocks.error());
    readers.push_back(std::make_unique<RangeReader>(std::move(*blocks)));
  }
  if (readers.empty()) throw InventoryError("no inventory: give --inventory FILE (or -) or --targets");
  if (readers.size() == 1) return std::move(readers.front());
  return std::make_unique<ChainReader>(std::move(readers));
}

} // namespace inventory
