#pragma once

// OKX `books` channel sequencing (pure): the book as last published, the
// snapshot and the incremental updates (only the levels that changed,
// size "0" removes), `seqId` / `prevSeqId` chained (snapshot prevSeqId -1),
// and the CRC32 checksum of the top 25 levels per side interleaved
// `bid1px:bid1sz:ask1px:ask1sz:...` over the strings sent, as a signed
// int32. Faults: a swallowed update (`gap`) and a wrong checksum.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

/// One level as OKX prints it: [px, sz, "0", count].
struct okx_level {
  decimal price; ///< for ordering
  std::string px, sz, count;
};

/// CRC32 (zlib polynomial 0xEDB88320, reflected) of `bytes`.
uint32_t crc32_zlib(std::string_view bytes);
/// The checksum string: best 25 of each side interleaved, missing skipped.
std::string okx_checksum_text(const std::vector<okx_level>& bids,
                              const std::vector<okx_level>& asks);
/// crc32_zlib(okx_checksum_text(...)) as a signed 32-bit integer.
int32_t okx_checksum(const std::vector<okx_level>& bids,
                     const std::vector<okx_level>& asks);

class okx_book_seq {
public:
  explicit okx_book_seq(int64_t first_seq) : seq_(first_seq) {}

  /// Publishes a new book (bids descending, asks ascending). Returns the
  /// update's data object, or nullopt when nothing changed, before the
  /// first book, or when a pending `gap` swallowed it (the sequence still
  /// advances, so the next update's prevSeqId skips).
  std::optional<std::string> update(std::vector<okx_level> bids,
                                    std::vector<okx_level> asks, time_ms ts);
  /// The data object of a snapshot of the book as last published.
  std::string snapshot() const;
  bool ready() const { return ready_; }
  int64_t seq_id() const { return seq_; }

  int gaps = 0;            ///< updates to swallow
  int bad_checksums = 0;   ///< updates to send with a wrong checksum

private:
  std::vector<okx_level> bids_, asks_;
  time_ms ts_ = 0;
  int64_t seq_;
  bool ready_ = false;
};

/// `[["px","sz","0","count"],...]`
void append_levels(std::string& out, const std::vector<okx_level>& levels);

} // namespace karb::sim
