#pragma once

// Helpers for the OKX simulator tests: an in-process simulator with the
// okx venue, signed REST calls (signed here, independently of the
// simulator's own signing code), a live server, an independent CRC32 and
// a local `books` merge.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "tools/karb-sim/okx_auth.hpp"
#include "tools/karb-sim/server.hpp"

namespace okxtest {

using json = nlohmann::json;

inline const std::string key = "karb-dev-okx-access";
inline const std::string secret = "karb-dev-okx-secret-0123456789";
inline const std::string pass = "karb-dev-okx-passphrase";

inline std::string sign(const std::string& s, const std::string& prehash) {
  return karb::crypto::base64(
    karb::crypto::hmac(karb::crypto::digest::sha256, s, prehash));
}

/// Bitwise CRC32 (reflected 0xEDB88320), independent of the simulator's.
inline int32_t crc32_signed(const std::string& s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : s) {
    c ^= ch;
    for (int k = 0; k < 8; ++k)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return static_cast<int32_t>(~c);
}

inline karb::sim::sim_config config() {
  karb::sim::sim_config c;
  c.venues = {karb::sim::venue_kind::okx};
  c.book_hz = 50;
  c.start = karb::sim::now_ms();
  return c;
}

struct fixture {
  karb::sim::simulator sim{config()};

  karb::sim::reply call(const std::string& method, const std::string& target,
                        const std::string& body = {},
                        std::map<std::string, std::string> override = {}) {
    auto now = karb::sim::now_ms();
    karb::http::request r;
    r.method = method;
    r.target = target;
    r.body = body;
    auto ts = karb::sim::okx_iso_ms(now);
    std::map<std::string, std::string> h = {
      {"OK-ACCESS-KEY", key},
      {"OK-ACCESS-SIGN", sign(secret, ts + method + target + body)},
      {"OK-ACCESS-TIMESTAMP", ts},
      {"OK-ACCESS-PASSPHRASE", pass}};
    for (auto& [k, v] : override)
      h[k] = v;
    for (auto& [k, v] : h)
      if (!v.empty())
        r.headers.emplace_back(k, v);
    if (!body.empty())
      r.headers.emplace_back("Content-Type", "application/json");
    return sim.handle_http(0, r, now);
  }
  karb::sim::reply pub(const std::string& target) {
    karb::http::request r;
    r.target = target;
    return sim.handle_http(0, r, karb::sim::now_ms());
  }
  json state() { return sim.state(karb::sim::now_ms())["venues"]["okx"]; }
};

inline json body(const karb::sim::reply& r) {
  return json::parse(r.response.body);
}

/// A local book merged by OKX's rule, with the checksum recomputed.
struct local_book {
  std::map<double, std::pair<std::string, std::string>> bids, asks; // px -> (px, sz)
  int64_t seq = -1;

  void apply(const json& d, bool snapshot) {
    if (snapshot) {
      bids.clear();
      asks.clear();
    }
    for (auto [side, name] : {std::pair{&bids, "bids"}, std::pair{&asks, "asks"}})
      for (auto& l : d[name]) {
        std::string px = l[0], sz = l[1];
        double p = std::stod(px);
        if (std::stod(sz) == 0)
          side->erase(p);
        else
          (*side)[p] = {px, sz};
      }
    seq = d.value("seqId", int64_t{-1});
  }
  int32_t checksum() const {
    std::string s;
    auto b = bids.rbegin();
    auto a = asks.begin();
    for (int k = 0; k < 25; ++k) {
      if (b != bids.rend()) {
        s += (s.empty() ? "" : ":") + b->second.first + ":" + b->second.second;
        ++b;
      }
      if (a != asks.end()) {
        s += (s.empty() ? "" : ":") + a->second.first + ":" + a->second.second;
        ++a;
      }
    }
    return crc32_signed(s);
  }
};

} // namespace okxtest
