#include "tools/karb-sim/by_transaction_log.hpp"

#include "tools/karb-sim/perp_entries.hpp"

namespace karb::sim {

namespace {

std::string plain(decimal d) {
  return d.to_string();
}

ojson log_row(const perp_entry& e) {
  bool funding = e.kind == perp_entry::funding;
  ojson j;
  j["transSubType"] = "";
  j["id"] = std::to_string(e.id);
  j["symbol"] = e.symbol;
  j["side"] = funding ? (e.position.is_negative() ? "Sell" : "Buy")
                      : (e.buy ? "Buy" : "Sell");
  j["funding"] = funding ? plain(e.amount) : "";
  j["orderLinkId"] = "";
  j["orderId"] = funding ? "" : std::to_string(e.order_id);
  j["fee"] = funding ? "0" : plain(e.fee);
  j["change"] = plain(e.amount);
  j["cashFlow"] = funding ? "0" : plain(e.realized_pnl);
  j["transactionTime"] = std::to_string(e.time);
  j["type"] = funding ? "SETTLEMENT" : "LIQUIDATION";
  j["feeRate"] = funding ? plain(e.rate) : "";
  j["bonusChange"] = "";
  j["size"] = funding ? plain(e.position) : "0";
  j["qty"] = plain(funding ? e.position.abs() : e.qty);
  j["cashBalance"] = "";
  j["currency"] = "USDT";
  j["category"] = "linear";
  j["tradePrice"] = plain(funding ? e.mark : e.price);
  j["tradeId"] = "";
  return j;
}

} // namespace

ojson by_transaction_log_json(const bybit_venue& v, const std::string& key,
                              const by_log_query& q) {
  ojson out = ojson::array();
  auto entries = perp_entries(v.linear, key);
  for (auto i = entries.rbegin(); i != entries.rend() && out.size() < q.limit;
       ++i) {
    auto row = log_row(*i);
    if ((!q.type.empty() && q.type != row["type"])
        || (!q.base_coin.empty() && i->symbol != q.base_coin + "USDT")
        || i->time < q.start || i->time > q.end)
      continue;
    out.push_back(std::move(row));
  }
  return out;
}

} // namespace karb::sim
