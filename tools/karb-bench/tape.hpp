#pragma once

// A recorded feed for `karb-bench replay`: WebSocket book frames of both
// venues in delivery order. Distinct frames are stored once and the order
// refers to them, because a feed repeats a few variants of each market's
// book between two market steps (as karb-sim's --feed-rate pump does).
//
// File layout (little-endian):
//   "KARBTAPE"              8 bytes magic
//   u32 n, n bytes          header, JSON (venues, markets, how recorded)
//   u32 count               distinct frames, each:
//     u8  venue             index into header "venues"
//     u8  flags             bit 0: part of a crossing (see below)
//     u32 stamp_at          offset of the 13 timestamp digits, or ~0
//     u32 n, n bytes        the frame as the venue sends it
//   u32 count               delivery order, each u32 frame index
//
// A frame is flagged "crossing" when, at its market step, one venue's best
// bid for that market was above the other venue's best ask by more than
// 0.15 % (the bench's strategies trade from about 0.2 %): the replay's
// unpaced phase skips those frames, so that it measures ingest without
// trading.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace karb::bench {

struct tape_frame {
  static constexpr uint32_t no_stamp = ~uint32_t{0};
  static constexpr uint8_t crossing = 1;

  uint8_t venue = 0;
  uint8_t flags = 0;
  uint32_t stamp_at = no_stamp;
  std::string text;
};

struct tape {
  /// {"venues": ["upbit", "bithumb"], "markets": [{"code", "base",
  ///  "mid"}], "book_hz", "seconds", "rate", "seed", "opportunities", ...}
  nlohmann::json header = nlohmann::json::object();
  std::vector<tape_frame> frames;
  std::vector<uint32_t> order;

  /// Bytes of frame text held.
  size_t text_bytes() const;
};

/// Writes `t` to `path`; throws std::runtime_error on failure.
void write_tape(const std::string& path, const tape& t);

/// Reads and checks a tape (indices in range, stamps inside their frame);
/// throws std::runtime_error with the reason.
tape read_tape(const std::string& path);

/// Offset of the 13 timestamp digits after `"timestamp":` (DEFAULT) or
/// `"tms":` (SIMPLE) in a book frame, or tape_frame::no_stamp.
uint32_t find_stamp(const std::string& text);

/// Writes `ms` as 13 digits at `at` (no allocation).
void write_stamp(char* at, int64_t ms);

} // namespace karb::bench
