#include "exchanges/okx/sign.hpp"

#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "exchanges/binance/sign.hpp"
#include "exchanges/common/crypto.hpp"

namespace karb::okx {

namespace {

constexpr std::string_view login_path = "/users/self/verify";

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

std::string iso_timestamp(int64_t ms) {
  auto secs = static_cast<std::time_t>(floor_div(ms, 1000));
  auto millis = static_cast<int>(ms - static_cast<int64_t>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, millis);
  return buf;
}

std::string sign(std::string_view secret, std::string_view prehash) {
  return crypto::base64(
    crypto::hmac(crypto::digest::sha256, secret, prehash));
}

std::string with_query(std::string_view path, const params& ps) {
  std::string out{path};
  if (!ps.empty()) {
    out += '?';
    // The same unreserved-set encoding as Binance's query strings.
    out += binance::join_query(ps);
  }
  return out;
}

http::request public_request(std::string_view path, const params& ps) {
  http::request req;
  req.method = "GET";
  req.target = with_query(path, ps);
  return req;
}

http::request signed_request(std::string_view method, std::string_view path,
                             const params& ps, std::string body,
                             const credentials& creds,
                             const signing_context& ctx) {
  http::request req;
  req.method.assign(method);
  req.target = with_query(path, ps);
  req.body = std::move(body);
  auto ts = iso_timestamp(ctx.timestamp_ms);
  std::string prehash;
  prehash.reserve(ts.size() + req.method.size() + req.target.size()
                  + req.body.size());
  prehash.append(ts).append(req.method).append(req.target).append(req.body);
  req.headers.emplace_back("OK-ACCESS-KEY", creds.access_key);
  req.headers.emplace_back("OK-ACCESS-SIGN",
                           sign(creds.secret_key.reveal(), prehash));
  req.headers.emplace_back("OK-ACCESS-TIMESTAMP", std::move(ts));
  req.headers.emplace_back("OK-ACCESS-PASSPHRASE",
                           std::string{creds.passphrase.reveal()});
  if (!req.body.empty())
    req.headers.emplace_back("Content-Type", "application/json");
  req.idempotent = method == "GET";
  return req;
}

std::string login_message(const credentials& creds,
                          const signing_context& ctx) {
  auto ts = std::to_string(floor_div(ctx.timestamp_ms, 1000));
  nlohmann::ordered_json arg;
  arg["apiKey"] = creds.access_key;
  arg["passphrase"] = std::string{creds.passphrase.reveal()};
  arg["timestamp"] = ts;
  arg["sign"] = sign(creds.secret_key.reveal(),
                     ts + "GET" + std::string{login_path});
  nlohmann::ordered_json msg;
  msg["op"] = "login";
  msg["args"] = nlohmann::ordered_json::array({arg});
  return msg.dump();
}

} // namespace karb::okx
