// A public frame that decodes as `error` says why (the `reason` of the
// feed's `frame_dropped` log event), per venue, through the decoder the
// feed runs: short, naming fields, never quoting the frame's values.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "exchanges/binance/protocol.hpp"
#include "exchanges/bybit/protocol.hpp"
#include "exchanges/korea/protocol.hpp"

using namespace karb;
using venue::feed_kind;

namespace {

struct dropped {
  std::string frame;
  std::string reason; ///< expected exactly; empty: any, but not blank
};

/// Decodes each frame with one decoder (the feed reuses its item, so a
/// reason must not leak from one frame into the next) and checks the
/// reason; `secret` is a value in the frames that must not be quoted.
void expect_reasons(exchange venue, venue::venue_protocol protocol,
                    const std::vector<dropped>& frames,
                    const std::string& secret) {
  auto decoder = protocol.make_feed_decoder();
  venue::feed_item item;
  for (const auto& [frame, reason] : frames) {
    item.error = "left over";
    ASSERT_EQ(decoder->decode(frame, 1, item), feed_kind::error)
      << to_string(venue) << ": " << frame;
    EXPECT_NE(item.error, "left over") << frame;
    EXPECT_FALSE(item.error.empty()) << frame;
    if (!reason.empty())
      EXPECT_EQ(item.error, reason) << frame;
    EXPECT_EQ(item.error.find(secret), std::string::npos)
      << item.error << " quotes the frame";
  }
}

} // namespace

TEST(FrameDropReason, Upbit) {
  expect_reasons(
    exchange::upbit, korea::korea_protocol(exchange::upbit),
    {{"not json 777", "invalid JSON"},
     {R"({"error":{"name":"WRONG_FORMAT","message":"777"}})",
      "venue error frame"},
     // A control byte in a key (karb-sim's bad_frames fault), then a
     // mangled key that is still JSON.
     {"{\"\x01type\":\"orderbook\",\"code\":\"KRW-BTC\",\"timestamp\":777}",
      "invalid JSON"},
     {R"({"Xtype":"orderbook","code":"KRW-BTC","timestamp":777})",
      "frame: unknown type"},
     {R"({"type":"orderbook","code":"KRW-BTC","timestamp":777,)"
      R"("orderbook_units":[{"ask_price":-777,"bid_price":1,)"
      R"("ask_size":1,"bid_size":1}]})",
      ""}},
    "777");
}

TEST(FrameDropReason, Bithumb) {
  expect_reasons(
    exchange::bithumb, korea::korea_protocol(exchange::bithumb),
    {{"[777]", "frame: expected an object"},
     {R"({"type":"nonsense","code":"KRW-BTC","timestamp":777})",
      "frame: unknown type"},
     {R"({"type":"orderbook","code":"KRW-BTC","timestamp":"777"})", ""}},
    "777");
}

TEST(FrameDropReason, BinanceSpot) {
  expect_reasons(
    exchange::binance_spot, binance::binance_protocol(exchange::binance_spot),
    {{"not json 777", "not a JSON object"},
     {R"({"code":2,"msg":"Invalid request 777"})", "venue error frame"},
     {R"({"e":"depthUpdate","E":777,"s":"BTCUSDT","U":1,"b":[],"a":[]})",
      "depthUpdate: missing field 'u'"},
     {R"({"e":"depthUpdate","E":777,"s":"BTCUSDT","U":1,"u":2,)"
      R"("b":[["-777","1"]],"a":[]})",
      "depthUpdate: bad price level"},
     {R"({"e":"depthUpdate","E":99999999999999777,"s":"BTCUSDT","U":1,)"
      R"("u":2,"b":[],"a":[]})",
      "depthUpdate: field 'E' is out of range as a time"}},
    "777");
}

TEST(FrameDropReason, BinanceUsdmMark) {
  expect_reasons(
    exchange::binance_usdm, binance::binance_protocol(exchange::binance_usdm),
    {{R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"777","i":"1",)"
      R"("r":"0.0001"})",
      "markPriceUpdate: missing field 'T'"}},
    "777");
}

TEST(FrameDropReason, Bybit) {
  expect_reasons(
    exchange::bybit_linear, bybit::bybit_protocol(exchange::bybit_linear),
    {{"not json 777", "not a JSON object"},
     {R"({"success":false,"ret_msg":"777","op":"subscribe"})",
      "request refused (success false)"},
     {R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":777})",
      "orderbook: missing field 'data'"},
     {R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":777,)"
      R"("data":{"s":"BTCUSDT","b":[["-777","1"]],"a":[],"u":2}})",
      "orderbook.data: bad price level"},
     {R"({"topic":"tickers.BTCUSDT","ts":1,)"
      R"("data":{"symbol":"BTCUSDT","markPrice":"-777"}})",
      "tickers.data: field 'markPrice' must be positive"}},
    "777");
}
