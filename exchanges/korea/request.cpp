#include "exchanges/korea/request.hpp"

#include "exchanges/common/crypto.hpp"

namespace karb::korea {

std::string join_query(const params& ps) {
  std::string out;
  for (auto& [k, v] : ps) {
    if (!out.empty())
      out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

} // namespace

std::string json_body(const params& ps) {
  std::string out = "{";
  for (auto& [k, v] : ps) {
    if (out.size() > 1)
      out += ',';
    append_json_string(out, k);
    out += ':';
    append_json_string(out, v);
  }
  out += '}';
  return out;
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

http::request signed_request(std::string_view method, std::string_view path,
                             const params& ps, const credentials& creds,
                             const signing_context& ctx, auth_scheme scheme) {
  http::request req;
  req.method.assign(method);
  req.target.assign(path);
  auto query = join_query(ps);
  if (method == "POST") {
    req.body = json_body(ps);
    req.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  } else if (!query.empty()) {
    req.target += '?';
    req.target += query;
  }
  jwt::claims claims{creds.access_key, ctx.nonce,
                     scheme.with_timestamp ? ctx.timestamp_ms : 0,
                     std::move(query)};
  req.headers.emplace_back(
    "Authorization", "Bearer "
                       + jwt::make_token(scheme.algorithm, claims,
                                         creds.secret_key.reveal()));
  req.idempotent = method == "GET";
  return req;
}

bool is_valid_client_id(std::string_view id) {
  if (id.empty() || id.size() > 36)
    return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

} // namespace karb::korea
