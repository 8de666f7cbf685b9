#include "tools/karb-sim/order_json.hpp"

namespace karb::sim {

ojson order_to_json(const order& o, venue_kind v, order_view view) {
  bool upbit = v == venue_kind::upbit;
  ojson j;
  j["uuid"] = o.uuid;
  if (view.bithumb_v2) {
    j["order_id"] = o.uuid;
    if (!o.identifier.empty())
      j["client_order_id"] = o.identifier;
  }
  j["side"] = o.bid ? "bid" : "ask";
  j["ord_type"] = o.ord_type;
  if (o.price)
    j["price"] = o.price->to_string();
  j["state"] = to_string(o.state);
  j["market"] = o.market;
  j["created_at"] = kst_iso(o.created_at);
  if (o.volume) {
    j["volume"] = o.volume->to_string();
    j["remaining_volume"] = o.remaining_volume.to_string();
    if (upbit)
      j["prevented_volume"] = "0";
  }
  j["reserved_fee"] = o.reserved_fee.to_string();
  j["remaining_fee"] = o.remaining_fee.to_string();
  j["paid_fee"] = o.paid_fee.to_string();
  j["locked"] = o.locked.to_string();
  if (upbit)
    j["prevented_locked"] = "0";
  j["executed_volume"] = o.executed_volume.to_string();
  if (view.executed_funds)
    j["executed_funds"] = o.executed_funds.to_string();
  j["trades_count"] = o.trades.size();
  if (!o.time_in_force.empty())
    j["time_in_force"] = o.time_in_force;
  // Bithumb 2.0 names the client's id `client_order_id` on every order
  // object (ccxt reads it there); Upbit names it `identifier`.
  if (!o.identifier.empty() && !view.bithumb_v2)
    j[upbit ? "identifier" : "client_order_id"] = o.identifier;
  if (view.trades) {
    auto trades = ojson::array();
    for (auto& f : o.trades) {
      ojson t;
      t["market"] = o.market;
      t["uuid"] = f.uuid;
      t["price"] = f.price.to_string();
      t["volume"] = f.volume.to_string();
      t["funds"] = f.funds.to_string();
      t["trend"] = o.bid ? "up" : "down";
      t["created_at"] = kst_iso(f.at);
      t["side"] = o.bid ? "bid" : "ask";
      trades.push_back(std::move(t));
    }
    j["trades"] = std::move(trades);
  }
  return j;
}

ojson order_v2_ack(const order& o) {
  ojson j;
  j["order_id"] = o.uuid;
  if (!o.identifier.empty())
    j["client_order_id"] = o.identifier;
  j["market"] = o.market;
  j["side"] = o.bid ? "bid" : "ask";
  j["order_type"] = o.ord_type;
  if (o.price)
    j["price"] = o.price->to_string();
  if (o.volume)
    j["volume"] = o.volume->to_string();
  j["created_at"] = kst_iso(o.created_at);
  return j;
}

ojson balance_to_json(const std::string& currency, const asset_balance& b) {
  ojson j;
  j["currency"] = currency;
  j["balance"] = b.balance.to_string();
  j["locked"] = b.locked.to_string();
  j["avg_buy_price"] = b.avg_buy_price.to_string();
  j["avg_buy_price_modified"] = false;
  j["unit_currency"] = "KRW";
  return j;
}

std::string error_body(const std::string& name, const std::string& message) {
  ojson j;
  j["error"]["name"] = name;
  j["error"]["message"] = message;
  return j.dump();
}

} // namespace karb::sim
