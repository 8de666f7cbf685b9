#pragma once

// An independent minimal venue client for the simulator tests: it builds
// JWTs from the documented algorithm (reference §1.1, §2.1) with raw
// HMAC/base64url primitives, not with karb::jwt, so that a bug in the
// production signer and the same bug in the simulator cannot cancel out.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/sim.hpp"

namespace simtest {

using karb::sim::time_ms;

inline std::string jwt(std::string_view alg, std::string_view payload,
                       std::string_view secret) {
  using namespace karb::crypto;
  std::string header = std::string{R"({"alg":")"} + std::string{alg}
                       + R"(","typ":"JWT"})";
  std::string token = base64url(header) + "." + base64url(payload);
  auto d = alg == "HS512" ? digest::sha512 : digest::sha256;
  return token + "." + base64url(hmac(d, secret, token));
}

/// Payload JSON in the documented claim order.
inline std::string payload(std::string_view access, std::string_view nonce,
                           time_ms timestamp, std::string_view query) {
  std::string p = R"({"access_key":")" + std::string{access} + R"(","nonce":")"
                  + std::string{nonce} + '"';
  if (timestamp != 0)
    p += R"(,"timestamp":)" + std::to_string(timestamp);
  if (!query.empty())
    p += R"(,"query_hash":")"
         + karb::crypto::hash_hex(karb::crypto::digest::sha512, query)
         + R"(","query_hash_alg":"SHA512")";
  return p + '}';
}

/// Signs requests for one account on one venue.
struct signer {
  std::string access;
  std::string secret;
  bool bithumb = false;
  std::string alg = "HS256";
  int counter = 0;

  std::string bearer(std::string_view query, time_ms now) {
    auto nonce = "nonce-" + access + "-" + std::to_string(++counter);
    return "Bearer "
           + jwt(alg, payload(access, nonce, bithumb ? now : 0, query), secret);
  }
};

inline signer upbit_dev() {
  return {"karb-dev-upbit-access", "karb-dev-upbit-secret-0123456789", false};
}

inline signer bithumb_dev() {
  return {"karb-dev-bithumb-access", "karb-dev-bithumb-secret-0123456789", true};
}

/// JSON body fields as k=v&k=v in body order (what the venues hash).
inline std::string body_query(const std::string& body) {
  auto j = nlohmann::ordered_json::parse(body);
  std::string out;
  for (auto& [k, v] : j.items()) {
    if (!out.empty())
      out += '&';
    out += k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

inline karb::http::request make(std::string method, std::string target,
                                std::string body = {}) {
  karb::http::request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  if (!r.body.empty())
    r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

inline void authorize(karb::http::request& r, std::string bearer) {
  r.headers.emplace_back("Authorization", std::move(bearer));
}

/// Signs `r` as the venue expects (query string, or body fields for POST).
inline void sign(karb::http::request& r, signer& s, time_ms now) {
  auto q = r.target.find('?');
  std::string query = q == std::string::npos ? "" : r.target.substr(q + 1);
  if (r.method == "POST" && !r.body.empty())
    query = body_query(r.body);
  authorize(r, s.bearer(query, now));
}

inline nlohmann::json json_of(const karb::http::response& r) {
  return nlohmann::json::parse(r.body);
}

/// A simulator driven by hand with a fake clock (no sockets).
struct sim_fixture {
  karb::sim::simulator sim;
  time_ms now = 1'800'000'000'000;
  signer up = upbit_dev();
  signer bt = bithumb_dev();

  explicit sim_fixture(uint64_t seed = 7)
    : sim(config(seed)) {}

  static karb::sim::sim_config config(uint64_t seed) {
    karb::sim::sim_config c;
    c.seed = seed;
    c.start = 1'800'000'000'000;
    return c;
  }

  signer& who(size_t venue) { return venue == 0 ? up : bt; }

  /// Sends a request 150 ms after the previous one (inside every budget).
  karb::sim::reply send(size_t venue, karb::http::request r, bool signed_ = true) {
    now += 150;
    if (signed_)
      sign(r, who(venue), now);
    return sim.handle_http(venue, r, now);
  }
  karb::sim::reply get(size_t venue, std::string target, bool signed_ = true) {
    return send(venue, make("GET", std::move(target)), signed_);
  }
  karb::sim::reply post(size_t venue, std::string target, std::string body) {
    return send(venue, make("POST", std::move(target), std::move(body)));
  }
  karb::sim::reply del(size_t venue, std::string target) {
    return send(venue, make("DELETE", std::move(target)));
  }
  void step(int n = 1) {
    for (int i = 0; i < n; ++i) {
      now += 100;
      sim.step(now);
    }
  }
};

} // namespace simtest
