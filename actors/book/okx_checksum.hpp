#pragma once

// OKX order book checksum (exchanges.md §5.3): CRC32 (zlib polynomial) of
// the best 25 bids and asks interleaved as
// `bid1px:bid1sz:ask1px:ask1sz:bid2px:...`, read as a signed 32-bit
// integer. A side with fewer levels just contributes fewer entries.
//
// OKX builds it from the strings it sent. The book keeps decimals, so the
// strings are rebuilt in their shortest form ("30244", "0.08"): OKX sends
// numbers without trailing zeros (every level of the two real captures in
// shared/fixtures does), so the two agree. Were the venue ever to send
// "30244.0", every checksum would fail and the book would resync and stay
// unhealthy: loud, never a silently wrong book. Swap books hold base units
// while OKX counts contracts: sizes are divided back by the contract size.

#include <cstdint>
#include <string>
#include <string_view>

#include "actors/book/l2_book.hpp"

namespace karb::book {

/// CRC-32 (IEEE 802.3 / zlib, reflected 0xEDB88320) of `bytes`.
uint32_t crc32(std::string_view bytes);

/// Number of levels per side that enter the checksum.
constexpr size_t okx_checksum_depth = 25;

/// The checksum input string for the current book; sizes in contracts of
/// `contract_size` base units (1 for spot).
std::string okx_checksum_string(const l2_book& book,
                                decimal contract_size = decimal::from_int(1));

/// The signed checksum OKX publishes for this book.
int32_t okx_checksum(const l2_book& book,
                     decimal contract_size = decimal::from_int(1));

} // namespace karb::book
