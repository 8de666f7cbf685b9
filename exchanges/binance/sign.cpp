#include "exchanges/binance/sign.hpp"

#include "exchanges/common/crypto.hpp"

namespace karb::binance {

namespace {

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
         || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
         || c == '~';
}

void append_encoded(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (char c : text) {
    if (unreserved(c)) {
      out += c;
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xf];
    }
  }
}

bool in_body(std::string_view method) {
  return method == "POST" || method == "PUT";
}

} // namespace

std::string percent_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_encoded(out, text);
  return out;
}

std::string join_query(const params& ps) {
  std::string out;
  out.reserve(ps.size() * 24);
  for (auto& [k, v] : ps) {
    if (!out.empty())
      out += '&';
    append_encoded(out, k);
    out += '=';
    append_encoded(out, v);
  }
  return out;
}

std::string sign(std::string_view secret, std::string_view query,
                 std::string_view body) {
  if (body.empty())
    return crypto::hmac_hex(crypto::digest::sha256, secret, query);
  std::string payload;
  payload.reserve(query.size() + body.size());
  payload.append(query).append(body);
  return crypto::hmac_hex(crypto::digest::sha256, secret, payload);
}

http::request public_request(std::string_view method, std::string_view path,
                             const params& ps) {
  http::request req;
  req.method.assign(method);
  req.target.assign(path);
  if (!ps.empty()) {
    req.target += '?';
    req.target += join_query(ps);
  }
  req.idempotent = method == "GET";
  return req;
}

http::request keyed_request(std::string_view method, std::string_view path,
                            const credentials& creds) {
  auto req = public_request(method, path);
  req.headers.emplace_back(std::string{api_key_header}, creds.access_key);
  return req;
}

http::request signed_request(std::string_view method, std::string_view path,
                             params ps, const credentials& creds,
                             const signing_context& ctx, int recv_window_ms) {
  ps.emplace_back("recvWindow", std::to_string(recv_window_ms));
  ps.emplace_back("timestamp", std::to_string(ctx.timestamp_ms));
  auto query = join_query(ps);
  auto signature = sign(creds.secret_key.reveal(), query);
  query += "&signature=";
  query += signature;
  http::request req;
  req.method.assign(method);
  req.target.assign(path);
  if (in_body(method)) {
    req.body = std::move(query);
    req.headers.emplace_back("Content-Type",
                             "application/x-www-form-urlencoded");
  } else {
    req.target += '?';
    req.target += query;
  }
  req.headers.emplace_back(std::string{api_key_header}, creds.access_key);
  req.idempotent = method == "GET";
  return req;
}

} // namespace karb::binance
