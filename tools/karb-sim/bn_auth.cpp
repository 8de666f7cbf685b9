#include "tools/karb-sim/bn_auth.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "exchanges/common/crypto.hpp"
#include "tools/karb-sim/auth.hpp"

namespace karb::sim {

namespace {

bn_auth_verdict refuse(int status, int code, std::string msg) {
  bn_auth_verdict v;
  v.error = {status, code, std::move(msg)};
  return v;
}

std::optional<int64_t> integer(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

/// The decoded value of parameter `k` in a query/form string, or nullopt.
std::optional<std::string> param(std::string_view text, std::string_view k) {
  while (!text.empty()) {
    auto amp = text.find('&');
    auto part = text.substr(0, amp);
    auto eq = part.find('=');
    if (part.substr(0, eq) == k)
      return url_decode(eq == std::string_view::npos ? "" : part.substr(eq + 1));
    if (amp == std::string_view::npos)
      break;
    text.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s;
}

} // namespace

bn_auth_verdict check_api_key(bn_engine& eng, std::string_view api_key) {
  if (api_key.empty())
    return refuse(401, -2014, "API-key format invalid.");
  auto* a = eng.find_account(api_key);
  if (!a)
    return refuse(401, -2015, "Invalid API-key, IP, or permissions for action.");
  bn_auth_verdict v;
  v.ok = true;
  v.acct = a;
  return v;
}

std::optional<bn_error> check_timestamp(std::string_view timestamp,
                                        std::string_view recv_window,
                                        time_ms now) {
  auto ts = integer(timestamp);
  if (!ts)
    return bn_error{400, -1102, "Mandatory parameter 'timestamp' was not sent, "
                                "was empty/null, or malformed."};
  int64_t window = 5000;
  if (!recv_window.empty()) {
    auto w = integer(recv_window);
    if (!w || *w <= 0)
      return bn_error{400, -1102, "Mandatory parameter 'recvWindow' was not "
                                  "sent, was empty/null, or malformed."};
    if (*w > 60'000)
      return bn_error{400, -1131, "recvWindow must be less than 60000"};
    window = *w;
  }
  if (*ts >= now + 1000)
    return bn_error{400, -1021, "Timestamp for this request was 1000ms ahead "
                                "of the server's time."};
  if (now - *ts > window)
    return bn_error{400, -1021, "Timestamp for this request is outside of the "
                                "recvWindow."};
  return std::nullopt;
}

std::string strip_signature(std::string_view text, std::string& sig) {
  std::string out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto part = text.substr(0, amp);
    if (part.starts_with("signature=")) {
      sig = std::string{part.substr(10)};
    } else if (!part.empty()) {
      if (!out.empty())
        out += '&';
      out += part;
    }
    if (amp == std::string_view::npos)
      break;
    text.remove_prefix(amp + 1);
  }
  return out;
}

std::string bn_sign(std::string_view secret, std::string_view payload) {
  return crypto::hmac_hex(crypto::digest::sha256, secret, payload);
}

bn_auth_verdict check_signed(bn_engine& eng, std::string_view api_key,
                             std::string_view query, std::string_view body,
                             time_ms now) {
  auto v = check_api_key(eng, api_key);
  if (!v.ok)
    return v;
  std::string sig;
  auto q = strip_signature(query, sig);
  auto b = strip_signature(body, sig);
  auto ts = param(q, "timestamp");
  if (!ts)
    ts = param(b, "timestamp");
  auto window = param(q, "recvWindow");
  if (!window)
    window = param(b, "recvWindow");
  if (auto e = check_timestamp(ts.value_or(""), window.value_or(""), now))
    return refuse(e->status, e->code, e->msg);
  if (sig.empty())
    return refuse(400, -1102, "Mandatory parameter 'signature' was not sent, "
                              "was empty/null, or malformed.");
  auto want = bn_sign(v.acct->secret, q + b);
  if (!crypto::equal_secure(lower(sig), want))
    return refuse(400, -1022, "Signature for this request is not valid.");
  return v;
}

} // namespace karb::sim
