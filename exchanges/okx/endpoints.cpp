#include "exchanges/okx/endpoints.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/okx/bills_parse.hpp"
#include "exchanges/okx/client_id.hpp"
#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

namespace {

using body_json = nlohmann::ordered_json;

venue_error refuse(std::string name, std::string message) {
  return venue_error{venue_errc::bad_request, 0, std::move(name),
                     std::move(message)};
}

std::string_view ord_type(order_type t) {
  switch (t) {
    case order_type::market: return "market";
    case order_type::ioc: return "ioc";
    case order_type::fok: return "fok";
    case order_type::limit: break;
  }
  return "limit";
}

/// An id as sent: encoded; one that cannot be encoded is sent as is (it
/// can name no order placed by karb: the venue answers that it does not
/// know it).
std::string venue_client_id(std::string_view ours) {
  auto id = encode_client_id(ours);
  return id ? std::move(*id) : std::string{ours};
}

/// The size to send: base units on spot, contracts on swap.
result<std::string> size_text(exchange venue,
                              const venue::contract_size_fn& sizes,
                              std::string_view inst_id, decimal base) {
  if (venue != exchange::okx_swap)
    return base.to_string();
  auto size = contract_size(sizes, inst_id);
  if (!size)
    return size.error();
  auto n = to_contracts(base, *size);
  if (!n)
    return n.error();
  return n->to_string();
}

http::request post(std::string_view path, const body_json& body,
                   const credentials& c, const signing_context& ctx) {
  return signed_request("POST", path, {}, body.dump(), c, ctx);
}

} // namespace

http::request server_time() {
  return public_request("/api/v5/public/time");
}

http::request instruments(exchange venue) {
  return public_request("/api/v5/public/instruments",
                        {{"instType", std::string{inst_type(venue)}}});
}

http::request books(std::string_view inst_id, int depth) {
  return public_request("/api/v5/market/books",
                        {{"instId", std::string{inst_id}},
                         {"sz", std::to_string(depth)}});
}

http::request market_ticker(std::string_view inst_id) {
  return public_request("/api/v5/market/ticker",
                        {{"instId", std::string{inst_id}}});
}

http::request current_funding(std::string_view inst_id) {
  return public_request("/api/v5/public/funding-rate",
                        {{"instId", std::string{inst_id}}});
}

http::request funding_history(std::string_view inst_id, int limit) {
  return public_request("/api/v5/public/funding-rate-history",
                        {{"instId", std::string{inst_id}},
                         {"limit", std::to_string(limit)}});
}

result<std::string> order_body(exchange venue,
                               const venue::contract_size_fn& sizes,
                               const order_request& r) {
  bool swap = venue == exchange::okx_swap;
  auto inst_id = market_code(r.symbol);
  if (r.reduce_only && !swap)
    return refuse("reduce_only_on_spot", "spot orders cannot be reduce-only");
  body_json b;
  b["instId"] = inst_id;
  b["tdMode"] = swap ? "cross" : "cash";
  b["side"] = r.order_side == side::buy ? "buy" : "sell";
  b["ordType"] = ord_type(r.type);
  if (r.type == order_type::market && r.quote_amount) {
    if (r.order_side != side::buy)
      return refuse("quote_amount_sell",
                    "a quote-sized market order must be a buy");
    if (swap)
      return refuse("quote_amount_swap",
                    "OKX swap orders are sized in contracts; quote-sized "
                    "market buys are not supported");
    if (!r.price.is_positive())
      return refuse("bad_quote_amount", "quote amount must be positive");
    b["sz"] = r.price.to_string();
    b["tgtCcy"] = "quote_ccy";
  } else {
    if (!r.amount.is_positive())
      return refuse("bad_quantity", "quantity must be positive");
    auto sz = size_text(venue, sizes, inst_id, r.amount);
    if (!sz)
      return sz.error();
    b["sz"] = std::move(*sz);
    if (r.type == order_type::market) {
      if (!swap)
        b["tgtCcy"] = "base_ccy";
    } else {
      if (!r.price.is_positive())
        return refuse("bad_price", "limit price must be positive");
      b["px"] = r.price.to_string();
    }
  }
  if (r.reduce_only)
    b["reduceOnly"] = true;
  if (!r.client_order_id.empty()) {
    auto id = encode_client_id(r.client_order_id);
    if (!id)
      return id.error();
    b["clOrdId"] = std::move(*id);
  }
  return b.dump();
}

result<http::request> place(exchange venue,
                            const venue::contract_size_fn& sizes,
                            const credentials& c, const signing_context& ctx,
                            const order_request& r) {
  auto body = order_body(venue, sizes, r);
  if (!body)
    return body.error();
  return signed_request("POST", "/api/v5/trade/order", {}, std::move(*body),
                        c, ctx);
}

http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view inst_id, std::string_view client_id) {
  body_json b;
  b["instId"] = inst_id;
  b["clOrdId"] = venue_client_id(client_id);
  return post("/api/v5/trade/cancel-order", b, c, ctx);
}

result<http::request> amend(exchange venue,
                            const venue::contract_size_fn& sizes,
                            const credentials& c, const signing_context& ctx,
                            std::string_view inst_id,
                            std::string_view client_id,
                            const decimal& new_price,
                            const decimal& new_quantity) {
  if (!new_price.is_positive() && !new_quantity.is_positive())
    return refuse("empty_amend", "an amend needs a new price or quantity");
  auto id = encode_client_id(client_id);
  if (!id)
    return id.error();
  body_json b;
  b["instId"] = inst_id;
  b["clOrdId"] = std::move(*id);
  if (new_price.is_positive())
    b["newPx"] = new_price.to_string();
  if (new_quantity.is_positive()) {
    auto sz = size_text(venue, sizes, inst_id, new_quantity);
    if (!sz)
      return sz.error();
    b["newSz"] = std::move(*sz);
  }
  return post("/api/v5/trade/amend-order", b, c, ctx);
}

http::request order_details(const credentials& c, const signing_context& ctx,
                            std::string_view inst_id,
                            std::string_view client_id) {
  return signed_request("GET", "/api/v5/trade/order",
                        {{"instId", std::string{inst_id}},
                         {"clOrdId", venue_client_id(client_id)}},
                        {}, c, ctx);
}

http::request orders_pending(const credentials& c, const signing_context& ctx,
                             std::string_view inst_id) {
  return signed_request("GET", "/api/v5/trade/orders-pending",
                        {{"instId", std::string{inst_id}}}, {}, c, ctx);
}

http::request orders_history(exchange venue, const credentials& c,
                             const signing_context& ctx,
                             std::string_view inst_id) {
  return signed_request("GET", "/api/v5/trade/orders-history",
                        {{"instType", std::string{inst_type(venue)}},
                         {"instId", std::string{inst_id}}},
                        {}, c, ctx);
}

http::request account_balance(const credentials& c,
                              const signing_context& ctx) {
  return signed_request("GET", "/api/v5/account/balance", {}, {}, c, ctx);
}

http::request account_positions(const credentials& c,
                                const signing_context& ctx) {
  return signed_request("GET", "/api/v5/account/positions",
                        {{"instType", "SWAP"}}, {}, c, ctx);
}

http::request funding_bills(const credentials& c, const signing_context& ctx,
                            std::string_view inst_id, int64_t since_ms) {
  params ps{{"instType", "SWAP"},
            {"type", std::string{funding_bill_type}},
            {"begin", std::to_string(since_ms)},
            {"limit", std::to_string(bills_page)}};
  if (!inst_id.empty())
    ps.emplace_back("instId", std::string{inst_id});
  return signed_request("GET", "/api/v5/account/bills", ps, {}, c, ctx);
}

http::request set_net_mode(const credentials& c, const signing_context& ctx) {
  body_json b;
  b["posMode"] = "net_mode";
  return post("/api/v5/account/set-position-mode", b, c, ctx);
}

http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view inst_id, int leverage,
                           bool isolated) {
  body_json b;
  b["instId"] = inst_id;
  b["lever"] = std::to_string(leverage);
  b["mgnMode"] = isolated ? "isolated" : "cross";
  return post("/api/v5/account/set-leverage", b, c, ctx);
}

} // namespace karb::okx
