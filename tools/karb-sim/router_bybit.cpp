#include "tools/karb-sim/router_bybit.hpp"

#include <strings.h>

#include <algorithm>

#include "exchanges/common/crypto.hpp"
#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/fault_reply.hpp"
#include "tools/karb-sim/fault_scope.hpp"

namespace karb::sim::by {

std::string call::get(std::string_view k) const {
  for (auto& [key, value] : args)
    if (key == k)
      return value;
  return {};
}

http::response ok(const call& c, const ojson& result) {
  http::response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = by_envelope(0, "OK", result, c.now);
  return r;
}

http::response fail(const call& c, int code, const std::string& msg,
                    int status) {
  http::response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = by_envelope(code, msg, ojson::object(), c.now);
  return r;
}

std::optional<by_cat> category(const call& c,
                               std::optional<http::response>& refused,
                               bool linear_only) {
  auto name = c.get("category");
  if (name == "linear")
    return by_cat::linear;
  if (name == "spot" && !linear_only)
    return by_cat::spot;
  refused = fail(c, 10001, name.empty() ? "category is required"
                                        : "Illegal category");
  return std::nullopt;
}

std::optional<size_t> market_of(const std::string& symbol) {
  auto m = binance_market_index(symbol);
  if (m < 0)
    return std::nullopt;
  return static_cast<size_t>(m);
}

http::response bad_symbol(const call& c, by_cat cat) {
  return cat == by_cat::spot ? fail(c, 170121, "Invalid symbol.")
                             : fail(c, 10001, "params error: symbol invalid");
}

std::string by_sign(std::string_view secret, std::string_view payload) {
  return karb::crypto::hmac_hex(karb::crypto::digest::sha256, secret, payload);
}

namespace {

std::string_view header_of(const http::request& req, std::string_view name) {
  for (auto& [k, v] : req.headers)
    if (k.size() == name.size()
        && strncasecmp(k.data(), name.data(), name.size()) == 0)
      return v;
  return {};
}

const endpoint* find_endpoint(const std::string& method,
                              const std::string& path) {
  for (auto table : {market_endpoints(), trade_endpoints(), account_endpoints()})
    for (auto& e : table)
      if (e.method == method && e.path == path)
        return &e;
  return nullptr;
}

/// X-BAPI-* headers: 10003 key, 10002 time window, 10004 signature.
std::optional<http::response> authenticate(call& c, std::string_view query,
                                           reply& out) {
  auto key = std::string{header_of(c.req, "X-BAPI-API-KEY")};
  auto ts_text = std::string{header_of(c.req, "X-BAPI-TIMESTAMP")};
  auto sign = std::string{header_of(c.req, "X-BAPI-SIGN")};
  auto rw_text = std::string{header_of(c.req, "X-BAPI-RECV-WINDOW")};
  auto refuse = [&](int code, const std::string& msg, int status) {
    out.auth = std::to_string(code);
    return fail(c, code, msg, status);
  };
  auto* a = c.bv.account(by_cat::spot, key);
  if (key.empty() || !a)
    return refuse(10003, "API key is invalid.", 401);
  char* end = nullptr;
  long long ts = std::strtoll(ts_text.c_str(), &end, 10);
  long long rw = rw_text.empty() ? 5000 : std::strtoll(rw_text.c_str(), nullptr, 10);
  if (ts_text.empty() || *end != '\0' || rw <= 0
      || !(c.now - rw <= ts && ts < c.now + 1000))
    return refuse(10002, "invalid request, please check your server timestamp "
                         "or recv_window param. req_timestamp[" + ts_text
                         + "],server_timestamp[" + std::to_string(c.now)
                         + "],recv_window[" + std::to_string(rw) + "]", 200);
  auto payload = ts_text + key + rw_text
                 + (c.req.method == "GET" ? std::string{query} : c.req.body);
  auto want = by_sign(a->secret, payload);
  if (sign.size() != want.size()
      || strncasecmp(sign.c_str(), want.c_str(), want.size()) != 0)
    return refuse(10004, "error sign! origin_string[" + payload + "]", 401);
  c.key = key;
  out.auth = "ok";
  out.account = key;
  return std::nullopt;
}

nlohmann::json args_json(const call& c) {
  nlohmann::json p = nlohmann::json::object();
  for (auto& [k, val] : c.args)
    p[k] = val;
  return p;
}

/// The venue's own faults around the endpoint.
http::response run(call& c, const endpoint& e, request_kind kind, reply& out) {
  auto& f = c.v.faults;
  if (kind == request_kind::place || kind == request_kind::cancel)
    out.order = args_json(c);
  if (kind == request_kind::place && f.reject_orders > 0) {
    --f.reject_orders;
    mark_fault(out, "reject_order");
    return fail(c, 10001, f.reject_name.empty()
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
    return fail(c, 10016, "Internal server error.");
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
    r = fail(c, 10016, "Internal server error.");
  }
  if (kind == request_kind::place && r.status == 200
      && r.body.find("\"retCode\":0,") != std::string::npos
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
  call c{v, *v.by, req, req.target.substr(0, qpos), {}, now, {},
         decimal::from_int(1)};
  std::string query = qpos == std::string::npos ? "" : req.target.substr(qpos + 1);
  c.args = detail::parse_query(query);
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
    out.response = fail(c, 10016, "Internal server error.", 500);
    return out;
  }
  auto* e = find_endpoint(req.method, c.path);
  if (!e) {
    out.response = fail(c, 10017, "route not found: " + req.method + " "
                                    + c.path, 404);
    return out;
  }
  if (req.method == "POST") {
    auto body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body,
                                      nullptr, false);
    if (!body.is_object()) {
      out.response = fail(c, 10001, "Request parameter error.");
      return out;
    }
    for (auto& [k, val] : body.items())
      c.args.emplace_back(k, val.is_string() ? val.get<std::string>()
                                             : val.dump());
  }
  if (e->signed_) {
    if (auto refused = authenticate(c, query, out)) {
      out.response = std::move(*refused);
      return out;
    }
  }
  by_limit_verdict limit;
  if (e->signed_ && e->per_sec > 0) {
    bool spot = c.get("category") == "spot";
    limit = c.bv.take(c.key, std::string{e->path} + (spot ? "|spot" : ""),
                      spot ? e->spot_per_sec : e->per_sec, now,
                      v.limiter.enabled);
  }
  if (f.http_429 > 0) {
    --f.http_429;
    mark_fault(out, "http_429");
    limit.ok = false;
  }
  auto kind = classify_request(v.kind, req.method, c.path);
  if (!limit.ok)
    out.response = fail(c, 10006, "Too many visits. Exceeded the API Rate "
                                  "Limit.");
  else
    out.response = run(c, *e, kind, out);
  if (limit.limit > 0) {
    out.response.headers.emplace_back("X-Bapi-Limit", std::to_string(limit.limit));
    out.response.headers.emplace_back("X-Bapi-Limit-Status",
                                      std::to_string(limit.remaining));
    out.response.headers.emplace_back("X-Bapi-Limit-Reset-Timestamp",
                                      std::to_string(limit.reset_at));
  }
  c.bv.sync();
  return out;
}

} // namespace karb::sim::by

namespace karb::sim {

http::response bybit_ban_reply(time_ms left_ms) {
  auto seconds = retry_after_seconds(left_ms);
  http::response r;
  r.status = 403;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  r.body = by_envelope(10018, "access too frequent; retry in "
                                + std::to_string(seconds) + " s.",
                       ojson::object(), 0);
  return r;
}

} // namespace karb::sim
