#include "tools/karb-sim/options.hpp"

#include "tools/karb-sim/faults.hpp"
#include "tools/karb-sim/rules.hpp"

namespace karb::sim {

std::string usage() {
  return R"(usage: karb-sim [--venues upbit,bithumb,binance_spot,binance_usdm,okx,bybit]
                [--port-base 18100] [--seed 7]
                [--tls] [--ca-out FILE] [--cert FILE --key FILE]
                [--admin-port 18199] [--accounts FILE] [--book-hz N]
                [--request-log FILE] [--fault VENUE:KIND[=VALUE]]...
                [--no-rate-limit] [--symbols N] [--feed-rate N|max]
       karb-sim --sign --access-key K --secret-key S [--venue upbit|bithumb]
                [--query 'a=1&b=2' | --body '{"k":"v"}'] [--alg HS256|HS512]
       karb-sim --sign --venue binance_spot|binance_usdm --secret-key S
                [--query 'a=1&timestamp=T'] [--body 'form'] (prints the
                HMAC-SHA256 hex signature of query + body)
       karb-sim --sign --venue okx --access-key K --secret-key S
                --passphrase P [--method GET|POST] --path '/api/v5/...?q'
                [--body '{"k":"v"}'] (prints the four OK-ACCESS-* headers)
       karb-sim --sign --venue bybit --access-key K --secret-key S
                [--query 'a=1&b=2' | --body '{"k":"v"}'] (prints the
                X-BAPI-* headers, one "Name:value" a line)
Faults: http_500=N http_429=N slow=MS reject_order[=NAME] partial_fill[=RATIO]
        drop_order_reply=N drop_ws stall_feed[=MS] stale_book=N crossed_book=N
        malformed_frame=N shift_mid=BP gateway_error=N truncate_reply=N gap=N
        checksum=N (okx) reset=N (bybit)
        reset_after_accept=N ban=SECONDS cancel_fail=N slow_lookup=MS
        chaos=SHARE inject_order=side=bid,price=P,volume=V clear
        (VENUE may be "all"; VALUE may be fields: k=v,k=v as in POST /fault)
)";
}

std::optional<options> parse_options(const std::vector<std::string>& args,
                                     std::string& error) {
  options o;
  auto fail = [&](std::string why) -> std::optional<options> {
    error = std::move(why);
    return std::nullopt;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size())
        return false;
      out = args[++i];
      return true;
    };
    auto number = [&](auto& out, long long lo, long long hi) {
      std::string text;
      if (!value(text))
        return false;
      try {
        size_t used = 0;
        auto n = std::stoll(text, &used);
        if (used != text.size() || n < lo || n > hi)
          return false;
        out = static_cast<std::remove_reference_t<decltype(out)>>(n);
      } catch (...) {
        return false;
      }
      return true;
    };
    std::string text;
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--venues") {
      if (!value(text))
        return fail("--venues needs a value");
      o.venues.clear();
      size_t start = 0;
      while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto name = text.substr(start, comma - start);
        auto v = parse_venue(name);
        if (!v)
          return fail("unknown venue: " + name);
        o.venues.push_back(*v);
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
    } else if (a == "--port-base") {
      if (!number(o.port_base, 0, 65000))
        return fail("--port-base needs a port (0 = ephemeral)");
    } else if (a == "--seed") {
      if (!number(o.seed, 0, (1LL << 62)))
        return fail("--seed needs a number");
    } else if (a == "--tls") {
      o.tls = true;
    } else if (a == "--ca-out") {
      if (!value(o.ca_out))
        return fail("--ca-out needs a file");
    } else if (a == "--cert") {
      if (!value(o.cert_file))
        return fail("--cert needs a file");
    } else if (a == "--key") {
      if (!value(o.key_file))
        return fail("--key needs a file");
    } else if (a == "--admin-port") {
      if (!number(o.admin_port, 0, 65535))
        return fail("--admin-port needs a port");
    } else if (a == "--accounts") {
      if (!value(o.accounts_file))
        return fail("--accounts needs a file");
    } else if (a == "--book-hz") {
      if (!number(o.book_hz, 1, 1'000'000))
        return fail("--book-hz needs 1..1000000");
    } else if (a == "--symbols") {
      if (!number(o.symbols, 1, static_cast<long long>(
                                    market_catalogue_size())))
        return fail("--symbols needs 1.."
                    + std::to_string(market_catalogue_size()));
    } else if (a == "--feed-rate") {
      if (i + 1 < args.size() && args[i + 1] == "max") {
        ++i;
        o.feed_rate = feed_rate_max;
      } else if (!number(o.feed_rate, 1, 10'000'000)) {
        return fail("--feed-rate needs 1..10000000 or max");
      }
    } else if (a == "--request-log") {
      if (!value(o.request_log))
        return fail("--request-log needs a file");
    } else if (a == "--fault") {
      if (!value(text))
        return fail("--fault needs VENUE:KIND[=VALUE]");
      auto spec = parse_fault_flag(text);
      if (!spec)
        return fail("bad --fault " + text);
      o.faults.push_back(*spec);
    } else if (a == "--no-rate-limit") {
      o.rate_limits = false;
    } else if (a == "--sign") {
      o.sign = true;
    } else if (a == "--access-key") {
      if (!value(o.access_key))
        return fail("--access-key needs a value");
    } else if (a == "--secret-key") {
      if (!value(o.secret_key))
        return fail("--secret-key needs a value");
    } else if (a == "--query") {
      if (!value(o.query))
        return fail("--query needs a value");
    } else if (a == "--body") {
      if (!value(o.body))
        return fail("--body needs a value");
    } else if (a == "--alg") {
      if (!value(o.alg) || (o.alg != "HS256" && o.alg != "HS512"))
        return fail("--alg must be HS256 or HS512");
    } else if (a == "--passphrase") {
      if (!value(o.passphrase))
        return fail("--passphrase needs a value");
    } else if (a == "--method") {
      if (!value(o.method) || (o.method != "GET" && o.method != "POST"))
        return fail("--method must be GET or POST");
    } else if (a == "--path") {
      if (!value(o.path))
        return fail("--path needs a value");
    } else if (a == "--venue") {
      if (!value(text) || !parse_venue(text))
        return fail("--venue must be upbit, bithumb, binance_spot, "
                    "binance_usdm, okx or bybit");
      o.sign_venue = *parse_venue(text);
    } else {
      return fail("unknown argument: " + a);
    }
  }
  if (o.venues.empty())
    return fail("no venues");
  if (o.cert_file.empty() != o.key_file.empty())
    return fail("--cert and --key go together");
  if (o.sign && (o.secret_key.empty()
                 || (o.access_key.empty() && !is_binance(o.sign_venue))))
    return fail("--sign needs --access-key and --secret-key");
  if (o.sign && is_okx(o.sign_venue) && (o.passphrase.empty() || o.path.empty()))
    return fail("--sign --venue okx needs --passphrase and --path");
  return o;
}

} // namespace karb::sim
