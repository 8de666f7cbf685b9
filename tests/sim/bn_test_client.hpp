#pragma once

// A minimal Binance client for the simulator tests: signs with the
// documented rule (HMAC-SHA256 hex over query + body), drives a simulator
// of binance_spot (venue 0) and binance_usdm (venue 1) with a fake clock.

#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/sim.hpp"

namespace bntest {

using karb::sim::time_ms;
using json = nlohmann::json;

inline std::string hmac(const std::string& secret, const std::string& payload) {
  return karb::crypto::hmac_hex(karb::crypto::digest::sha256, secret, payload);
}

inline constexpr size_t spot = 0;
inline constexpr size_t usdm = 1;

struct fixture {
  karb::sim::simulator sim;
  time_ms now = 1'800'000'000'000;

  explicit fixture(std::string accounts = {}) : sim(config(std::move(accounts))) {}

  static karb::sim::sim_config config(std::string accounts) {
    karb::sim::sim_config c;
    c.venues = {karb::sim::venue_kind::binance_spot,
                karb::sim::venue_kind::binance_usdm};
    c.start = 1'800'000'000'000;
    c.accounts_json = std::move(accounts);
    return c;
  }
  static std::string key(size_t v) {
    return v == spot ? "karb-dev-binance-spot-access"
                     : "karb-dev-binance-usdm-access";
  }
  static std::string secret(size_t v) {
    return v == spot ? "karb-dev-binance-spot-secret-0123456789"
                     : "karb-dev-binance-usdm-secret-0123456789";
  }

  /// An unsigned request 150 ms after the previous one.
  karb::sim::reply send(size_t v, std::string method, std::string target,
                        std::string body = {}, std::string api_key = {}) {
    now += 150;
    karb::http::request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    if (!api_key.empty())
      r.headers.emplace_back("X-MBX-APIKEY", api_key);
    return sim.handle_http(v, r, now);
  }
  karb::sim::reply pub(size_t v, const std::string& target) {
    return send(v, "GET", target);
  }
  /// A SIGNED call with every parameter in the query string.
  karb::sim::reply call(size_t v, const std::string& method,
                        const std::string& path, std::string params) {
    params += (params.empty() ? "" : "&") + std::string{"timestamp="}
              + std::to_string(now + 150);
    auto sig = hmac(secret(v), params);
    return send(v, method, path + "?" + params + "&signature=" + sig, {},
                key(v));
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
};

inline json body(const karb::sim::reply& r) {
  return json::parse(r.response.body);
}

inline int code(const karb::sim::reply& r) {
  auto j = body(r);
  return j.is_object() ? j.value("code", 0) : 0;
}

inline json fixture_json(const std::string& rel) {
  std::ifstream in("/work/shared/fixtures/exchanges/" + rel);
  if (!in)
    in.open("../shared/fixtures/exchanges/" + rel);
  return json::parse(in);
}

/// The first line's "data" of a .jsonl fixture.
inline json fixture_event(const std::string& rel) {
  std::ifstream in("/work/shared/fixtures/exchanges/" + rel);
  std::string line;
  std::getline(in, line);
  return json::parse(line)["data"];
}

inline const char* type_name(const json& j) {
  return j.is_string() ? "string" : j.is_boolean() ? "bool"
         : j.is_number() ? "number" : j.is_array() ? "array"
         : j.is_object() ? "object" : "null";
}

/// Every field of `want` (a fixture object) is in `got` with the same JSON
/// type, except `skip`; no field of `got` outside `want` + `extra`.
inline void same_fields(const json& want, const json& got,
                        std::set<std::string> skip = {},
                        std::set<std::string> extra = {}) {
  ASSERT_TRUE(got.is_object()) << got.dump();
  for (auto& [k, v] : want.items()) {
    if (skip.count(k) || k == "_note")
      continue;
    ASSERT_TRUE(got.contains(k)) << "missing " << k << " in " << got.dump();
    if (!v.is_null() && !got[k].is_null())
      EXPECT_STREQ(type_name(got[k]), type_name(v)) << k;
  }
  for (auto& [k, v] : got.items())
    EXPECT_TRUE(want.contains(k) || extra.count(k)) << "unexpected " << k;
}

} // namespace bntest
