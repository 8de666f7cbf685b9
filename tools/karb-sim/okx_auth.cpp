#include "tools/karb-sim/okx_auth.hpp"

#include <strings.h>

#include <cstdio>
#include <ctime>

#include "exchanges/common/crypto.hpp"

namespace karb::sim {

namespace {

std::string header(const http::request& req, std::string_view name) {
  for (auto& [k, v] : req.headers)
    if (k.size() == name.size()
        && strncasecmp(k.data(), name.data(), name.size()) == 0)
      return v;
  return {};
}

okx_auth_verdict refuse(const char* code, std::string msg) {
  okx_auth_verdict v;
  v.code = code;
  v.msg = std::move(msg);
  return v;
}

} // namespace

std::string okx_sign(std::string_view secret, std::string_view prehash) {
  return crypto::base64(crypto::hmac(crypto::digest::sha256, secret, prehash));
}

std::string okx_iso_ms(time_ms t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(t % 1000));
  return buf;
}

std::optional<time_ms> parse_okx_iso(std::string_view text) {
  std::tm tm{};
  int ms = 0;
  char tail[8] = {};
  std::string s{text};
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%7s", &tm.tm_year,
                      &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                      &tm.tm_sec, &ms, tail);
  if (n != 8 || std::string{tail} != "Z" || s.size() != 24)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  auto secs = timegm(&tm);
  if (secs < 0)
    return std::nullopt;
  return static_cast<time_ms>(secs) * 1000 + ms;
}

okx_auth_verdict okx_check_rest(const okx_venue& v, const http::request& req,
                                time_ms now) {
  auto key = header(req, "OK-ACCESS-KEY");
  auto sign = header(req, "OK-ACCESS-SIGN");
  auto ts = header(req, "OK-ACCESS-TIMESTAMP");
  auto pass = header(req, "OK-ACCESS-PASSPHRASE");
  if (key.empty())
    return refuse("50103", "Request header OK-ACCESS-KEY can not be empty.");
  if (pass.empty())
    return refuse("50104", "Request header OK-ACCESS-PASSPHRASE can not be empty.");
  if (sign.empty())
    return refuse("50106", "Request header OK-ACCESS-SIGN can not be empty.");
  if (ts.empty())
    return refuse("50107", "Request header OK-ACCESS-TIMESTAMP can not be empty.");
  auto t = parse_okx_iso(ts);
  if (!t)
    return refuse("50112", "Invalid OK-ACCESS-TIMESTAMP");
  if (*t < now - okx_window_ms || *t > now + okx_window_ms)
    return refuse("50102", "Timestamp request expired");
  auto* info = v.key_info(key);
  auto* acct = v.account(key);
  if (!info || !acct)
    return refuse("50111", "Invalid OK-ACCESS-KEY");
  if (pass != info->passphrase)
    return refuse("50105", "Request header OK-ACCESS-PASSPHRASE incorrect.");
  auto expected = okx_sign(acct->secret, ts + req.method + req.target + req.body);
  if (!crypto::equal_secure(expected, sign))
    return refuse("50113", "Invalid Sign");
  okx_auth_verdict ok;
  ok.ok = true;
  ok.status = 200;
  ok.key = key;
  return ok;
}

okx_auth_verdict okx_check_login(const okx_venue& v, const nlohmann::json& arg,
                                 time_ms now) {
  auto str = [&](const char* k) {
    return arg.is_object() && arg.contains(k) && arg[k].is_string()
             ? arg[k].get<std::string>()
             : std::string{};
  };
  auto key = str("apiKey"), pass = str("passphrase"), ts = str("timestamp"),
       sign = str("sign");
  if (key.empty() || pass.empty() || ts.empty() || sign.empty())
    return refuse("60009", "Login failed.");
  char* end = nullptr;
  double secs = std::strtod(ts.c_str(), &end);
  if (!end || *end != '\0')
    return refuse("60009", "Login failed.");
  auto t = static_cast<time_ms>(secs * 1000);
  if (t < now - okx_window_ms || t > now + okx_window_ms)
    return refuse("60009", "Login failed.");
  auto* info = v.key_info(key);
  auto* acct = v.account(key);
  if (!info || !acct || info->passphrase != pass)
    return refuse("60009", "Login failed.");
  if (!crypto::equal_secure(okx_sign(acct->secret, ts + "GET/users/self/verify"),
                            sign))
    return refuse("60009", "Login failed.");
  okx_auth_verdict ok;
  ok.ok = true;
  ok.status = 200;
  ok.key = key;
  return ok;
}

} // namespace karb::sim
