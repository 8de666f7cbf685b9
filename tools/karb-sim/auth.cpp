#include "tools/karb-sim/auth.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/jwt.hpp"

namespace karb::sim {

namespace {

auth_verdict refuse(std::string name, std::string message) {
  auth_verdict v;
  v.name = std::move(name);
  v.message = std::move(message);
  return v;
}

std::string scalar_text(const nlohmann::ordered_json& v) {
  if (v.is_string())
    return v.get<std::string>();
  return v.dump();
}

} // namespace

std::optional<std::string> body_query_string(std::string_view body) {
  auto j = nlohmann::ordered_json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return std::nullopt;
  std::string out;
  auto add = [&](const std::string& k, const nlohmann::ordered_json& v) {
    if (!out.empty())
      out += '&';
    out += k;
    out += '=';
    out += scalar_text(v);
  };
  for (auto& [k, v] : j.items()) {
    if (v.is_null())
      continue;
    if (v.is_array()) {
      for (auto& e : v)
        add(k + "[]", e);
    } else {
      add(k, v);
    }
  }
  return out;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0)
        return std::string{s};
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (s[i] == '%') {
      return std::string{s};
    } else {
      out += s[i];
    }
  }
  return out;
}

auth_verdict auth_verifier::check(engine& eng, std::string_view authorization,
                                  std::string_view params,
                                  std::string_view params_alt, time_ms now) {
  constexpr std::string_view bearer = "Bearer ";
  if (authorization.empty())
    return refuse("jwt_verification", "Authorization header is missing.");
  if (!authorization.starts_with(bearer))
    return refuse("jwt_verification", "Authorization must be a Bearer token.");
  auto token = authorization.substr(bearer.size());
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  std::string payload_text;
  if (dot2 == std::string_view::npos
      || !crypto::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1),
                                   payload_text))
    return refuse("jwt_verification", "Jwt 토큰 검증에 실패했습니다.");
  auto claims = nlohmann::json::parse(payload_text, nullptr, false);
  if (claims.is_discarded() || !claims.is_object()
      || !claims.contains("access_key") || !claims["access_key"].is_string())
    return refuse("jwt_verification", "Jwt 토큰 검증에 실패했습니다.");
  auto* acct = eng.find_account(claims["access_key"].get<std::string>());
  if (!acct)
    return refuse("invalid_access_key", "잘못된 엑세스 키입니다.");
  jwt::verify_error why{};
  if (!jwt::verify(token, acct->secret_key, &why))
    return refuse("jwt_verification", "Jwt 토큰 검증에 실패했습니다.");
  if (!claims.contains("nonce") || !claims["nonce"].is_string()
      || claims["nonce"].get<std::string>().empty())
    return refuse("jwt_verification", "nonce is missing.");
  if (venue_ == venue_kind::bithumb) {
    if (!claims.contains("timestamp") || !claims["timestamp"].is_number_integer())
      return refuse("jwt_verification", "timestamp is missing.");
    auto ts = claims["timestamp"].get<int64_t>();
    if (ts < now - timestamp_tolerance_ms || ts > now + timestamp_tolerance_ms)
      return refuse("expired_jwt", "The JWT timestamp is outside the window.");
  }
  bool has_hash = claims.contains("query_hash");
  if (!params.empty() || has_hash) {
    if (!has_hash || !claims["query_hash"].is_string())
      return refuse("invalid_query_payload", "query_hash is missing.");
    if (claims.contains("query_hash_alg")
        && claims["query_hash_alg"] != "SHA512")
      return refuse("invalid_query_payload", "query_hash_alg must be SHA512.");
    auto got = claims["query_hash"].get<std::string>();
    auto want = crypto::hash_hex(crypto::digest::sha512, params);
    bool match = crypto::equal_secure(got, want);
    if (!match && !params_alt.empty() && params_alt != params)
      match = crypto::equal_secure(
        got, crypto::hash_hex(crypto::digest::sha512, params_alt));
    if (!match)
      return refuse("invalid_query_payload", "query_hash does not match.");
  }
  auto key = acct->access_key + '\n' + claims["nonce"].get<std::string>();
  if (!nonces_.insert(key).second)
    return refuse("nonce_used", "이미 요청한 nonce값이 다시 전송되었습니다.");
  auth_verdict ok;
  ok.ok = true;
  ok.status = 200;
  ok.name = "ok";
  ok.acct = acct;
  return ok;
}

} // namespace karb::sim
