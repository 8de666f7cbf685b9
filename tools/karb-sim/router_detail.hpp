#pragma once

// Internals shared by the router's translation units.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/karb-sim/router.hpp"

namespace karb::sim::detail {

using params = std::vector<std::pair<std::string, std::string>>;

/// One request being routed.
struct call {
  const http::request& req;
  std::string path;
  std::string query;    ///< raw query string as sent
  params args;          ///< decoded query parameters, in order
  time_ms now = 0;
  account* acct = nullptr;

  /// First value of `k`, or "".
  std::string get(std::string_view k) const;
  bool has(std::string_view k) const;
  std::vector<std::string> all(std::string_view k) const;
};

/// Splits "a=1&b=2" into decoded pairs.
params parse_query(std::string_view q);

http::response json_reply(int status, std::string body);
http::response error_reply(int status, const std::string& name,
                           const std::string& message);

// -- quotation -----------------------------------------------------------------
http::response market_all(venue& v, const call& c);
http::response ticker(venue& v, const call& c);
http::response orderbook(venue& v, const call& c);
http::response orderbook_instruments(venue& v, const call& c);
http::response trades_ticks(venue& v, const call& c);

// -- exchange ------------------------------------------------------------------
http::response accounts(venue& v, const call& c);
http::response chance(venue& v, const call& c);
http::response get_order(venue& v, const call& c, bool v2);
/// `closed`: done/cancel lists; else open (wait) unless `state` says so.
http::response list_orders(venue& v, const call& c, bool closed);
http::response cancel_order(venue& v, const call& c, bool v2);
void post_order(venue& v, const call& c, bool v2, reply& out);

} // namespace karb::sim::detail
