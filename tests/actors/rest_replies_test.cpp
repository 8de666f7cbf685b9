// What a REST reply means for an order request (actors/venue/rest_replies):
// only the venue's own documented refusal rejects a place; a gateway's page,
// a 5xx, a cut or garbled reply after the write leave the order open.

#include <gtest/gtest.h>

#include "exchanges/korea/protocol.hpp"
#include "exchanges/registry.hpp"
#include "actors/venue/rest_replies.hpp"
#include "exchanges/common/net_types.hpp"

using namespace karb;
using namespace karb::venue;

namespace {

constexpr const char* nginx_502
  = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>"
    "502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

constexpr const char* accepted_order
  = R"({"uuid":"82fe9b72-eb0f-462b-8e0e-e74ad844acea","side":"bid",)"
    R"("ord_type":"limit","price":"10000000","state":"wait",)"
    R"("market":"KRW-BTC","created_at":"2026-03-22T21:42:22+09:00",)"
    R"("volume":"0.0005","remaining_volume":"0.0005","paid_fee":"0",)"
    R"("executed_volume":"0","trades_count":0,"identifier":"karb-T1-0-1"})";

http_reply reply(int status, std::string body) {
  http_reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

http_reply broken(net::error_kind k) {
  http_reply r;
  r.error = static_cast<uint8_t>(k);
  r.error_message = "cut";
  return r;
}

class rest_replies : public ::testing::Test {
protected:
  venue_protocol up = korea::korea_protocol(exchange::upbit);
  venue_protocol bt = korea::korea_protocol(exchange::bithumb);
};

} // namespace

TEST_F(rest_replies, AGatewayPageAfterAPlaceLeavesTheOrderOpen) {
  for (int status : {502, 503, 504}) {
    auto ack = to_ack(call_kind::place, reply(status, nginx_502), up);
    EXPECT_EQ(ack.kind, ack_kind::maybe_sent) << status;
    EXPECT_EQ(ack.error_code, "http_" + std::to_string(status));
    EXPECT_EQ(ack.http_status, status);
  }
  // The same page for a cancel: its outcome is open too.
  EXPECT_EQ(to_ack(call_kind::cancel, reply(502, nginx_502), up).kind,
            ack_kind::maybe_sent);
  // For a lookup it is no answer at all: ask again.
  EXPECT_EQ(to_ack(call_kind::lookup, reply(502, nginx_502), up).kind,
            ack_kind::not_sent);
}

TEST_F(rest_replies, EmptyOrForeignBodiesAreNotTheVenuesWord) {
  EXPECT_EQ(to_ack(call_kind::place, reply(500, ""), up).kind,
            ack_kind::maybe_sent);
  EXPECT_EQ(to_ack(call_kind::place, reply(400, "Bad Request"), up).kind,
            ack_kind::maybe_sent);
  // JSON, but not the venue's error shape (no error name).
  EXPECT_EQ(to_ack(call_kind::place, reply(400, R"({"error":{}})"), up).kind,
            ack_kind::maybe_sent);
  EXPECT_EQ(to_ack(call_kind::place, reply(429, "Too Many Requests"), up).kind,
            ack_kind::maybe_sent);
}

TEST_F(rest_replies, TheVenuesDocumentedRefusalRejects) {
  auto funds = to_ack(
    call_kind::place,
    reply(400, R"({"error":{"name":"insufficient_funds_bid","message":"x"}})"),
    up);
  EXPECT_EQ(funds.kind, ack_kind::rejected);
  EXPECT_EQ(funds.error_code, "insufficient_funds_bid");
  auto tick = to_ack(
    call_kind::place,
    reply(400, R"({"error":{"name":"invalid_price_bid","message":"x"}})"), bt);
  EXPECT_EQ(tick.kind, ack_kind::rejected);
  auto limited = to_ack(
    call_kind::place,
    reply(429, R"({"error":{"name":"too_many_requests","message":"x"}})"),
    up);
  EXPECT_EQ(limited.kind, ack_kind::rejected);
}

TEST_F(rest_replies, AVenueErrorThatDoesNotRefuseLeavesThePlaceOpen) {
  // The venue's own 5xx: it may have processed the order.
  EXPECT_EQ(
    to_ack(call_kind::place,
           reply(500, R"({"error":{"name":"server_error","message":"x"}})"),
           up)
      .kind,
    ack_kind::maybe_sent);
  // An order with this client id exists already: find it.
  EXPECT_EQ(
    to_ack(
      call_kind::place,
      reply(400, R"({"error":{"name":"duplicate_identifier","message":"x"}})"),
      up)
      .kind,
    ack_kind::maybe_sent);
}

TEST_F(rest_replies, OnlyTheDocumentedNotFoundSaysTheVenueLacksTheOrder) {
  auto documented
    = reply(404, R"({"error":{"name":"order_not_found","message":"x"}})");
  EXPECT_EQ(to_ack(call_kind::lookup, documented, up).kind,
            ack_kind::not_found);
  EXPECT_EQ(to_ack(call_kind::cancel, documented, up).kind,
            ack_kind::not_found);
  // A bare 404 (a proxy's page) says nothing about the order.
  EXPECT_EQ(to_ack(call_kind::lookup, reply(404, "<html>404</html>"), up).kind,
            ack_kind::not_sent);
  EXPECT_EQ(to_ack(call_kind::cancel, reply(404, ""), up).kind,
            ack_kind::maybe_sent);
}

TEST_F(rest_replies, ACutOrGarbledReplyAfterTheWriteIsMaybeSent) {
  EXPECT_EQ(to_ack(call_kind::place, broken(net::error_kind::maybe_sent), up)
              .kind,
            ack_kind::maybe_sent);
  EXPECT_EQ(to_ack(call_kind::place, broken(net::error_kind::connect), up)
              .kind,
            ack_kind::not_sent);
  // A 201 whose body was cut in half.
  std::string cut{accepted_order};
  cut.resize(cut.size() / 2);
  auto ack = to_ack(call_kind::place, reply(201, cut), up);
  EXPECT_EQ(ack.kind, ack_kind::maybe_sent);
  EXPECT_EQ(ack.error_code, "malformed");
}

TEST_F(rest_replies, TheOrderObjectIsAccepted) {
  auto ack = to_ack(call_kind::place, reply(201, accepted_order), up);
  ASSERT_EQ(ack.kind, ack_kind::accepted);
  EXPECT_EQ(ack.state.client_order_id, "karb-T1-0-1");
  EXPECT_EQ(ack.state.status, order_status::open);
  EXPECT_EQ(ack.state.amount, dec("0.0005"));
}

TEST_F(rest_replies, ABybitLookupListingNoOrderIsNotFoundButAPlaceStaysOpen) {
  auto by = protocol_for(exchange::bybit_spot);
  auto empty = reply(200, R"({"retCode":0,"retMsg":"OK","result":)"
                          R"({"category":"spot","list":[]},)"
                          R"("retExtInfo":{},"time":1672211918471})");
  auto found = to_ack(call_kind::lookup, empty, by);
  EXPECT_EQ(found.kind, ack_kind::not_found);
  // The same body after a place proves nothing about the order.
  EXPECT_EQ(to_ack(call_kind::place, empty, by).kind, ack_kind::maybe_sent);
}
