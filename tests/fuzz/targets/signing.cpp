// Request signing with arbitrary text: the JWT (make, verify), each
// venue's signer and signed request builders, and the protocol tables'
// private builders (cancel, lookup, open orders, balances, socket login).
//
// Input: a selector byte, a timestamp (8 bytes, cut to 50 bits: our
// clock), then newline-separated texts: access key (kept to printable
// ASCII: it is configuration), secret, nonce (printable: ours), path,
// parameters ("k=v&k=v"), body, market and client id (UTF-8, or dropped:
// they come from configuration or JSON), a token to verify.
//
// Checks: a JWT we make verifies with its secret and carries the payload
// we gave; a forged token never verifies with another secret.

#include <string>
#include <vector>

#include "actors/inspector/commands.hpp"
#include "exchanges/binance/sign.hpp"
#include "exchanges/bybit/sign.hpp"
#include "exchanges/common/jwt.hpp"
#include "exchanges/korea/request.hpp"
#include "exchanges/okx/sign.hpp"
#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;

namespace {

using params = std::vector<std::pair<std::string, std::string>>;

struct signing_inputs {
  uint8_t selector = 0;
  credentials creds;
  signing_context ctx;
  std::string path;
  params ps;
  std::string body;
  std::string market;
  std::string client_id;
  std::string token;
};

/// "k=v&k=v" as pairs; a pair that is not UTF-8 is dropped (the builders
/// get parameters from configuration, us or JSON).
params split_params(std::string_view text) {
  params out;
  while (!text.empty()) {
    auto pair = text.substr(0, text.find('&'));
    text.remove_prefix(std::min(text.size(), pair.size() + 1));
    auto eq = pair.find('=');
    std::string key{pair.substr(0, eq)};
    std::string value{eq == std::string_view::npos ? std::string_view{}
                                                   : pair.substr(eq + 1)};
    if (inspector::all_utf8({key, value}))
      out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

/// The operator's API key comes from configuration, not from outside:
/// printable ASCII.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= 0x20 && c < 0x7f)
      out += c;
  return out;
}

signing_inputs read_inputs(fuzz::fuzz_input& in) {
  signing_inputs x;
  x.selector = in.byte();
  // Our own clock (up to about the year 37000), not outside input.
  x.ctx.timestamp_ms = in.i64() & ((int64_t{1} << 50) - 1);
  x.creds.access_key = printable(in.until('\n'));
  x.creds.secret_key = secret{std::string{in.until('\n')}};
  x.ctx.nonce = printable(in.until('\n')); // ours (a UUID)
  x.path = std::string{in.until('\n')};
  x.ps = split_params(in.until('\n'));
  x.body = std::string{in.until('\n')};
  // A market comes from configuration, a client id from us or from a
  // venue's JSON reply: always UTF-8 text (JSON bodies are built of them).
  x.market = std::string{in.until('\n')};
  x.client_id = std::string{in.until('\n')};
  if (!inspector::all_utf8({x.market, x.client_id})) {
    x.market.clear();
    x.client_id.clear();
  }
  x.token = std::string{in.rest()};
  return x;
}

std::string_view method_of(uint8_t selector) {
  static constexpr std::string_view methods[] = {"GET", "POST", "DELETE",
                                                 "PUT"};
  return methods[(selector >> 3) % 4];
}

void check_jwt(const signing_inputs& x) {
  auto alg = x.selector & 0x20 ? jwt::alg::hs512 : jwt::alg::hs256;
  jwt::claims c{x.creds.access_key, x.ctx.nonce, x.ctx.timestamp_ms,
                x.body};
  const auto& key = x.creds.secret_key.reveal();
  auto token = jwt::make_token(alg, c, key);
  auto ok = jwt::verify(token, key);
  KARB_FUZZ_CHECK(ok && ok->algorithm == alg
                  && ok->payload_json == jwt::payload_json(c));
  KARB_FUZZ_CHECK(!jwt::verify(token, key + "x"));
  jwt::verify_error why{};
  (void) jwt::verify(x.token, key, &why);
}

void venue_builders(const signing_inputs& x) {
  static const auto tables = [] {
    std::vector<venue::venue_protocol> out;
    for (auto& e : venue::venue_entries())
      if (e.unavailable.empty())
        out.push_back(venue::protocol_for(e.id, [](std::string_view) {
          return std::optional{decimal::from_raw(decimal::one_raw)};
        }));
    return out;
  }();
  const auto& p = tables[(x.selector >> 3) % tables.size()];
  if (p.cancel)
    (void) p.cancel(x.creds, x.ctx, x.market, x.client_id);
  if (p.lookup)
    (void) p.lookup(x.creds, x.ctx, x.market, x.client_id);
  if (p.open_orders)
    (void) p.open_orders(x.creds, x.ctx, x.market);
  if (p.balances)
    (void) p.balances(x.creds, x.ctx);
  if (p.funding_payments)
    (void) p.funding_payments(x.creds, x.ctx, x.market, x.ctx.timestamp_ms);
  if (p.private_auth)
    (void) p.private_auth(x.creds, x.ctx);
  if (p.private_subscription)
    (void) p.private_subscription(x.creds, x.ctx);
}

} // namespace

KARB_FUZZ_TARGET(signing) {
  fuzz::fuzz_input in{data, size};
  auto x = read_inputs(in);
  const auto& key = x.creds.secret_key.reveal();
  auto method = method_of(x.selector);
  switch (x.selector % 6) {
    case 0:
      check_jwt(x);
      break;
    case 1:
      (void) binance::sign(key, binance::join_query(x.ps), x.body);
      (void) binance::signed_request(method, x.path, x.ps, x.creds, x.ctx);
      break;
    case 2:
      (void) okx::iso_timestamp(x.ctx.timestamp_ms);
      (void) okx::signed_request(method, x.path, x.ps, x.body, x.creds,
                                 x.ctx);
      (void) okx::login_message(x.creds, x.ctx);
      break;
    case 3:
      (void) bybit::signed_get(x.path, x.ps, x.creds, x.ctx);
      (void) bybit::signed_post(x.path, x.body, x.creds, x.ctx);
      (void) bybit::sign_ws_auth(key, x.ctx.timestamp_ms);
      break;
    case 4:
      (void) korea::signed_request(
        method, x.path, x.ps, x.creds, x.ctx,
        {x.selector & 0x20 ? jwt::alg::hs512 : jwt::alg::hs256,
         (x.selector & 0x40) != 0});
      break;
    case 5:
      venue_builders(x);
      break;
  }
}
