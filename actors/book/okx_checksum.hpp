#pragma once

// OKX order book checksum (exchanges.md §5.3): CRC32 (zlib polynomial) of
// the best 25 bids and asks interleaved as
// `bid1px:bid1sz:ask1px:ask1sz:bid2px:...` using the exact strings received,
// read as a signed 32-bit integer. A side with fewer levels just contributes
// fewer entries.
//
// The numeric book (l2_book) keeps raw decimals; `okx_level_text` remembers
// the received strings of every live level so the checksum can be rebuilt
// byte for byte ("30244" vs "30244.0" differ on the wire).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "actors/book/l2_book.hpp"

namespace karb::book {

/// CRC-32 (IEEE 802.3 / zlib, reflected 0xEDB88320) of `bytes`.
uint32_t crc32(std::string_view bytes);

/// The received price and size strings of each live level, by raw price.
class okx_level_text {
public:
  void clear();
  /// Stores (or, for a zero size, forgets) the strings of one level.
  void set(book_side_id side, int64_t price_raw, std::string_view px,
           std::string_view sz, bool remove);
  /// The stored strings; empty views if unknown.
  std::pair<std::string_view, std::string_view> get(book_side_id side,
                                                    int64_t price_raw) const;
  size_t size(book_side_id side) const;

private:
  using map = std::unordered_map<int64_t, std::pair<std::string, std::string>>;
  map bids_;
  map asks_;
};

/// Number of levels per side that enter the checksum.
constexpr size_t okx_checksum_depth = 25;

/// The checksum input string for the current book.
std::string okx_checksum_string(const l2_book& book,
                                const okx_level_text& text);

/// The signed checksum OKX publishes for this book.
int32_t okx_checksum(const l2_book& book, const okx_level_text& text);

} // namespace karb::book

namespace karb::book {

/// Applies one OKX level given as received strings to both the book and the
/// text store (size "0" removes). Returns false if a string is not a valid
/// non-negative decimal with at most eight fractional digits.
bool apply_okx_level(l2_book& book, okx_level_text& text, book_side_id side,
                     std::string_view px, std::string_view sz);

} // namespace karb::book
