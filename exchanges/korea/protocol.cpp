// The Upbit / Bithumb API 2.0 protocol table, built from exchanges/upbit,
// exchanges/bithumb and exchanges/korea.

#include "exchanges/korea/protocol.hpp"

#include <stdexcept>
#include <variant>

#include "exchanges/bithumb/endpoints.hpp"
#include "exchanges/common/jwt.hpp"
#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"
#include "exchanges/korea/ws_build.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "exchanges/korea/symbols.hpp"
#include "exchanges/upbit/endpoints.hpp"

namespace karb::korea {

using namespace venue;

namespace {

/// Book frames through the simdjson decoder; anything else (status, error,
/// other types) through the general parser to tell `other` from `error`.
class korea_feed_decoder final : public feed_decoder {
public:
  explicit korea_feed_decoder(exchange venue) : venue_(venue), books_(venue) {
    // nop
  }

  feed_kind decode(std::string_view text, int64_t recv_ns,
                   feed_item& item) override {
    auto& out = item.book;
    if (books_.decode(text, recv_ns, out))
      return feed_kind::book;
    item.error.clear();
    auto f = korea::parse_frame(text, venue_, recv_ns);
    if (!f) {
      item.error = f.error().message; // names fields, never values
      return feed_kind::error;
    }
    auto k = korea::kind_of(*f);
    if (k == korea::frame_kind::error) {
      item.error = "venue error frame";
      return feed_kind::error;
    }
    if (k == korea::frame_kind::book) { // decoder refused, parser did not
      out = std::get<order_book>(std::move(*f));
      return feed_kind::book;
    }
    return feed_kind::other;
  }

private:
  exchange venue_;
  korea::book_decoder books_;
};

private_frame parse_private(exchange venue, std::string_view text,
                            int64_t recv_ns) {
  private_frame out;
  auto f = korea::parse_frame(text, venue, recv_ns);
  if (!f) {
    out.kind = private_frame::failure;
    out.error = to_string(f.error());
    return out;
  }
  switch (korea::kind_of(*f)) {
    case korea::frame_kind::order_update: {
      auto& u = std::get<korea::order_update>(*f);
      out.kind = private_frame::order;
      out.update.state = std::move(u.o);
      if (u.has_fill)
        out.update.fills.push_back(std::move(u.f));
      out.update.origin = "stream";
      out.update.ts_recv_ns = recv_ns;
      break;
    }
    case korea::frame_kind::assets:
      out.kind = private_frame::assets;
      out.balances = std::move(std::get<korea::asset_update>(*f).balances);
      break;
    case korea::frame_kind::error:
      out.kind = private_frame::failure;
      out.error = to_string(std::get<venue_error>(*f));
      break;
    default:
      out.kind = private_frame::other;
  }
  return out;
}

std::string path_of(std::string_view target) {
  return std::string{target.substr(0, target.find('?'))};
}

std::string upbit_group(std::string_view method, std::string_view target) {
  auto path = path_of(target);
  if (path == "/v1/market/all")
    return "market";
  if (path.starts_with("/v1/ticker"))
    return "ticker";
  if (path.starts_with("/v1/orderbook"))
    return "orderbook";
  if (path.starts_with("/v1/trades"))
    return "crix-trades";
  if (method == "POST" && path == "/v1/orders")
    return "order";
  return "default";
}

std::string bithumb_group(std::string_view method, std::string_view target) {
  auto path = path_of(target);
  if (path.starts_with("/v1/ticker"))
    return "ticker";
  if (path.starts_with("/v1/orderbook"))
    return "orderbook";
  if (path.starts_with("/v1/trades"))
    return "trades";
  if (path == "/v1/market/all")
    return "public";
  if (method == "POST")
    return "order";
  if (method == "DELETE")
    return "cancel";
  return "private";
}

/// The placement call shared by both venues (same builder signatures).
template <class Limit, class Buy, class Sell>
result<http::request> place_with(Limit limit, Buy buy, Sell sell,
                                 const credentials& c,
                                 const signing_context& ctx,
                                 const order_request& r,
                                 const std::string& market) {
  if (r.type == order_type::limit)
    return limit(c, ctx, market, r.order_side, r.amount, r.price,
                 r.client_order_id);
  if (r.type == order_type::market && r.order_side == side::buy
      && r.quote_amount)
    return buy(c, ctx, market, r.price, r.client_order_id);
  if (r.type == order_type::market && r.order_side == side::sell)
    return sell(c, ctx, market, r.amount, r.client_order_id);
  return venue_error{venue_errc::bad_request, 0, "unsupported_order",
                     "order type/side combination not supported"};
}

std::string market_of(const instrument& x) {
  return x.venue_symbol.empty() ? korea::to_market(x) : x.venue_symbol;
}

/// Client ids are unique per account here: the market is not needed.
template <class F>
auto by_client_id(F f) {
  return [f](const credentials& c, const signing_context& ctx,
             std::string_view, std::string_view client_id) {
    return f(c, ctx, client_id);
  };
}

result<order_book> first_book(result<std::vector<order_book>> r) {
  if (!r)
    return r.error();
  if (r->empty())
    return malformed("no book in the reply");
  return std::move(r->front());
}

} // namespace

venue_protocol korea_protocol(exchange venue) {
  if (venue != exchange::upbit && venue != exchange::bithumb)
    throw std::invalid_argument("korea_protocol: not an Upbit-family venue");
  bool up = venue == exchange::upbit;
  venue_protocol p;
  p.venue = venue;
  p.book_subscription = [](const std::vector<std::string>& codes) {
    return std::vector<std::string>{
      korea::subscribe_request("karb-feed", {{"orderbook", codes}})};
  };
  p.private_subscription = [](const credentials&, const signing_context&) {
    return std::vector<std::string>{korea::private_request("karb-private")};
  };
  p.make_feed_decoder = [venue] {
    return std::unique_ptr<feed_decoder>(new korea_feed_decoder(venue));
  };
  p.parse_private = [venue](std::string_view text, int64_t ns) {
    return parse_private(venue, text, ns);
  };
  auto scheme = up ? upbit::auth : bithumb::auth;
  p.private_auth = [scheme](const credentials& c, const signing_context& ctx) {
    jwt::claims claims{c.access_key, ctx.nonce,
                       scheme.with_timestamp ? ctx.timestamp_ms : 0, ""};
    return "Bearer "
           + jwt::make_token(scheme.algorithm, claims, c.secret_key.reveal());
  };
  p.market_code = market_of;
  p.check_reply = [](const http::response& r) { return korea::check_reply(r); };
  p.parse_order = [venue](std::string_view b) {
    return korea::parse_order(b, venue);
  };
  p.parse_orders = [venue](std::string_view b) {
    return korea::parse_orders(b, venue);
  };
  p.parse_balances = [venue](std::string_view b) {
    return korea::parse_accounts(b, venue);
  };
  p.parse_snapshot = [venue](std::string_view b) {
    return first_book(korea::parse_orderbooks(b, venue));
  };
  p.budget_header = "Remaining-Req";
  p.read_budget = [](std::string_view value) -> std::optional<budget_report> {
    auto r = korea::parse_remaining_req(value);
    if (!r)
      return std::nullopt;
    return budget_report{r->group, r->sec};
  };
  if (up) {
    p.place = [](const credentials& c, const signing_context& ctx,
                 const order_request& r) {
      return place_with(upbit::place_limit, upbit::market_buy,
                        upbit::market_sell, c, ctx, r, market_of(r.symbol));
    };
    p.cancel = by_client_id(upbit::cancel_by_identifier);
    p.lookup = by_client_id(upbit::order_by_identifier);
    p.balances = upbit::accounts;
    p.snapshot = [](std::string_view m) {
      return upbit::orderbook({std::string{m}});
    };
    p.open_orders = upbit::open_orders;
    p.recent_orders = upbit::recent_orders;
    p.rate_groups = {{"order", 8},  {"default", 30},    {"orderbook", 10},
                     {"ticker", 10}, {"crix-trades", 10}, {"market", 10}};
    p.rate_group_of = upbit_group;
  } else {
    p.place = [](const credentials& c, const signing_context& ctx,
                 const order_request& r) {
      return place_with(bithumb::place_limit, bithumb::market_buy,
                        bithumb::market_sell, c, ctx, r, market_of(r.symbol));
    };
    p.cancel = by_client_id(bithumb::cancel_by_client_id);
    p.lookup = by_client_id(bithumb::order_by_client_id);
    p.balances = bithumb::accounts;
    p.snapshot = [](std::string_view m) {
      return bithumb::orderbook({std::string{m}});
    };
    p.open_orders = bithumb::open_orders;
    p.recent_orders = bithumb::recent_orders;
    p.rate_groups = {{"order", 140},    {"cancel", 140}, {"private", 140},
                     {"orderbook", 150}, {"ticker", 150}, {"trades", 150},
                     {"public", 150}};
    p.rate_group_of = bithumb_group;
  }
  return p;
}

} // namespace karb::korea
