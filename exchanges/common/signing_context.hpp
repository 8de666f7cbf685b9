#pragma once

// The per-request signing inputs every venue's builders take, injectable
// for tests: a fresh nonce (Upbit-family JWTs) and the wall-clock time in
// ms (Bithumb's JWT claim, Binance's `timestamp`, OKX / Bybit headers),
// already corrected by the venue's server-time offset where it has one.

#include <cstdint>
#include <string>

namespace karb {

struct signing_context {
  std::string nonce;        ///< fresh UUID v4 per request
  int64_t timestamp_ms = 0; ///< venue time in ms

  /// A context with a random UUID nonce and the given time.
  static signing_context fresh(int64_t now_ms);
};

} // namespace karb
