#include <storage/result_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

namespace storage {
namespace {

constexpr int writer_page_cache_kib = 512;

} // namespace

struct ResultWriter::State {
  State(Database database, std::int64_t run_id, WriterOptions writer_options)
      : db(std::move(database)), run(run_id), options(writer_options) {
    options.batch_size = std::max<std::size_t>(options.batch_size, 1);
  }

  void loop();
  void commit_pending();

  // Shared with push(); guarded by `mutex`.
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<PhoneRecord> queue;
  bool closing = false;

  std::atomic<bool> failing{false};

  // Owned by the thread while it runs; read by close() after join().
  Database db;
  const std::int64_t run;
  WriterOptions options;
  std::vector<PhoneRecord> pending; // taken from the queue, not yet committed
  WriterReport report;
  std::string first_error;

  std::thread thread;
  bool closed = false;
};

void ResultWriter::State::loop() {
  std::vector<PhoneRecord> taken;
  for (;;) {
    bool last_round = false;
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, options.flush_interval, [&] { return closing || queue.size() >= options.batch_size; });
      // Swap, not copy: push() keeps appending to a vector that already has capacity.
      taken.swap(queue);
      last_round = closing;
    }
    if (pending.empty()) {
      pending.swap(taken);
    } else {
      std::move(taken.begin(), taken.end(), std::back_inserter(pending));
      taken.clear();
    }
    commit_pending();
    if (last_round) return;
  }
}

void ResultWriter::State::commit_pending() {
  std::size_t committed = 0;
  while (committed < pending.size()) {
    const std::size_t count = std::min(options.batch_size, pending.size() - committed);
    try {
      auto result = db.insert_batch(run, std::span(pending).subspan(committed, count));
      report.written += result.inserted;
      ++report.batches;
      std::move(result.duplicates.begin(), result.duplicates.end(), std::back_inserter(report.duplicates));
      committed += count;
    } catch (const std::exception& error) {
      // The transaction rolled back: these records stay pending and are tried again.
      if (first_error.empty()) first_error = error.what();
      failing = true;
      break;
    }
  }
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(committed));
  if (pending.empty() && failing) {
    failing = false;
    report.recovered_error = first_error;
  }
}

tl::expected<ResultWriter, std::string> ResultWriter::open(const std::string& path, std::int64_t run,
                                                           WriterOptions options) {
  // Opened here, not on the thread, so that a bad path fails the caller at once. The connection
  // then belongs to the thread alone (SQLite allows moving a connection between threads).
  // Mode::existing: `run` lives in the file, so a missing file is a caller error, not a new db.
  auto db = Database::open(path, Database::Mode::existing);
  if (!db) return tl::unexpected(db.error());
  // The default 2 MiB fills with pages the writer never reads again; 512 KiB took 1.6 MB off a
  // 2,000-in-flight sweep's peak RSS (1 MiB: 0.8 MB). A transaction larger than the cache
  // spills its pages to the WAL before the commit, where the commit would write them anyway.
  db->limit_page_cache(writer_page_cache_kib);
  auto state = std::make_unique<State>(std::move(*db), run, options);
  state->thread = std::thread([raw = state.get()] { raw->loop(); });
  return ResultWriter(std::move(state));
}

ResultWriter::ResultWriter(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
ResultWriter::ResultWriter(ResultWriter&&) noexcept = default;

ResultWriter& ResultWriter::operator=(ResultWriter&& other) noexcept {
  if (this != &other) {
    if (state_) (void)close();
    state_ = std::move(other.state_);
  }
  return *this;
}

ResultWriter::~ResultWriter() {
  if (state_) (void)close();
}

void ResultWriter::push(PhoneRecord&& record) {
  std::size_t queued = 0;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->closing) throw std::logic_error("ResultWriter::push after close");
    state_->queue.push_back(std::move(record));
    queued = state_->queue.size();
  }
  // Wake the thread only when a full batch is waiting; otherwise its timer picks records up.
  if (queued == state_->options.batch_size) state_->wake.notify_one();
}

bool ResultWriter::failing() const noexcept { return state_->failing; }

tl::expected<WriterReport, std::string> ResultWriter::close() {
  if (state_->closed) return tl::unexpected(std::string("result writer already closed"));
  state_->closed = true;
  {
    std::lock_guard lock(state_->mutex);
    state_->closing = true;
  }
  state_->wake.notify_one();
  state_->thread.join();
  if (!state_->pending.empty())
    return tl::unexpected(
        fmt::format("{} phone results were not recorded: {}", state_->pending.size(), state_->first_error));
  return std::move(state_->report);
}

} // namespace storage
