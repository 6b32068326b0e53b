#pragma once
// Records phones as the scan finishes them, without ever making the event loop wait on disk.
//
// push() only appends to an in-memory queue (a mutex held for a vector push_back); a background
// thread with its own connection commits the queue in batches. The queue is unbounded: a stalled
// disk costs memory (a few hundred bytes a phone), not scan time.
//
// Nothing pushed is dropped silently: a batch that fails to commit stays queued and is tried
// again at the next flush and once more at close(). close() reports what could not be stored.
#include <storage/database.hpp>
#include <storage/record.hpp>

#include <tl/expected.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace storage {

struct WriterOptions {
  std::size_t batch_size = 500;                  // records per transaction, and the wake-up mark
  std::chrono::milliseconds flush_interval{200}; // longest a pushed record waits for a commit
};

struct WriterReport {
  std::size_t written = 0;
  std::size_t batches = 0;
  // Phones pushed twice in the run (a caller bug): the first record was kept.
  std::vector<std::string> duplicates;
  // A failure that a later retry got past: nothing was lost, but worth a warning.
  std::string recovered_error;
};

class ResultWriter {
public:
  // Opens its own connection to `path` (errors as Database::open) and starts the thread.
  // `run` must exist (Database::begin_run).
  static tl::expected<ResultWriter, std::string> open(const std::string& path, std::int64_t run,
                                                      WriterOptions options = {});

  ResultWriter(ResultWriter&&) noexcept;
  ResultWriter& operator=(ResultWriter&&) noexcept; // closes the writer it replaces
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;
  // Closes if close() was not called; its report is then lost, so call close().
  ~ResultWriter();

  // Queues a record; never blocks on disk. Throws std::logic_error after close().
  void push(PhoneRecord&& record);

  // True while commits are failing (the scan may want to stop early rather than sweep on).
  [[nodiscard]] bool failing() const noexcept;

  // Commits everything queued, stops the thread and returns what was written. The error (the
  // first failure, once, with how many phones were not stored) when some records could not be
  // committed. Only the first call does work; later calls report "already closed".
  tl::expected<WriterReport, std::string> close();

private:
  struct State;
  explicit ResultWriter(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

} // namespace storage
