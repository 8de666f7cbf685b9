#pragma once

// The REST API of the Bybit v5 venue as a pure function of the request and
// the time: endpoint tables (router_bybit_market.cpp, _trade.cpp,
// _account.cpp), the shared part (signature, per-UID limits, in-venue
// faults, the envelope) in router_bybit.cpp.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tools/karb-sim/by_json.hpp"
#include "tools/karb-sim/router.hpp"
#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim::by {

/// One request being routed.
struct call {
  venue& v;
  bybit_venue& bv;
  const http::request& req;
  std::string path;
  detail::params args;  ///< query (GET) or JSON body fields (POST), in order
  time_ms now = 0;
  std::string key;      ///< API key when signed
  decimal fill_ratio = decimal::from_int(1); ///< partial_fill fault

  std::string get(std::string_view k) const;
  bool has(std::string_view k) const { return !get(k).empty(); }
  bn_account* acct(by_cat c) const { return bv.account(c, key); }
};

struct endpoint {
  std::string_view method;
  std::string_view path;
  bool signed_;
  /// Per-UID requests per second (0: public, IP-limited only); `spot` when
  /// the category is spot.
  int per_sec, spot_per_sec;
  http::response (*handle)(call&, reply&);
};

std::span<const endpoint> market_endpoints();
std::span<const endpoint> trade_endpoints();
std::span<const endpoint> account_endpoints();

/// Routes one request (the reply faults around it stay in router_faults).
reply dispatch(venue& v, const http::request& req, time_ms now);

// -- helpers shared by the endpoint files --------------------------------------
http::response ok(const call& c, const ojson& result);
http::response fail(const call& c, int code, const std::string& msg,
                    int status = 200);
/// The `category` parameter among `allowed`; nullopt and `refused` set
/// (10001) otherwise.
std::optional<by_cat> category(const call& c, std::optional<http::response>& refused,
                               bool linear_only = false);
/// The listed market of `symbol` (nullopt: unknown).
std::optional<size_t> market_of(const std::string& symbol);
/// The error of an unknown symbol in category `cat`.
http::response bad_symbol(const call& c, by_cat cat);

/// X-BAPI-SIGN as `karb-sim --sign --venue bybit` prints it: lowercase hex HMAC-SHA256 of ts + key + recvWindow + payload.
std::string by_sign(std::string_view secret, std::string_view payload);

} // namespace karb::sim::by

namespace karb::sim {

/// The `ban` fault on Bybit: the IP limit's answer, HTTP 403 "access too
/// frequent" (retCode 10018) with Retry-After in whole seconds.
http::response bybit_ban_reply(time_ms left_ms);

} // namespace karb::sim
