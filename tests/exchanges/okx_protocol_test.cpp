// The OKX protocol table: which calls each venue has, the request builders
// (method, target, headers, body), order parameters with the contract
// conversion and the clOrdId encoding, rate-limit groups.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/okx/protocol.hpp"
#include "exchanges/okx/rate_limits.hpp"
#include "exchanges/okx/sign.hpp"
#include "exchanges/registry.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;
using nlohmann::json;

namespace {

credentials creds() {
  return credentials{"key", secret{"secret"}, secret{"pass"}};
}

const signing_context ctx{"", 1607418537715};

venue::contract_size_fn sizes() {
  return [](std::string_view id) -> std::optional<decimal> {
    if (id == "BTC-USDT-SWAP")
      return dec("0.01");
    return std::nullopt;
  };
}

order_request request(exchange venue, std::string base, order_type type,
                      side s, decimal amount, decimal price) {
  order_request r;
  r.client_order_id = "karb-t1-0-1";
  r.symbol = venue::instrument_on(venue, base, "USDT");
  r.type = type;
  r.order_side = s;
  r.amount = amount;
  r.price = price;
  return r;
}

/// The request's signature recomputed from its own bytes.
void expect_signed(const http::request& req) {
  auto ts = header_of(req, "OK-ACCESS-TIMESTAMP");
  EXPECT_EQ(ts, "2020-12-08T09:08:57.715Z");
  EXPECT_EQ(header_of(req, "OK-ACCESS-KEY"), "key");
  EXPECT_EQ(header_of(req, "OK-ACCESS-PASSPHRASE"), "pass");
  EXPECT_EQ(header_of(req, "OK-ACCESS-SIGN"),
            okx::sign("secret", ts + req.method + req.target + req.body));
}

} // namespace

TEST(OkxProtocol, OnlyOkxVenues) {
  EXPECT_THROW(okx::okx_protocol(exchange::binance_spot, {}),
               std::invalid_argument);
  auto spot = okx::okx_protocol(exchange::okx_spot, {});
  EXPECT_EQ(spot.venue, exchange::okx_spot);
  EXPECT_TRUE(spot.place && spot.cancel && spot.lookup && spot.amend
              && spot.balances && spot.snapshot && spot.book_unsubscription
              && spot.private_after_auth);
  EXPECT_FALSE(spot.positions || spot.funding || spot.mark_subscription
               || spot.prepare_market || spot.listen_key);
  EXPECT_EQ(spot.heartbeat_text, "ping");
  EXPECT_TRUE(spot.budget_header.empty());
  auto swap = okx::okx_protocol(exchange::okx_swap, sizes());
  EXPECT_TRUE(swap.positions && swap.funding && swap.funding_history
              && swap.mark_subscription && swap.prepare_market);
  EXPECT_FALSE(swap.snapshot); // the socket's snapshot only
}

TEST(OkxProtocol, MarketCodes) {
  EXPECT_EQ(venue::instrument_on(exchange::okx_spot, "BTC", "USDT"),
            (instrument{exchange::okx_spot, "BTC", "USDT", "BTC-USDT",
                        contract_type::spot}));
  EXPECT_EQ(venue::instrument_on(exchange::okx_swap, "btc", "usdt")
              .venue_symbol,
            "BTC-USDT-SWAP");
}

TEST(OkxProtocol, PublicRequests) {
  auto spot = okx::okx_protocol(exchange::okx_spot, {});
  auto swap = okx::okx_protocol(exchange::okx_swap, sizes());
  EXPECT_EQ(spot.server_time().target, "/api/v5/public/time");
  EXPECT_EQ(spot.instruments().target,
            "/api/v5/public/instruments?instType=SPOT");
  EXPECT_EQ(swap.instruments().target,
            "/api/v5/public/instruments?instType=SWAP");
  EXPECT_EQ(spot.snapshot("BTC-USDT").target,
            "/api/v5/market/books?instId=BTC-USDT&sz=400");
  EXPECT_EQ(spot.ticker("BTC-USDT").target,
            "/api/v5/market/ticker?instId=BTC-USDT");
  EXPECT_EQ(swap.funding("BTC-USDT-SWAP").target,
            "/api/v5/public/funding-rate?instId=BTC-USDT-SWAP");
  EXPECT_EQ(swap.funding_history("BTC-USDT-SWAP").target,
            "/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP"
            "&limit=100");
  auto t = spot.server_time();
  EXPECT_EQ(t.method, "GET");
  EXPECT_TRUE(t.headers.empty());
}

TEST(OkxProtocol, PlaceSpotLimit) {
  auto p = okx::okx_protocol(exchange::okx_spot, {});
  auto req = p.place(creds(), ctx,
                     request(exchange::okx_spot, "BTC", order_type::limit,
                             side::buy, dec("0.001"), dec("65000.1")));
  ASSERT_TRUE(req) << req.error().message;
  EXPECT_EQ(req->method, "POST");
  EXPECT_EQ(req->target, "/api/v5/trade/order");
  EXPECT_FALSE(req->idempotent);
  EXPECT_EQ(req->body,
            R"({"instId":"BTC-USDT","tdMode":"cash","side":"buy",)"
            R"("ordType":"limit","sz":"0.001","px":"65000.1",)"
            R"("clOrdId":"Kt1D0D1"})");
  EXPECT_EQ(header_of(*req, "Content-Type"), "application/json");
  expect_signed(*req);
}

TEST(OkxProtocol, PlaceSpotMarketStatesTheSizeCurrency) {
  auto p = okx::okx_protocol(exchange::okx_spot, {});
  auto by_quote = request(exchange::okx_spot, "BTC", order_type::market,
                          side::buy, {}, dec("100"));
  by_quote.quote_amount = true;
  auto q = p.place(creds(), ctx, by_quote);
  ASSERT_TRUE(q);
  auto qb = json::parse(q->body);
  EXPECT_EQ(qb["ordType"], "market");
  EXPECT_EQ(qb["sz"], "100");
  EXPECT_EQ(qb["tgtCcy"], "quote_ccy");
  EXPECT_FALSE(qb.contains("px"));
  auto by_base = p.place(creds(), ctx,
                         request(exchange::okx_spot, "BTC", order_type::market,
                                 side::buy, dec("0.002"), {}));
  ASSERT_TRUE(by_base);
  auto bb = json::parse(by_base->body);
  EXPECT_EQ(bb["sz"], "0.002");
  EXPECT_EQ(bb["tgtCcy"], "base_ccy");
  auto ioc = p.place(creds(), ctx,
                     request(exchange::okx_spot, "BTC", order_type::ioc,
                             side::sell, dec("0.002"), dec("60000")));
  EXPECT_EQ(json::parse(ioc->body)["ordType"], "ioc");
  EXPECT_EQ(json::parse(ioc->body)["side"], "sell");
  auto reduce = request(exchange::okx_spot, "BTC", order_type::limit,
                        side::sell, dec("1"), dec("1"));
  reduce.reduce_only = true;
  EXPECT_FALSE(p.place(creds(), ctx, reduce));
}

TEST(OkxProtocol, PlaceSwapInContracts) {
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  auto r = request(exchange::okx_swap, "BTC", order_type::fok, side::sell,
                   dec("0.25"), dec("65000"));
  r.reduce_only = true;
  auto req = p.place(creds(), ctx, r);
  ASSERT_TRUE(req) << req.error().message;
  EXPECT_EQ(req->body,
            R"({"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"sell",)"
            R"("ordType":"fok","sz":"25","px":"65000","reduceOnly":true,)"
            R"("clOrdId":"Kt1D0D1"})");
  expect_signed(*req);
  auto market = p.place(creds(), ctx,
                        request(exchange::okx_swap, "BTC", order_type::market,
                                side::buy, dec("0.01"), {}));
  ASSERT_TRUE(market);
  auto mb = json::parse(market->body);
  EXPECT_EQ(mb["sz"], "1");
  EXPECT_FALSE(mb.contains("tgtCcy"));
  EXPECT_FALSE(mb.contains("posSide"));
}

TEST(OkxProtocol, PlaceRefusals) {
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  auto odd = p.place(creds(), ctx,
                     request(exchange::okx_swap, "BTC", order_type::limit,
                             side::buy, decimal{}, dec("1")));
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().name, "bad_quantity");
  auto unknown = p.place(creds(), ctx,
                         request(exchange::okx_swap, "ETH", order_type::limit,
                                 side::buy, dec("1"), dec("1")));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, venue_errc::unknown_market);
  EXPECT_FALSE(unknown.error().from_venue);
  auto quote = request(exchange::okx_swap, "BTC", order_type::market,
                       side::buy, {}, dec("100"));
  quote.quote_amount = true;
  EXPECT_FALSE(p.place(creds(), ctx, quote));
  auto bad_id = request(exchange::okx_swap, "BTC", order_type::limit,
                        side::buy, dec("0.01"), dec("1"));
  bad_id.client_order_id = "karb-UPPER-0-1";
  auto refused = p.place(creds(), ctx, bad_id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().name, "bad_client_id");
  auto spot = okx::okx_protocol(exchange::okx_spot, {});
  auto no_price = spot.place(creds(), ctx,
                             request(exchange::okx_spot, "BTC",
                                     order_type::limit, side::buy, dec("1"),
                                     {}));
  ASSERT_FALSE(no_price);
  EXPECT_EQ(no_price.error().name, "bad_price");
}

TEST(OkxProtocol, CancelAmendLookupLists) {
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  auto c = p.cancel(creds(), ctx, "BTC-USDT-SWAP", "karb-t1-0-1");
  EXPECT_EQ(c.method, "POST");
  EXPECT_EQ(c.target, "/api/v5/trade/cancel-order");
  EXPECT_EQ(c.body, R"({"instId":"BTC-USDT-SWAP","clOrdId":"Kt1D0D1"})");
  EXPECT_FALSE(c.idempotent);
  expect_signed(c);
  auto a = p.amend(creds(), ctx, "BTC-USDT-SWAP", "karb-t1-0-1",
                   dec("64000.5"), dec("0.3"));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->target, "/api/v5/trade/amend-order");
  EXPECT_EQ(a->body, R"({"instId":"BTC-USDT-SWAP","clOrdId":"Kt1D0D1",)"
                     R"("newPx":"64000.5","newSz":"30"})");
  expect_signed(*a);
  auto price_only = p.amend(creds(), ctx, "BTC-USDT-SWAP", "karb-t1-0-1",
                            dec("1"), {});
  EXPECT_FALSE(json::parse(price_only->body).contains("newSz"));
  EXPECT_FALSE(p.amend(creds(), ctx, "BTC-USDT-SWAP", "karb-t1-0-1", {}, {}));
  auto l = p.lookup(creds(), ctx, "BTC-USDT-SWAP", "karb-t1-0-1");
  EXPECT_EQ(l.method, "GET");
  EXPECT_EQ(l.target,
            "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=Kt1D0D1");
  EXPECT_TRUE(l.body.empty());
  EXPECT_TRUE(l.idempotent);
  expect_signed(l);
  EXPECT_EQ(p.open_orders(creds(), ctx, "BTC-USDT-SWAP").target,
            "/api/v5/trade/orders-pending?instId=BTC-USDT-SWAP");
  EXPECT_EQ(p.recent_orders(creds(), ctx, "BTC-USDT-SWAP").target,
            "/api/v5/trade/orders-history?instType=SWAP&instId=BTC-USDT-SWAP");
  EXPECT_EQ(p.balances(creds(), ctx).target, "/api/v5/account/balance");
  EXPECT_EQ(p.positions(creds(), ctx).target,
            "/api/v5/account/positions?instType=SWAP");
  expect_signed(p.positions(creds(), ctx));
}

TEST(OkxProtocol, PrepareMarket) {
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  auto reqs = p.prepare_market(creds(), ctx, "BTC-USDT-SWAP", 3, false);
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target, "/api/v5/account/set-position-mode");
  EXPECT_EQ(reqs[0].body, R"({"posMode":"net_mode"})");
  EXPECT_EQ(reqs[1].target, "/api/v5/account/set-leverage");
  EXPECT_EQ(reqs[1].body,
            R"({"instId":"BTC-USDT-SWAP","lever":"3","mgnMode":"cross"})");
  for (auto& r : reqs)
    expect_signed(r);
  auto iso = p.prepare_market(creds(), ctx, "BTC-USDT-SWAP", 5, true);
  EXPECT_EQ(json::parse(iso[1].body)["mgnMode"], "isolated");
}

TEST(OkxProtocol, PrivateSocket) {
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  auto login = p.private_subscription(creds(), ctx);
  ASSERT_EQ(login.size(), 1u);
  auto msg = json::parse(login[0]);
  EXPECT_EQ(msg["op"], "login");
  EXPECT_EQ(msg["args"][0]["timestamp"], "1607418537");
  auto after = p.private_after_auth();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after[0].find("positions"), std::string::npos);
  EXPECT_FALSE(p.private_auth);
}

TEST(OkxRateLimits, GroupsPerSecond) {
  auto groups = okx::rate_groups();
  auto per_sec = [&](std::string_view name) {
    for (auto& g : groups)
      if (g.name == name)
        return g.per_sec;
    return -1;
  };
  EXPECT_EQ(per_sec("place"), 30);
  EXPECT_EQ(per_sec("cancel"), 30);
  EXPECT_EQ(per_sec("books"), 20);
  EXPECT_EQ(per_sec("balance"), 5);
  EXPECT_EQ(per_sec("instruments"), 10);
  EXPECT_EQ(per_sec("position_mode"), 2);
  for (auto& g : groups)
    EXPECT_GE(g.per_sec, 1) << g.name;
  EXPECT_EQ(okx::rate_group_of("POST", "/api/v5/trade/order"), "place");
  EXPECT_EQ(okx::rate_group_of("GET", "/api/v5/trade/order?instId=X"),
            "order");
  EXPECT_EQ(okx::rate_group_of("GET", "/api/v5/market/books?instId=X&sz=400"),
            "books");
  EXPECT_EQ(okx::rate_group_of("GET", "/api/v5/unknown"), "other");
  // Every request the table builds is charged to a named group.
  auto p = okx::okx_protocol(exchange::okx_swap, sizes());
  for (auto& req : {p.funding("X"), p.instruments(), p.server_time(),
                    p.balances(creds(), ctx),
                    p.open_orders(creds(), ctx, "X"),
                    p.recent_orders(creds(), ctx, "X"),
                    p.cancel(creds(), ctx, "X", "a")})
    EXPECT_NE(p.rate_group_of(req.method, req.target), "other")
      << req.target;
}
