// The node's API server on any bytes: Beast's request parser with the
// server's limits (server_limits), then, for a complete request, the
// router over a fixed snapshot board, as a session does. A control runs
// against a stub that answers at once. No sockets.
//
// Checks: every request is answered exactly once, with a valid status.

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "actors/api/beast_request.hpp"
#include "actors/api/router.hpp"
#include "actors/api/server.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;

namespace {

std::shared_ptr<api::snapshot_board> fixed_board() {
  auto b = std::make_shared<api::snapshot_board>(8);
  b->put("status", R"({"node":"fuzz","uptime_ms":5,"children":[
    {"name":"book","running":true}]})");
  b->put("orders", R"({"orders":[{"client_order_id":"o-1","side":"buy"}],
    "recent":[{"client_order_id":"o-2"}]})");
  b->put("book:upbit:KRW-BTC", R"({"bids":[["1","2"]],"asks":[]})");
  b->put("spread:upbit-bithumb:BTC", R"({"a_to_b_bp":"3"})");
  b->put("opportunities", R"({"items":[{"r":3},{"r":2},{"r":1}]})");
  b->put("balances", R"({"upbit":{"KRW":"1000"}})");
  for (int i = 0; i < 3; ++i)
    b->append("events", R"({"type":"fuzz"})");
  b->append("alerts", R"({"type":"risk_alert"})");
  return b;
}

const api::router& fixed_router() {
  static const api::router r{api::router_setup{
    fixed_board(),
    [](std::vector<std::string> args, api::control_done done) {
      done(args.empty() || args[0] == "fail" ? R"({"error":"refused"})"
                                             : R"({"ok":true})");
    },
    secret{"fuzz-token"},
    false,
    [] { return std::string{"karb_up 1\n"}; }}};
  return r;
}

} // namespace

KARB_FUZZ_TARGET(api_http) {
  namespace http = boost::beast::http;
  const api::server_limits limits;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  boost::beast::error_code ec;
  auto input = boost::asio::const_buffer(data, size);
  while (input.size() > 0 && !parser.is_done()) {
    auto used = parser.put(input, ec);
    if (ec == http::error::need_more)
      break;
    if (ec)
      return;
    if (used == 0)
      break;
    input += used;
  }
  if (!parser.is_done()) {
    // The end of the stream, as a session's read sees it (a stream that
    // sent nothing is no request).
    if (!parser.got_some())
      return;
    parser.put_eof(ec);
    if (ec || !parser.is_done())
      return;
  }
  auto request = api::to_request(parser.get());
  int answers = 0;
  fixed_router().handle(request, [&](api::http_response r) {
    ++answers;
    KARB_FUZZ_CHECK(r.status >= 100 && r.status <= 599);
  });
  KARB_FUZZ_CHECK(answers == 1);
}
