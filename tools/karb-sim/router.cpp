#include "tools/karb-sim/router.hpp"

#include <strings.h>

#include <algorithm>

#include "tools/karb-sim/fault_reply.hpp"
#include "tools/karb-sim/order_json.hpp"
#include "tools/karb-sim/router_binance.hpp"
#include "tools/karb-sim/router_bybit.hpp"
#include "tools/karb-sim/router_detail.hpp"
#include "tools/karb-sim/router_okx.hpp"

namespace karb::sim {

namespace detail {

std::string call::get(std::string_view k) const {
  for (auto& [key, value] : args)
    if (key == k)
      return value;
  return {};
}

bool call::has(std::string_view k) const {
  for (auto& [key, value] : args)
    if (key == k)
      return true;
  return false;
}

std::vector<std::string> call::all(std::string_view k) const {
  std::vector<std::string> out;
  for (auto& [key, value] : args)
    if (key == k)
      out.push_back(value);
  return out;
}

params parse_query(std::string_view q) {
  params out;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto part = q.substr(0, amp);
    auto eq = part.find('=');
    if (!part.empty())
      out.emplace_back(url_decode(part.substr(0, eq)),
                       eq == std::string_view::npos
                         ? std::string{}
                         : url_decode(part.substr(eq + 1)));
    if (amp == std::string_view::npos)
      break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

http::response json_reply(int status, std::string body) {
  http::response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

http::response error_reply(int status, const std::string& name,
                           const std::string& message) {
  return json_reply(status, error_body(name, message));
}

} // namespace detail

void mark_fault(reply& r, std::string_view name) {
  if (!r.fault.empty())
    r.fault += ',';
  r.fault += name;
}

namespace {

using namespace detail;

enum class ep {
  market_all, ticker, orderbook, instruments, trades, accounts, chance,
  get_order, get_order_v2, open_orders, closed_orders, list_orders,
  cancel, cancel_v2, post, post_v2,
};

struct entry {
  std::string_view method;
  std::string_view path;
  ep id;
  bool priv;
  bool upbit;
  bool bithumb;
};

constexpr entry table[] = {
  {"GET", "/v1/market/all", ep::market_all, false, true, true},
  {"GET", "/v1/ticker", ep::ticker, false, true, true},
  {"GET", "/v1/orderbook", ep::orderbook, false, true, true},
  {"GET", "/v1/orderbook/instruments", ep::instruments, false, true, false},
  {"GET", "/v1/trades/ticks", ep::trades, false, true, true},
  {"GET", "/v1/accounts", ep::accounts, true, true, true},
  {"GET", "/v1/orders/chance", ep::chance, true, true, true},
  {"GET", "/v1/order", ep::get_order, true, true, true},
  {"GET", "/v2/order", ep::get_order_v2, true, false, true},
  {"GET", "/v1/orders/open", ep::open_orders, true, true, true},
  {"GET", "/v1/orders/closed", ep::closed_orders, true, true, true},
  {"GET", "/v1/orders", ep::list_orders, true, false, true},
  {"DELETE", "/v1/order", ep::cancel, true, true, true},
  {"DELETE", "/v2/order", ep::cancel_v2, true, false, true},
  {"POST", "/v1/orders", ep::post, true, true, true},
  {"POST", "/v2/orders", ep::post_v2, true, false, true},
};

std::string_view header_of(const http::request& req, std::string_view name) {
  for (auto& [k, v] : req.headers)
    if (k.size() == name.size()
        && strncasecmp(k.data(), name.data(), name.size()) == 0)
      return v;
  return {};
}

} // namespace

reply router::dispatch(const http::request& req, time_ms now) {
  if (v_.bn)
    return bn::dispatch(v_, req, now);
  if (v_.ok)
    return okx::dispatch(v_, req, now);
  if (v_.by)
    return by::dispatch(v_, req, now);
  reply out;
  v_.eng.settle(now);
  auto qpos = req.target.find('?');
  std::string path = req.target.substr(0, qpos);
  std::string query = qpos == std::string::npos ? "" : req.target.substr(qpos + 1);
  call c{req, path, query, parse_query(query), now, nullptr};
  auto& f = v_.faults;
  if (f.slow_count != 0 && f.slow_ms > 0) {
    out.delay_ms = f.slow_ms;
    mark_fault(out, "slow");
    if (f.slow_count > 0)
      --f.slow_count;
  }
  if (f.http_500 > 0) {
    --f.http_500;
    mark_fault(out, "http_500");
    out.response = error_reply(500, "server_error", "Internal server error.");
    return out;
  }
  const entry* e = nullptr;
  bool bithumb = v_.kind == venue_kind::bithumb;
  for (auto& candidate : table)
    if (candidate.method == req.method && candidate.path == path
        && (bithumb ? candidate.bithumb : candidate.upbit))
      e = &candidate;
  if (!e) {
    out.response = error_reply(404, "not_found", "Not found: " + req.method
                                                   + " " + path);
    return out;
  }
  if (e->priv) {
    std::string params = query;
    std::string alt = url_decode(query);
    if (req.method == "POST" && !req.body.empty()) {
      auto body_params = body_query_string(req.body);
      if (!body_params) {
        out.response = error_reply(400, "validation_error",
                                   "The body must be a JSON object.");
        return out;
      }
      params = *body_params;
      alt.clear();
    }
    auto verdict = v_.auth.check(v_.eng, header_of(req, "Authorization"),
                                 params, alt, now);
    out.auth = verdict.name;
    if (!verdict.ok) {
      out.response = error_reply(verdict.status, verdict.name, verdict.message);
      return out;
    }
    c.acct = verdict.acct;
    out.account = verdict.acct->access_key;
  }
  auto group = group_for(v_.kind, req.method, path);
  auto limit = v_.limiter.take(group, e->priv ? out.account : "public", now);
  if (f.http_429 > 0) {
    --f.http_429;
    mark_fault(out, "http_429");
    limit.status = 429;
    limit.header = "group=" + group.name + "; min="
                   + std::to_string(group.per_sec * 60) + "; sec=0";
    limit.retry_after_ms = time_ms{f.http_429_retry_after} * 1000;
  }
  if (limit.status != 200) {
    out.response = limit.status == 429
      ? error_reply(429, "too_many_requests", "Too many API requests.")
      : error_reply(418, "blocked",
                    "Too many API requests; blocked for "
                      + std::to_string(limit.blocked_for_ms) + " ms.");
    out.response.headers.emplace_back("Remaining-Req", limit.header);
    if (limit.retry_after_ms > 0)
      out.response.headers.emplace_back(
        "Retry-After", std::to_string(retry_after_seconds(limit.retry_after_ms)));
    return out;
  }
  switch (e->id) {
    case ep::market_all: out.response = market_all(v_, c); break;
    case ep::ticker: out.response = ticker(v_, c); break;
    case ep::orderbook: out.response = orderbook(v_, c); break;
    case ep::instruments: out.response = orderbook_instruments(v_, c); break;
    case ep::trades: out.response = trades_ticks(v_, c); break;
    case ep::accounts: out.response = accounts(v_, c); break;
    case ep::chance: out.response = chance(v_, c); break;
    case ep::get_order:
    case ep::get_order_v2:
      if (f.slow_lookup_count != 0 && f.slow_lookup_ms > 0) {
        out.delay_ms = std::max(out.delay_ms, f.slow_lookup_ms);
        mark_fault(out, "slow_lookup");
        if (f.slow_lookup_count > 0)
          --f.slow_lookup_count;
      }
      out.response = get_order(v_, c, e->id == ep::get_order_v2);
      break;
    case ep::open_orders: out.response = list_orders(v_, c, false); break;
    case ep::closed_orders: out.response = list_orders(v_, c, true); break;
    case ep::list_orders: out.response = list_orders(v_, c, false); break;
    case ep::cancel:
    case ep::cancel_v2: {
      nlohmann::json p = nlohmann::json::object();
      for (auto& [k, val] : c.args)
        p[k] = val;
      out.order = std::move(p);
      if (f.cancel_fails > 0) { // not processed
        --f.cancel_fails;
        mark_fault(out, "cancel_fail");
        out.response = error_reply(500, "server_error",
                                   "Internal server error (cancel_fail fault).");
        break;
      }
      out.response = cancel_order(v_, c, e->id == ep::cancel_v2);
      break;
    }
    case ep::post: post_order(v_, c, false, out); break;
    case ep::post_v2: post_order(v_, c, true, out); break;
  }
  out.response.headers.emplace_back("Remaining-Req", limit.header);
  return out;
}

} // namespace karb::sim
