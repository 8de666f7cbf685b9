#pragma once

// A minimal Bybit v5 client for the simulator tests: signs with the
// documented rule (hex HMAC-SHA256 of timestamp + key + recvWindow +
// query or body, X-BAPI-* headers) and drives a simulator whose venue 0
// is bybit, with a fake clock.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/sim.hpp"

namespace bytest {

using karb::sim::time_ms;
using json = nlohmann::json;

inline const std::string key = "karb-dev-bybit-access";
inline const std::string secret = "karb-dev-bybit-secret-0123456789";

inline std::string hmac(const std::string& s, const std::string& payload) {
  return karb::crypto::hmac_hex(karb::crypto::digest::sha256, s, payload);
}

struct fixture {
  karb::sim::simulator sim;
  time_ms now = 1'800'000'000'000;

  explicit fixture(bool rate_limits = true) : sim(config(rate_limits)) {}

  static karb::sim::sim_config config(bool rate_limits) {
    karb::sim::sim_config c;
    c.venues = {karb::sim::venue_kind::bybit};
    c.start = 1'800'000'000'000;
    c.rate_limits = rate_limits;
    return c;
  }

  /// A request 150 ms after the previous one (`dt` other than 150).
  karb::sim::reply send(const std::string& method, const std::string& target,
                        const std::string& body = {},
                        std::vector<std::pair<std::string, std::string>> headers = {},
                        time_ms dt = 150) {
    now += dt;
    karb::http::request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.headers = std::move(headers);
    return sim.handle_http(0, r, now);
  }
  karb::sim::reply pub(const std::string& target) {
    return send("GET", target);
  }
  /// The X-BAPI-* headers for `payload` signed at `ts`.
  static std::vector<std::pair<std::string, std::string>>
  headers(const std::string& payload, time_ms ts, const std::string& k = key,
          const std::string& s = secret, const std::string& recv = "5000") {
    auto ts_text = std::to_string(ts);
    return {{"X-BAPI-API-KEY", k},
            {"X-BAPI-TIMESTAMP", ts_text},
            {"X-BAPI-RECV-WINDOW", recv},
            {"X-BAPI-SIGN", hmac(s, ts_text + k + recv + payload)}};
  }
  /// A signed GET (query as given) or POST (JSON body).
  karb::sim::reply get(const std::string& path, const std::string& query) {
    return send("GET", path + (query.empty() ? "" : "?" + query), {},
                headers(query, now + 150));
  }
  karb::sim::reply post(const std::string& path, const json& body) {
    auto text = body.dump();
    return send("POST", path, text, headers(text, now + 150));
  }
  void step(int n = 1) {
    for (int i = 0; i < n; ++i) {
      now += 100;
      sim.step(now);
    }
  }
  json admin(const std::string& method, const std::string& path,
             const std::string& body = {}) {
    karb::http::request r;
    r.method = method;
    r.target = path;
    r.body = body;
    auto resp = sim.handle_admin(r, now);
    EXPECT_EQ(resp.status, 200) << resp.body;
    return json::parse(resp.body);
  }
  json state() { return admin("GET", "/state")["venues"]["bybit"]; }
};

inline json body(const karb::sim::reply& r) {
  return json::parse(r.response.body);
}

inline int ret(const karb::sim::reply& r) {
  return body(r).value("retCode", -1);
}

inline json result(const karb::sim::reply& r) {
  return body(r)["result"];
}

inline std::string header(const karb::sim::reply& r, const std::string& name) {
  for (auto& [k, v] : r.response.headers)
    if (k == name)
      return v;
  return {};
}

/// The UNIFIED wallet's entry of `coin`.
inline json coin(fixture& f, const std::string& c) {
  auto w = result(f.get("/v5/account/wallet-balance", "accountType=UNIFIED"));
  for (auto& e : w["list"][0]["coin"])
    if (e["coin"] == c)
      return e;
  return {};
}

} // namespace bytest
