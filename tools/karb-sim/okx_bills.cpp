#include "tools/karb-sim/okx_bills.hpp"

#include "tools/karb-sim/perp_entries.hpp"

namespace karb::sim {

namespace {

ojson bill_json(const perp_entry& e, const okx_inst& inst) {
  bool funding = e.kind == perp_entry::funding;
  ojson j;
  j["bal"] = "";
  j["balChg"] = okx_num(e.amount);
  j["billId"] = std::to_string(e.id);
  j["ccy"] = "USDT";
  j["clOrdId"] = "";
  j["execType"] = "";
  j["fee"] = funding ? "0" : okx_num(-e.fee);
  j["from"] = "";
  j["instId"] = inst.inst_id;
  j["instType"] = "SWAP";
  j["interest"] = "0";
  j["mgnMode"] = "cross";
  j["notes"] = "";
  j["ordId"] = funding ? "" : std::to_string(e.order_id);
  j["pnl"] = funding ? "0" : okx_num(e.realized_pnl);
  j["posBal"] = "0";
  j["posBalChg"] = "0";
  j["px"] = okx_num(funding ? e.rate : e.price);
  j["subType"] = funding ? (e.amount.is_negative() ? "173" : "174")
                         : (e.buy ? "106" : "107");
  j["sz"] = okx_num(ddiv(funding ? e.position.abs() : e.qty, inst.ct_val));
  j["tag"] = "";
  j["to"] = "";
  j["tradeId"] = "";
  j["ts"] = std::to_string(e.time);
  j["type"] = funding ? "8" : "5";
  return j;
}

} // namespace

ojson okx_bills_json(const okx_venue& v, const std::string& key,
                     const okx_bill_query& q) {
  ojson out = ojson::array();
  auto entries = perp_entries(v.swap, key);
  for (auto i = entries.rbegin(); i != entries.rend() && out.size() < q.limit;
       ++i) {
    int m = binance_market_index(i->symbol);
    if (m < 0)
      continue;
    auto& inst = okx_inst_of(static_cast<size_t>(m), true);
    auto bill = bill_json(*i, inst);
    if ((!q.inst_id.empty() && q.inst_id != inst.inst_id)
        || (!q.type.empty() && q.type != bill["type"])
        || (!q.sub_type.empty() && q.sub_type != bill["subType"])
        || (q.begin && i->time < *q.begin) || (q.end && i->time > *q.end))
      continue;
    out.push_back(std::move(bill));
  }
  return out;
}

} // namespace karb::sim
