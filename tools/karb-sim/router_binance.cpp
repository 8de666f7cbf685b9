#include "tools/karb-sim/router_binance.hpp"

#include <strings.h>

#include <algorithm>

#include "tools/karb-sim/bn_auth.hpp"

namespace karb::sim::bn {

std::string call::get(std::string_view k) const {
  for (auto& [key, value] : args)
    if (key == k)
      return value;
  return {};
}

http::response ok(const ojson& body) {
  http::response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  r.body = body.dump();
  return r;
}

http::response fail(int status, int code, const std::string& msg) {
  http::response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  r.body = bn_error_body(code, msg);
  return r;
}

http::response fail(const bn_error& e) {
  return fail(e.status, e.code, e.msg);
}

std::optional<bn_error> need(const call& c,
                             std::initializer_list<const char*> names) {
  for (auto* n : names)
    if (!c.has(n))
      return bn_error{400, -1102, std::string{"Mandatory parameter '"} + n
                                    + "' was not sent, was empty/null, or "
                                      "malformed."};
  return std::nullopt;
}

std::optional<size_t> market_of(const std::string& symbol) {
  auto m = binance_market_index(symbol);
  if (m < 0)
    return std::nullopt;
  return static_cast<size_t>(m);
}

bn_order* lookup(call& c) {
  auto id = std::atoll(c.get("orderId").c_str());
  return c.bv.eng.find(*c.acct, id, c.get("origClientOrderId"));
}

int limit_param(const call& c, int fallback, int max) {
  if (!c.has("limit"))
    return fallback;
  return std::clamp(std::atoi(c.get("limit").c_str()), 1, max);
}

std::optional<http::response> refuse_symbol(const call& c, bool order_ref) {
  if (auto e = need(c, {"symbol"}))
    return fail(*e);
  if (!market_of(c.get("symbol")))
    return fail(400, -1121, "Invalid symbol.");
  if (order_ref && !c.has("orderId") && !c.has("origClientOrderId"))
    return fail(400, -1102, "Param 'origClientOrderId' or 'orderId' must be "
                            "sent, but both were empty/null!");
  return std::nullopt;
}

http::response order_list(call& c, bool open_only,
                          const std::function<ojson(const bn_order&)>& render) {
  if (!open_only || c.has("symbol"))
    if (auto refused = refuse_symbol(c))
      return *refused;
  auto orders = c.bv.eng.orders_of(*c.acct, c.get("symbol"), open_only);
  auto n = static_cast<size_t>(limit_param(c, 500, 1000));
  ojson arr = ojson::array();
  for (size_t i = open_only || orders.size() <= n ? 0 : orders.size() - n;
       i < orders.size(); ++i)
    arr.push_back(render(*orders[i]));
  return ok(arr);
}

http::response order_query(call& c,
                           const std::function<ojson(const bn_order&)>& render) {
  if (auto refused = refuse_symbol(c, true))
    return *refused;
  auto* o = lookup(c);
  if (!o || o->symbol != c.get("symbol"))
    return fail(400, -2013, "Order does not exist.");
  return ok(render(*o));
}

http::response ping(call&, reply&) {
  return ok(ojson::object());
}

http::response server_time(call& c, reply&) {
  return ok({{"serverTime", c.now}});
}

namespace {

const endpoint* find_endpoint(venue_kind k, const std::string& method,
                              const std::string& path) {
  auto table = k == venue_kind::binance_spot ? spot_endpoints()
                                             : usdm_endpoints();
  for (auto& e : table)
    if (e.method == method && e.path == path)
      return &e;
  return nullptr;
}

std::string_view header_of(const http::request& req, std::string_view name) {
  for (auto& [k, v] : req.headers)
    if (k.size() == name.size()
        && strncasecmp(k.data(), name.data(), name.size()) == 0)
      return v;
  return {};
}

nlohmann::json args_json(const call& c) {
  nlohmann::json p = nlohmann::json::object();
  for (auto& [k, val] : c.args)
    if (k != "signature")
      p[k] = val;
  return p;
}

const char* const unknown_error =
  "An unknown error occurred while processing the request.";

/// The venue's own faults and the endpoint; `e` matched, `out` carries the
/// request log fields.
http::response run(call& c, const endpoint& e, request_kind kind, reply& out) {
  auto& f = c.v.faults;
  if (kind == request_kind::place || kind == request_kind::cancel)
    out.order = args_json(c);
  if (kind == request_kind::place && f.reject_orders > 0) {
    --f.reject_orders;
    mark_fault(out, "reject_order");
    return fail(400, -2010, f.reject_name.empty()
                              ? "Order rejected (simulated fault)."
                              : f.reject_name);
  }
  if (kind == request_kind::place && f.partial_fills > 0) {
    --f.partial_fills;
    mark_fault(out, "partial_fill");
    c.fill_ratio = f.partial_ratio;
  }
  if (kind == request_kind::cancel && f.cancel_fails > 0) {
    --f.cancel_fails;
    mark_fault(out, "cancel_fail");
    return fail(500, -1000, unknown_error);
  }
  if (kind == request_kind::lookup && f.slow_lookup_count != 0
      && f.slow_lookup_ms > 0) {
    out.delay_ms = std::max(out.delay_ms, f.slow_lookup_ms);
    mark_fault(out, "slow_lookup");
    if (f.slow_lookup_count > 0)
      --f.slow_lookup_count;
  }
  http::response r;
  try {
    r = e.handle(c, out);
  } catch (const std::exception&) { // e.g. an amount overflowing
    r = fail(500, -1000, unknown_error);
  }
  if (kind == request_kind::place && r.status == 200
      && f.drop_order_replies > 0) {
    --f.drop_order_replies;
    mark_fault(out, "drop_order_reply");
    out.drop = true;
  }
  return r;
}

} // namespace

reply dispatch(venue& v, const http::request& req, time_ms now) {
  reply out;
  auto qpos = req.target.find('?');
  call c{v, *v.bn, req, req.target.substr(0, qpos), {}, now};
  std::string query = qpos == std::string::npos ? "" : req.target.substr(qpos + 1);
  c.args = detail::parse_query(query);
  for (auto& p : detail::parse_query(req.body))
    c.args.push_back(std::move(p));
  auto& f = v.faults;
  if (f.slow_count != 0 && f.slow_ms > 0) {
    out.delay_ms = f.slow_ms;
    mark_fault(out, "slow");
    if (f.slow_count > 0)
      --f.slow_count;
  }
  if (f.http_500 > 0) {
    --f.http_500;
    mark_fault(out, "http_500");
    out.response = fail(500, -1000, unknown_error);
    return out;
  }
  auto* e = find_endpoint(v.kind, req.method, c.path);
  if (!e) {
    out.response = fail(404, -5000, "Path " + c.path + ", Method "
                                      + req.method + " is invalid");
    return out;
  }
  if (e->sec != security::none) {
    auto key = header_of(req, "X-MBX-APIKEY");
    auto verdict = e->sec == security::signed_
                     ? check_signed(v.bn->eng, key, query, req.body, now)
                     : check_api_key(v.bn->eng, key);
    out.auth = verdict.ok ? "ok" : std::to_string(verdict.error.code);
    if (!verdict.ok) {
      out.response = fail(verdict.error);
      return out;
    }
    c.acct = verdict.acct;
    out.account = c.acct->api_key;
  }
  auto kind = classify_request(v.kind, req.method, c.path);
  auto limit = v.bn->limiter.take(e->weight(c), e->counts_order,
                                  out.account, now);
  if (f.http_429 > 0) {
    --f.http_429;
    mark_fault(out, "http_429");
    limit.status = 429;
    limit.code = -1003;
    limit.msg = "Too many requests (http_429 fault).";
    limit.retry_after_s = f.http_429_retry_after;
  }
  if (limit.status != 200) {
    out.response = fail(limit.status, limit.code, limit.msg);
    if (limit.retry_after_s > 0)
      out.response.headers.emplace_back("Retry-After",
                                        std::to_string(limit.retry_after_s));
  } else {
    out.response = run(c, *e, kind, out);
  }
  for (auto& h : limit.headers)
    out.response.headers.push_back(h);
  return out;
}

} // namespace karb::sim::bn
