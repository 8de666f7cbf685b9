#include "tools/karb-sim/bn_json.hpp"

namespace karb::sim {

bn_format bn_format_for(venue_kind v, size_t market) {
  auto r = binance_rules(v, markets()[market]);
  return {r.price_decimals, r.qty_decimals, 8};
}

ojson spot_order_json(const bn_order& o, spot_shape shape) {
  auto f = bn_format_for(venue_kind::binance_spot, o.market);
  ojson j;
  j["symbol"] = o.symbol;
  if (shape == spot_shape::cancel)
    j["origClientOrderId"] = o.client_id;
  j["orderId"] = o.id;
  j["orderListId"] = -1;
  j["clientOrderId"] = shape == spot_shape::cancel ? o.cancel_client_id
                                                   : o.client_id;
  if (shape != spot_shape::query)
    j["transactTime"] = o.update_time;
  if (shape == spot_shape::ack)
    return j;
  j["price"] = f.p(o.price);
  j["origQty"] = f.q(o.orig_qty);
  j["executedQty"] = f.q(o.executed_qty);
  if (shape == spot_shape::query || shape == spot_shape::cancel)
    j["origQuoteOrderQty"] = f.m(o.orig_quote_qty);
  j["cummulativeQuoteQty"] = f.m(o.cum_quote); // sic, Binance's spelling
  j["status"] = to_string(o.status);
  j["timeInForce"] = o.tif;
  j["type"] = o.type;
  j["side"] = o.buy ? "BUY" : "SELL";
  if (shape == spot_shape::query) {
    j["stopPrice"] = f.p(decimal{});
    j["icebergQty"] = f.q(decimal{});
    j["time"] = o.time;
    j["updateTime"] = o.update_time;
    j["isWorking"] = o.type != "MARKET";
  }
  if (shape != spot_shape::cancel)
    j["workingTime"] = o.type == "MARKET" ? -1 : o.time;
  if (shape == spot_shape::result || shape == spot_shape::full)
    j["origQuoteOrderQty"] = f.m(o.orig_quote_qty);
  j["selfTradePreventionMode"] = "NONE";
  if (shape == spot_shape::full) {
    j["fills"] = ojson::array();
    for (auto& x : o.fills)
      if (!x.maker) // what this request executed
        j["fills"].push_back({{"price", f.p(x.price)},
                              {"qty", f.q(x.qty)},
                              {"commission", f.m(x.commission)},
                              {"commissionAsset", x.commission_asset},
                              {"tradeId", x.trade_id}});
  }
  return j;
}

ojson usdm_order_json(const bn_order& o) {
  auto f = bn_format_for(venue_kind::binance_usdm, o.market);
  ojson j;
  j["orderId"] = o.id;
  j["symbol"] = o.symbol;
  j["status"] = to_string(o.status);
  j["clientOrderId"] = o.client_id;
  j["price"] = f.p(o.price);
  j["avgPrice"] = f.p(o.avg_price());
  j["origQty"] = f.q(o.orig_qty);
  j["executedQty"] = f.q(o.executed_qty);
  j["cumQty"] = f.q(o.executed_qty);
  j["cumQuote"] = f.m(o.cum_quote);
  j["timeInForce"] = o.tif;
  j["type"] = o.type;
  j["reduceOnly"] = o.reduce_only;
  j["closePosition"] = false;
  j["side"] = o.buy ? "BUY" : "SELL";
  j["positionSide"] = "BOTH";
  j["stopPrice"] = "0";
  j["workingType"] = "CONTRACT_PRICE";
  j["priceProtect"] = false;
  j["origType"] = o.type;
  j["priceMatch"] = "NONE";
  j["selfTradePreventionMode"] = "NONE";
  j["goodTillDate"] = 0;
  j["time"] = o.time;
  j["updateTime"] = o.update_time;
  return j;
}

ojson trade_row_json(venue_kind v, const bn_order& o, const bn_fill& x) {
  auto f = bn_format_for(v, o.market);
  ojson j;
  j["symbol"] = o.symbol;
  j["id"] = x.trade_id;
  j["orderId"] = o.id;
  if (v == venue_kind::binance_spot)
    j["orderListId"] = -1;
  else
    j["side"] = o.buy ? "BUY" : "SELL";
  j["price"] = f.p(x.price);
  j["qty"] = f.q(x.qty);
  j["quoteQty"] = f.m(x.quote);
  j["commission"] = f.m(x.commission);
  j["commissionAsset"] = x.commission_asset;
  j["time"] = x.at;
  if (v == venue_kind::binance_spot) {
    j["isBuyer"] = o.buy;
    j["isMaker"] = x.maker;
    j["isBestMatch"] = true;
  } else {
    j["realizedPnl"] = f.m(x.realized_pnl);
    j["marginAsset"] = "USDT";
    j["positionSide"] = "BOTH";
    j["buyer"] = o.buy;
    j["maker"] = x.maker;
  }
  return j;
}

std::string bn_error_body(int code, const std::string& msg) {
  return ojson{{"code", code}, {"msg", msg}}.dump();
}

} // namespace karb::sim
