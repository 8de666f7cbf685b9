// myOrder / myAsset frames of the private WebSocket.

#include "tools/karb-sim/ws_feed.hpp"

namespace karb::sim {

std::string my_order_frame(const order_event& e, ws_format f, time_ms now) {
  const auto& o = e.snapshot;
  quote_style s{true, f == ws_format::simple, false};
  json_writer w;
  w.begin_object();
  w.kv(s.k("type", "ty"), "myOrder");
  w.kv(s.k("code", "cd"), o.market);
  w.kv(s.k("uuid", "uid"), o.uuid);
  w.kv(s.k("ask_bid", "ab"), o.bid ? "BID" : "ASK");
  w.kv(s.k("order_type", "ot"), o.ord_type);
  const char* state = e.last_fill ? "trade" : to_string(o.state);
  w.kv(s.k("state", "s"), state);
  if (e.last_fill)
    w.kv(s.k("trade_uuid", "tuid"), e.last_fill->uuid);
  else
    w.key(s.k("trade_uuid", "tuid")).null();
  if (e.last_fill)
    w.kv(s.k("price", "p"), e.last_fill->price);
  else
    w.kv(s.k("price", "p"), o.price.value_or(decimal{}));
  decimal avg = o.executed_volume.is_positive()
                  ? ddiv(o.executed_funds, o.executed_volume) : decimal{};
  w.kv(s.k("avg_price", "ap"), avg);
  if (e.last_fill)
    w.kv(s.k("volume", "v"), e.last_fill->volume);
  else
    w.kv(s.k("volume", "v"), o.volume.value_or(decimal{}));
  w.kv(s.k("remaining_volume", "rv"), o.remaining_volume);
  w.kv(s.k("executed_volume", "ev"), o.executed_volume);
  w.kv_i(s.k("trades_count", "tc"), static_cast<int64_t>(
    o.trades.size()));
  w.kv(s.k("reserved_fee", "rsf"), o.reserved_fee);
  w.kv(s.k("remaining_fee", "rmf"), o.remaining_fee);
  w.kv(s.k("paid_fee", "pf"), o.paid_fee);
  w.kv(s.k("locked", "l"), o.locked);
  w.kv(s.k("executed_funds", "ef"), o.executed_funds);
  if (o.time_in_force.empty())
    w.key(s.k("time_in_force", "tif")).null();
  else
    w.kv(s.k("time_in_force", "tif"), o.time_in_force);
  if (e.last_fill) {
    w.kv(s.k("trade_fee", "tf"), e.last_fill->fee);
    w.kv_b(s.k("is_maker", "im"), e.last_fill->maker);
  } else {
    w.key(s.k("trade_fee", "tf")).null();
    w.key(s.k("is_maker", "im")).null();
  }
  if (o.identifier.empty())
    w.key(s.k("identifier", "id")).null();
  else
    w.kv(s.k("identifier", "id"), o.identifier);
  w.kv_i(s.k("trade_timestamp", "ttms"), e.last_fill ? e.last_fill->at : 0);
  w.kv_i(s.k("order_timestamp", "otms"), o.created_at);
  w.kv_i(s.k("timestamp", "tms"), now);
  w.kv(s.k("stream_type", "st"), "REALTIME");
  w.end_object();
  return w.take();
}

std::string my_asset_frame(const account& a, const std::string& asset_uuid,
                           ws_format f, time_ms now) {
  quote_style s{true, f == ws_format::simple, false};
  json_writer w;
  w.begin_object();
  w.kv(s.k("type", "ty"), "myAsset");
  w.kv(s.k("asset_uuid", "astuid"), asset_uuid);
  w.key(s.k("assets", "ast")).begin_array();
  for (auto& [currency, b] : a.assets) {
    w.begin_object();
    w.kv(s.k("currency", "cu"), currency);
    w.kv(s.k("balance", "b"), b.balance);
    w.kv(s.k("locked", "l"), b.locked);
    w.end_object();
  }
  w.end_array();
  w.kv_i(s.k("asset_timestamp", "asttms"), now);
  w.kv_i(s.k("timestamp", "tms"), now);
  w.kv(s.k("stream_type", "st"), "REALTIME");
  w.end_object();
  return w.take();
}

} // namespace karb::sim
