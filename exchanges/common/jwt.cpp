#include "exchanges/common/jwt.hpp"

#include "exchanges/common/crypto.hpp"

namespace karb::jwt {

namespace {

constexpr std::string_view hs256_header = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view hs512_header = R"({"alg":"HS512","typ":"JWT"})";

crypto::digest digest_of(alg a) {
  return a == alg::hs256 ? crypto::digest::sha256 : crypto::digest::sha512;
}

// Keys and nonces are printable ASCII; escape the two JSON metacharacters
// anyway so a hostile key cannot break the payload.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  out += '"';
}

} // namespace

std::string payload_json(const claims& c) {
  std::string out = R"({"access_key":)";
  append_json_string(out, c.access_key);
  out += R"(,"nonce":)";
  append_json_string(out, c.nonce);
  if (c.timestamp_ms != 0) {
    out += R"(,"timestamp":)";
    out += std::to_string(c.timestamp_ms);
  }
  if (!c.query.empty()) {
    out += R"(,"query_hash":")";
    out += crypto::hash_hex(crypto::digest::sha512, c.query);
    out += R"(","query_hash_alg":"SHA512")";
  }
  out += '}';
  return out;
}

std::string sign(alg a, std::string_view payload, std::string_view secret) {
  auto header = a == alg::hs256 ? hs256_header : hs512_header;
  std::string token = crypto::base64url(header);
  token += '.';
  token += crypto::base64url(payload);
  auto mac = crypto::hmac(digest_of(a), secret, token);
  token += '.';
  token += crypto::base64url(mac);
  return token;
}

std::string make_token(alg a, const claims& c, std::string_view secret) {
  return sign(a, payload_json(c), secret);
}

std::optional<verified> verify(std::string_view token, std::string_view secret,
                               verify_error* why) {
  auto fail = [&](verify_error e) -> std::optional<verified> {
    if (why)
      *why = e;
    return std::nullopt;
  };
  auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos)
    return fail(verify_error::malformed);
  auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos
      || token.find('.', dot2 + 1) != std::string_view::npos)
    return fail(verify_error::malformed);
  verified out;
  std::string mac;
  if (!crypto::base64url_decode(token.substr(0, dot1), out.header_json)
      || !crypto::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1),
                                   out.payload_json)
      || !crypto::base64url_decode(token.substr(dot2 + 1), mac))
    return fail(verify_error::malformed);
  // Accept the header with or without whitespace; only alg matters.
  auto has = [&](std::string_view needle) {
    std::string compact;
    for (char c : out.header_json)
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r')
        compact += c;
    return compact.find(needle) != std::string::npos;
  };
  if (has(R"("alg":"HS256")"))
    out.algorithm = alg::hs256;
  else if (has(R"("alg":"HS512")"))
    out.algorithm = alg::hs512;
  else
    return fail(verify_error::unsupported_alg);
  auto expected = crypto::hmac(digest_of(out.algorithm), secret,
                               token.substr(0, dot2));
  if (!crypto::equal_secure(expected, mac))
    return fail(verify_error::bad_signature);
  return out;
}

} // namespace karb::jwt
