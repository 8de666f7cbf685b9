#pragma once

// Messages karb sends on Binance WebSockets (exchanges.md §3.3, §4.2).
//
// Market streams: `{"method":"SUBSCRIBE","params":[...],"id":N}` with
// lowercase stream names: `<symbol>@depth@100ms` for the books and, on
// USD-M, `<symbol>@markPrice@1s` in a second message. Since 2026-04 USD-M
// serves depth on the `/public` path and mark price on `/market`; a stream
// sent to the wrong path subscribes silently and never delivers, so the
// two messages belong on their two connections.
//
// Spot user data: the REST listen keys are retired; the WebSocket API
// request `userDataStream.subscribe.signature` subscribes with an HMAC key
// on any connection: params apiKey, recvWindow, timestamp and signature,
// the HMAC-SHA256 hex of the other params sorted by name as a query string
// ("apiKey=...&recvWindow=5000&timestamp=..."). The venue answers
// `{"id":..,"status":200,"result":{"subscriptionId":N}}` and then pushes
// `{"subscriptionId":N,"event":{...}}`.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/signing_context.hpp"
#include "messages/enums.hpp"

namespace karb::binance {

/// The diff-depth stream name of a symbol: "btcusdt@depth@100ms".
std::string depth_stream(std::string_view code);
/// The mark price stream name of a symbol: "btcusdt@markPrice@1s".
std::string mark_price_stream(std::string_view code);

/// A SUBSCRIBE message for `streams`.
std::string subscribe_message(const std::vector<std::string>& streams, int id);

/// The depth streams of `codes` (one SUBSCRIBE message).
std::vector<std::string> book_subscription(const std::vector<std::string>& codes);

/// The mark price streams of `codes` (USD-M; on the real venue they are
/// served on the /market path, the depth streams on /public).
std::vector<std::string> mark_subscription(const std::vector<std::string>& codes);

/// The signed `userDataStream.subscribe.signature` request (spot). Its id
/// is `ctx.nonce` (a fresh UUID), or "karb-user-stream" without one.
std::string user_stream_subscription(const credentials& c,
                                     const signing_context& ctx);

} // namespace karb::binance
