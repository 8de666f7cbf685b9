// venue_error/result, credentials, number-preserving JSON, ISO time,
// error-reply classification and the Remaining-Req header.

#include <sstream>

#include <gtest/gtest.h>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/json_text.hpp"
#include "exchanges/common/venue_error.hpp"
#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/symbols.hpp"

using namespace karb;

TEST(VenueError, ResultHoldsValueOrError) {
  result<int> ok{7};
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 7);
  result<int> bad{malformed("x")};
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, venue_errc::malformed);
  EXPECT_EQ(to_string(venue_errc::order_not_ready), "order_not_ready");
  EXPECT_EQ(to_string(venue_error{venue_errc::rate_limited, 429, "n", "m"}),
            "rate_limited (HTTP 429) n: m");
  EXPECT_TRUE((venue_error{venue_errc::order_not_ready, 422, "", ""}).retryable());
  EXPECT_FALSE((venue_error{venue_errc::insufficient_funds, 400, "", ""}).retryable());
}

TEST(Credentials, SecretNeverPrints) {
  credentials c{"access", secret{"super-secret-value"}, {}};
  std::ostringstream os;
  os << c.secret_key;
  EXPECT_EQ(os.str(), "***");
  EXPECT_EQ(to_string(c.secret_key), "***");
  EXPECT_EQ(c.secret_key.reveal(), "super-secret-value");
}

TEST(JsonText, NumbersKeepTheirText) {
  auto doc = json_text::parse(R"({"a":103493000.0,"b":4.843e-05,"c":17732400590950000,"d":-3})");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(json_text::number_text((*doc)["a"]), "103493000.0");
  EXPECT_EQ(json_text::number_text((*doc)["b"]), "4.843e-05");
  EXPECT_EQ(json_text::number_text((*doc)["c"]), "17732400590950000");
  EXPECT_EQ(json_text::number_text((*doc)["d"]), "-3");
  json_text::reader r{*doc};
  EXPECT_EQ(r.number("b"), dec("0.00004843"));
  EXPECT_TRUE(r.ok());
  r.number("d", json_text::check::positive);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(json_text::parse("{\"a\":1").ok());
  EXPECT_FALSE(json_text::parse("{\"a\":1} trailing").ok());
  EXPECT_FALSE(json_text::parse("{\"a\":1e999}").ok());
}

TEST(IsoTime, KstOffsetsAndFractions) {
  EXPECT_EQ(parse_iso8601_ns("2026-03-22T21:42:22+09:00"),
            int64_t{1774183342} * 1'000'000'000);
  EXPECT_EQ(parse_iso8601_ns("1970-01-01T00:00:01.5Z"), int64_t{1'500'000'000});
  EXPECT_FALSE(parse_iso8601_ns("2026-03-22").has_value());
  // Four digits reach the year 9999, past what 64-bit ns can hold (2262).
  EXPECT_TRUE(parse_iso8601_ns("2262-04-11T23:47:16Z").has_value());
  EXPECT_FALSE(parse_iso8601_ns("2262-04-11T23:47:17Z").has_value());
  EXPECT_FALSE(parse_iso8601_ns("9999-12-31T23:59:59+09:00").has_value());
  EXPECT_FALSE(parse_iso8601_ns("2026-13-22T21:42:22+09:00").has_value());
}

TEST(IsoTime, CountsToNanosecondsAreChecked) {
  EXPECT_EQ(ms_to_ns(1'774'183'342'123), int64_t{1'774'183'342'123'000'000});
  EXPECT_EQ(s_to_ns(-1), int64_t{-1'000'000'000});
  EXPECT_FALSE(ms_to_ns(9'223'372'036'855).has_value());
  EXPECT_FALSE(s_to_ns(INT64_MIN / 2).has_value());
}

TEST(KoreaSymbols, CodeToInstrumentAndBack) {
  auto x = korea::to_instrument(exchange::bithumb, "KRW-BTC.15");
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->venue, exchange::bithumb);
  EXPECT_EQ(x->base, "BTC");
  EXPECT_EQ(x->quote, "KRW");
  EXPECT_EQ(x->venue_symbol, "KRW-BTC");
  EXPECT_EQ(korea::to_market(*x), "KRW-BTC");
  EXPECT_FALSE(korea::to_instrument(exchange::upbit, "BTCKRW").has_value());
  EXPECT_FALSE(korea::to_instrument(exchange::upbit, "KRW-").has_value());
  EXPECT_FALSE(korea::to_instrument(exchange::upbit, "krw-btc").has_value());
}

TEST(KoreaErrors, ClassifiesByNameAndStatus) {
  struct row { int status; const char* name; venue_errc want; };
  for (auto [status, name, want] : {
         row{400, "insufficient_funds_bid", venue_errc::insufficient_funds},
         row{400, "under_min_total_ask", venue_errc::under_min_total},
         row{400, "invalid_price_ask", venue_errc::invalid_price},
         row{400, "invalid_volume", venue_errc::invalid_volume},
         row{400, "validation_error", venue_errc::bad_request},
         row{401, "nonce_used", venue_errc::auth},
         row{401, "jwt_verification", venue_errc::auth},
         row{401, "NotAllowIP", venue_errc::auth},
         row{403, "blocked_member_id", venue_errc::blocked},
         row{404, "order_not_found", venue_errc::unknown_order},
         row{422, "order_not_ready", venue_errc::order_not_ready},
         row{429, "too_many_requests", venue_errc::rate_limited},
         row{418, "", venue_errc::rate_limited},
         row{500, "", venue_errc::server_error},
       })
    EXPECT_EQ(korea::classify(status, name), want) << name;
}

TEST(KoreaErrors, CheckReply) {
  EXPECT_FALSE(korea::check_reply(200, R"([{"market":"KRW-BTC"}])").has_value());
  EXPECT_FALSE(korea::check_reply(201, R"({"uuid":"x"})").has_value());
  // Bithumb: 2xx with an error body, numeric-looking name.
  auto e = korea::check_reply(200, R"({"error":{"name":5600,"message":"busy"}})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, venue_errc::bad_request);
  EXPECT_EQ(e->name, "5600");
  EXPECT_EQ(e->message, "busy");
  auto limited = korea::check_reply(429, "Too many requests");
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(limited->code, venue_errc::rate_limited);
  auto blocked = korea::check_reply(418, "");
  ASSERT_TRUE(blocked.has_value());
  EXPECT_EQ(blocked->code, venue_errc::rate_limited);
  EXPECT_EQ(blocked->http_status, 418);
  auto gateway = korea::check_reply(502, "<html>bad gateway</html>");
  ASSERT_TRUE(gateway.has_value());
  EXPECT_EQ(gateway->code, venue_errc::server_error);
  auto not_ready = korea::check_reply(
    422, R"({"error":{"name":"order_not_ready","message":"wait"}})");
  ASSERT_TRUE(not_ready.has_value());
  EXPECT_EQ(not_ready->code, venue_errc::order_not_ready);
  EXPECT_TRUE(not_ready->retryable());
  http::response res{401, {{"Remaining-Req", "group=default; min=1800; sec=29"}},
                     R"({"error":{"name":"invalid_query_payload","message":"m"}})"};
  auto auth = korea::check_reply(res);
  ASSERT_TRUE(auth.has_value());
  EXPECT_EQ(auth->code, venue_errc::auth);
  auto rr = korea::parse_remaining_req(res.get("remaining-req"));
  ASSERT_TRUE(rr.has_value());
  EXPECT_EQ(rr->group, "default");
  EXPECT_EQ(rr->sec, 29);
}

TEST(KoreaErrors, RemainingReqHeader) {
  auto a = korea::parse_remaining_req("group=order-test; min=480; sec=7");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->group, "order-test");
  EXPECT_EQ(a->sec, 7);
  auto b = korea::parse_remaining_req("group=crix-trades;sec=0");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->sec, 0);
  EXPECT_FALSE(korea::parse_remaining_req("").has_value());
  EXPECT_FALSE(korea::parse_remaining_req("group=default; min=1800").has_value());
  EXPECT_FALSE(korea::parse_remaining_req("group=default; sec=x").has_value());
  EXPECT_FALSE(korea::parse_remaining_req("garbage").has_value());
}
