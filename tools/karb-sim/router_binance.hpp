#pragma once

// The REST API of a Binance venue (spot or USD-M) as a pure function of
// the request and the time, like router.hpp's for Upbit/Bithumb: endpoint
// tables per venue (router_binance_spot.cpp, router_binance_usdm.cpp), the
// shared part (security, weights, in-venue faults) in router_binance.cpp.

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "tools/karb-sim/bn_json.hpp"
#include "tools/karb-sim/fault_scope.hpp"
#include "tools/karb-sim/router.hpp"
#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim::bn {

/// One request being routed.
struct call {
  venue& v;
  binance_venue& bv;
  const http::request& req;
  std::string path;
  detail::params args;   ///< query and form body, decoded, in order
  time_ms now = 0;
  bn_account* acct = nullptr;
  decimal fill_ratio = decimal::from_int(1); ///< partial_fill fault

  std::string get(std::string_view k) const;
  bool has(std::string_view k) const { return !get(k).empty(); }
};

enum class security { none, api_key, signed_ };

struct endpoint {
  std::string_view method;
  std::string_view path;
  security sec;
  int (*weight)(const call&);
  bool counts_order; ///< charged to the order-rate limits
  http::response (*handle)(call&, reply&);
};

std::span<const endpoint> spot_endpoints();
std::span<const endpoint> usdm_endpoints();

/// Routes one request (the reply faults around it stay in router_faults).
reply dispatch(venue& v, const http::request& req, time_ms now);

// -- helpers shared by the endpoint files --------------------------------------
http::response ok(const ojson& body);
http::response fail(const bn_error& e);
http::response fail(int status, int code, const std::string& msg);
/// -1102 for the first of `names` that is missing, else nullopt.
std::optional<bn_error> need(const call& c,
                             std::initializer_list<const char*> names);
/// The listed market named by `symbol` (-1121 as error when unknown).
std::optional<size_t> market_of(const std::string& symbol);
/// The order named by orderId / origClientOrderId (nullptr: unknown).
bn_order* lookup(call& c);
/// 1..max from `limit` (default when absent or bad).
int limit_param(const call& c, int fallback, int max);
/// The refusal of a call without a listed `symbol` (-1102, -1121); with
/// `order_ref` also without orderId or origClientOrderId (-1102).
std::optional<http::response> refuse_symbol(const call& c,
                                            bool order_ref = false);
/// GET openOrders / allOrders: the account's orders of `symbol` (open
/// ones may omit it), the newest `limit` of all, each drawn by `render`.
http::response order_list(call& c, bool open_only,
                          const std::function<ojson(const bn_order&)>& render);
/// GET order: the order named in `c` on its symbol (-2013 when unknown).
http::response order_query(call& c,
                           const std::function<ojson(const bn_order&)>& render);

http::response ping(call&, reply&);
http::response server_time(call&, reply&);

/// A book ticker, 24 h ticker or price object of market `m`.
ojson book_ticker(const call& c, size_t m);
ojson day_ticker(const call& c, size_t m);
ojson price_ticker(const call& c, size_t m);
/// GET ticker endpoints: one object with `symbol`, else an array of all.
http::response per_symbol(call& c, ojson (*one)(const call&, size_t));
http::response recent_trades(call& c, reply&);
/// GET aggTrades: one print is one aggregate trade (a = f = l).
http::response agg_trades(call& c, reply&);
http::response depth(call& c, int fallback, int max);

} // namespace karb::sim::bn
