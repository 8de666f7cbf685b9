#pragma once

// Command line of karb-sim (pure parsing, testable).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

/// `--feed-rate max`.
inline constexpr int64_t feed_rate_max = -1;

struct options {
  std::vector<venue_kind> venues = {venue_kind::upbit, venue_kind::bithumb};
  int port_base = 18100;
  uint64_t seed = 7;
  bool tls = false;
  std::string ca_out, cert_file, key_file;
  int admin_port = -1;
  std::string accounts_file;
  int book_hz = 10;
  std::string request_log;
  std::vector<nlohmann::json> faults;
  bool rate_limits = true;
  /// Markets listed per venue (--symbols; 3 = KRW-BTC/ETH/XRP).
  int symbols = 3;
  /// Public book frames per second per feed connection, spread over its
  /// subscribed markets (--feed-rate N); 0: off (books at --book-hz);
  /// feed_rate_max: as fast as the socket takes them.
  int64_t feed_rate = 0;

  // --sign mode: print a Bearer token and exit.
  bool sign = false;
  std::string access_key, secret_key, query, body;
  std::string alg = "HS256";
  venue_kind sign_venue = venue_kind::upbit;
  /// OKX --sign: passphrase, method and request path (with the query).
  std::string passphrase, method = "GET", path;

  bool help = false;
};

/// Parses argv; on error returns nullopt and sets `error`.
std::optional<options> parse_options(const std::vector<std::string>& args,
                                     std::string& error);

/// Usage text.
std::string usage();

} // namespace karb::sim
