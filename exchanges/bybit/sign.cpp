#include "exchanges/bybit/sign.hpp"

#include "exchanges/binance/sign.hpp"
#include "exchanges/common/crypto.hpp"

namespace karb::bybit {

namespace {

void add_auth_headers(http::request& req, const credentials& c,
                      const signing_context& ctx, std::string_view payload) {
  req.headers.emplace_back("X-BAPI-API-KEY", c.access_key);
  req.headers.emplace_back("X-BAPI-TIMESTAMP",
                           std::to_string(ctx.timestamp_ms));
  req.headers.emplace_back("X-BAPI-RECV-WINDOW",
                           std::to_string(recv_window_ms));
  req.headers.emplace_back("X-BAPI-SIGN",
                           sign(c.secret_key.reveal(), ctx.timestamp_ms,
                                c.access_key, recv_window_ms, payload));
}

} // namespace

std::string sign(std::string_view secret, int64_t timestamp_ms,
                 std::string_view api_key, int recv_window,
                 std::string_view payload) {
  auto ts = std::to_string(timestamp_ms);
  auto window = std::to_string(recv_window);
  std::string text;
  text.reserve(ts.size() + api_key.size() + window.size() + payload.size());
  text.append(ts).append(api_key).append(window).append(payload);
  return crypto::hmac_hex(crypto::digest::sha256, secret, text);
}

std::string sign_ws_auth(std::string_view secret, int64_t expires_ms) {
  return crypto::hmac_hex(crypto::digest::sha256, secret,
                          "GET/realtime" + std::to_string(expires_ms));
}

std::string join_query(const params& ps) {
  // The same encoding as Binance's (unreserved bytes kept, the rest %XX);
  // karb's symbols and ids never need it, but a value never breaks the
  // query either.
  return binance::join_query(ps);
}

http::request public_get(std::string_view path, const params& ps) {
  http::request req;
  req.method = "GET";
  req.target.assign(path);
  if (!ps.empty()) {
    req.target += '?';
    req.target += join_query(ps);
  }
  return req;
}

http::request signed_get(std::string_view path, const params& ps,
                         const credentials& c, const signing_context& ctx) {
  auto query = join_query(ps);
  http::request req;
  req.method = "GET";
  req.target.assign(path);
  if (!query.empty())
    req.target.append("?").append(query);
  add_auth_headers(req, c, ctx, query);
  return req;
}

http::request signed_post(std::string_view path, std::string body,
                          const credentials& c, const signing_context& ctx) {
  http::request req;
  req.method = "POST";
  req.target.assign(path);
  req.body = std::move(body);
  req.headers.emplace_back("Content-Type", "application/json");
  add_auth_headers(req, c, ctx, req.body);
  req.idempotent = false;
  return req;
}

} // namespace karb::bybit
