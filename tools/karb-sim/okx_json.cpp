#include "tools/karb-sim/okx_json.hpp"

#include "tools/karb-sim/binance_rules.hpp"

namespace karb::sim {

namespace {

std::string ms(time_ms t) { return std::to_string(t); }

} // namespace

std::string okx_envelope(const ojson& data, const std::string& code,
                         const std::string& msg) {
  ojson j;
  j["code"] = code;
  j["msg"] = msg;
  j["data"] = data.is_array() ? data : ojson::array({data});
  return j.dump();
}

ojson okx_instrument_json(const okx_inst& i, time_ms list_time) {
  ojson j;
  j["alias"] = "";
  j["baseCcy"] = i.swap ? "" : i.base;
  j["category"] = "1";
  j["ctMult"] = i.swap ? "1" : "";
  j["ctType"] = i.swap ? "linear" : "";
  j["ctVal"] = i.swap ? okx_num(i.ct_val) : "";
  j["ctValCcy"] = i.swap ? i.base : "";
  j["expTime"] = "";
  j["instFamily"] = i.swap ? i.base + "-USDT" : "";
  j["instId"] = i.inst_id;
  j["instType"] = i.swap ? "SWAP" : "SPOT";
  j["lever"] = i.swap ? "125" : "10";
  j["listTime"] = ms(list_time);
  j["lotSz"] = okx_num(i.lot);
  j["maxLmtSz"] = "100000000";
  j["maxMktSz"] = i.swap ? "10000" : "1000000";
  j["minSz"] = okx_num(i.min_sz);
  j["optType"] = "";
  j["quoteCcy"] = i.swap ? "" : "USDT";
  j["settleCcy"] = i.swap ? "USDT" : "";
  j["state"] = "live";
  j["stk"] = "";
  j["tickSz"] = okx_num(i.tick);
  j["uly"] = i.swap ? i.base + "-USDT" : "";
  return j;
}

ojson okx_ticker_json(const okx_inst& i, const tape& t, const book& b,
                      time_ms now) {
  auto& k = t.ticker();
  auto c = [&](decimal base) { return i.swap ? ddiv(base, i.ct_val) : base; };
  ojson j;
  j["instType"] = i.swap ? "SWAP" : "SPOT";
  j["instId"] = i.inst_id;
  j["last"] = okx_num(k.trade_price);
  j["lastSz"] = okx_num(c(k.trade_volume));
  j["askPx"] = okx_num(b.asks.empty() ? decimal{} : b.asks[0].price);
  j["askSz"] = okx_num(b.asks.empty() ? decimal{} : c(b.asks[0].size));
  j["bidPx"] = okx_num(b.bids.empty() ? decimal{} : b.bids[0].price);
  j["bidSz"] = okx_num(b.bids.empty() ? decimal{} : c(b.bids[0].size));
  j["open24h"] = okx_num(k.opening_price);
  j["high24h"] = okx_num(k.high_price);
  j["low24h"] = okx_num(k.low_price);
  j["sodUtc0"] = okx_num(k.opening_price);
  j["sodUtc8"] = okx_num(k.opening_price);
  // spot: volCcy24h in quote, vol24h in base; swap: base and contracts
  j["volCcy24h"] = i.swap ? okx_num(k.acc_trade_volume)
                          : std::to_string(k.acc_trade_price);
  j["vol24h"] = okx_num(c(k.acc_trade_volume));
  j["ts"] = ms(now);
  return j;
}

ojson okx_trade_json(const okx_inst& i, const trade_print& p) {
  ojson j;
  j["instId"] = i.inst_id;
  j["tradeId"] = std::to_string(p.sequential_id);
  j["px"] = okx_num(p.price);
  j["sz"] = okx_num(i.swap ? ddiv(p.volume, i.ct_val) : p.volume);
  j["side"] = p.taker_ask ? "sell" : "buy";
  j["ts"] = ms(p.timestamp);
  j["count"] = "1";
  return j;
}

ojson okx_order_json(const okx_venue& v, const okx_order& o,
                     const bn_fill* fill) {
  auto e = v.exec_of(o);
  auto* f = fill ? fill : e.last;
  auto* inst = find_okx_inst(o.inst_id);
  auto c = [&](decimal base) { return o.swap ? ddiv(base, inst->ct_val) : base; };
  auto* cur = v.leg(o, o.legs.size() - 1);
  ojson j;
  j["accFillSz"] = okx_num(e.acc_fill_sz);
  j["algoClOrdId"] = "";
  j["algoId"] = "";
  j["attachAlgoClOrdId"] = "";
  j["attachAlgoOrds"] = ojson::array();
  j["avgPx"] = e.acc_fill_sz.is_zero() ? "" : okx_num(e.avg_px);
  j["cTime"] = ms(o.c_time);
  j["cancelSource"] = o.cancel_source;
  j["cancelSourceReason"] = "";
  j["category"] = o.category;
  j["ccy"] = "";
  j["clOrdId"] = o.cl_ord_id;
  j["fee"] = okx_num(e.fee);
  j["feeCcy"] = e.fee_ccy;
  // The fee of this fill, negative when paid (OKX's sign), in its asset.
  j["fillFee"] = f ? okx_num(-f->commission) : "0";
  j["fillFeeCcy"] = f ? f->commission_asset : "";
  j["fillPx"] = f ? okx_num(f->price) : "";
  j["fillSz"] = f ? okx_num(c(f->qty)) : "0";
  j["fillTime"] = f ? ms(f->at) : "";
  j["instId"] = o.inst_id;
  j["instType"] = o.swap ? "SWAP" : "SPOT";
  j["isTpLimit"] = "false";
  j["lever"] = o.swap && cur ? std::to_string(
                 const_cast<okx_venue&>(v).swap.eng.position(
                   *const_cast<okx_venue&>(v).swap.eng.find_account(o.account),
                   inst->symbol).leverage) : "";
  j["linkedAlgoOrd"] = {{"algoId", ""}};
  j["ordId"] = o.ord_id;
  j["ordType"] = o.ord_type;
  j["pnl"] = okx_num(e.pnl);
  j["posSide"] = "net";
  j["px"] = o.ord_type == "market" ? "" : okx_num(o.px);
  j["pxType"] = "";
  j["pxUsd"] = "";
  j["pxVol"] = "";
  j["quickMgnType"] = "";
  j["rebate"] = "0";
  j["rebateCcy"] = o.swap ? "USDT" : (o.side == "buy" ? inst->base : "USDT");
  j["reduceOnly"] = o.reduce_only ? "true" : "false";
  j["side"] = o.side;
  j["slOrdPx"] = "";
  j["slTriggerPx"] = "";
  j["slTriggerPxType"] = "";
  j["source"] = "";
  j["state"] = e.state;
  j["stpId"] = "";
  j["stpMode"] = "";
  j["sz"] = okx_num(o.sz);
  j["tag"] = "";
  j["tdMode"] = o.td_mode;
  j["tgtCcy"] = o.tgt_ccy;
  j["tpOrdPx"] = "";
  j["tpTriggerPx"] = "";
  j["tpTriggerPxType"] = "";
  j["tradeId"] = f ? std::to_string(f->trade_id) : "";
  j["uTime"] = ms(o.u_time);
  return j;
}

namespace {

struct usdt_view {
  decimal cash, upl, frozen;
};

usdt_view usdt_of(okx_venue& v, const std::string& key) {
  usdt_view u;
  auto* s = v.spot.eng.find_account(key);
  auto* w = v.swap.eng.find_account(key);
  if (s && s->balances.count("USDT")) {
    auto& b = s->balances.at("USDT");
    u.cash = b.free + b.locked;
    u.frozen = b.locked;
  }
  if (w) {
    for (auto& [sym, p] : w->perp.positions) {
      auto mark = v.swap.eng.mark_of(sym);
      u.upl += unrealized_pnl(p, mark);
      u.frozen += p.isolated ? p.isolated_wallet
                             : position_initial_margin(p, mark);
    }
    u.frozen += v.swap.eng.open_order_margin(*w);
  }
  return u;
}

ojson detail(const std::string& ccy, decimal cash, decimal avail,
             decimal frozen, decimal upl, time_ms now) {
  auto eq = cash + upl;
  ojson d;
  d["availBal"] = okx_num(avail);
  d["availEq"] = okx_num(avail);
  d["borrowFroz"] = "0";
  d["cashBal"] = okx_num(cash);
  d["ccy"] = ccy;
  d["crossLiab"] = "0";
  d["disEq"] = ccy == "USDT" ? okx_num(eq) : "";
  d["eq"] = okx_num(eq);
  d["eqUsd"] = ccy == "USDT" ? okx_num(eq) : "";
  d["fixedBal"] = "0";
  d["frozenBal"] = okx_num(frozen);
  d["imr"] = "";
  d["interest"] = "0";
  d["isoEq"] = "0";
  d["isoLiab"] = "0";
  d["isoUpl"] = "0";
  d["liab"] = "0";
  d["maxLoan"] = "0";
  d["mgnRatio"] = "";
  d["mmr"] = "";
  d["notionalLever"] = "";
  d["ordFrozen"] = okx_num(frozen);
  d["stgyEq"] = "0";
  d["twap"] = "0";
  d["uTime"] = ms(now);
  d["upl"] = okx_num(upl);
  d["uplLiab"] = "0";
  return d;
}

} // namespace

ojson okx_balance_json(const okx_venue& cv, const std::string& key,
                       const std::vector<std::string>& ccys, time_ms now) {
  auto& v = const_cast<okx_venue&>(cv);
  auto wanted = [&](const std::string& c) {
    if (ccys.empty())
      return true;
    for (auto& x : ccys)
      if (x == c)
        return true;
    return false;
  };
  ojson details = ojson::array();
  decimal total;
  auto* s = v.spot.eng.find_account(key);
  if (s)
    for (auto& [ccy, b] : s->balances) {
      if (!wanted(ccy))
        continue;
      if (ccy == "USDT") {
        auto u = usdt_of(v, key);
        details.push_back(detail(ccy, u.cash, u.cash - u.frozen, u.frozen,
                                 u.upl, now));
        total += u.cash + u.upl;
      } else if (!(b.free + b.locked).is_zero() || !ccys.empty()) {
        details.push_back(detail(ccy, b.free + b.locked, b.free, b.locked,
                                 decimal{}, now));
      }
    }
  ojson j;
  j["adjEq"] = "";
  j["availEq"] = "";
  j["borrowFroz"] = "";
  j["details"] = details;
  j["imr"] = "";
  j["isoEq"] = "0";
  j["mgnRatio"] = "";
  j["mmr"] = "";
  j["notionalUsd"] = "";
  j["ordFroz"] = "";
  j["totalEq"] = okx_num(total);
  j["uTime"] = ms(now);
  j["upl"] = "";
  return j;
}

ojson okx_positions_json(okx_venue& v, const std::string& key,
                         const std::string& inst_id, time_ms now,
                         bool include_flat) {
  ojson out = ojson::array();
  auto* a = v.swap.eng.find_account(key);
  if (!a)
    return out;
  for (size_t m = 0; m < markets().size(); ++m) {
    auto& inst = okx_inst_of(m, true);
    if (!inst_id.empty() && inst.inst_id != inst_id)
      continue;
    auto it = a->perp.positions.find(inst.symbol);
    if (it == a->perp.positions.end()
        || (it->second.amt.is_zero() && !include_flat))
      continue;
    auto& p = it->second;
    auto mark = v.swap.mark_price[m];
    auto rules = binance_rules(venue_kind::binance_usdm, markets()[m]);
    auto abs_amt = p.amt.is_negative() ? -p.amt : p.amt;
    auto margin = p.isolated ? p.isolated_wallet : cross_wallet(a->perp);
    auto imr = position_initial_margin(p, mark);
    auto notional = dmul(abs_amt, mark);
    ojson j;
    j["adl"] = "1";
    j["availPos"] = okx_num(ddiv(abs_amt, inst.ct_val));
    j["avgPx"] = p.amt.is_zero() ? "" : okx_num(p.entry);
    j["cTime"] = ms(p.update_time);
    j["ccy"] = "USDT";
    j["fee"] = "";
    j["fundingFee"] = "";
    j["idxPx"] = okx_num(v.swap.index_price[m]);
    j["imr"] = p.isolated ? "" : okx_num(imr);
    j["instId"] = inst.inst_id;
    j["instType"] = "SWAP";
    j["interest"] = "";
    j["last"] = okx_num(v.swap_tapes[m].ticker().trade_price);
    j["lever"] = std::to_string(p.leverage);
    j["liab"] = "";
    j["liqPx"] = p.amt.is_zero() ? ""
                   : okx_num(liquidation_price(p, margin, rules.maint_margin_rate));
    j["margin"] = p.isolated ? okx_num(p.isolated_wallet) : "";
    j["markPx"] = okx_num(mark);
    j["mgnMode"] = p.isolated ? "isolated" : "cross";
    j["mgnRatio"] = "";
    j["mmr"] = okx_num(maint_margin(p, mark, rules.maint_margin_rate));
    j["notionalUsd"] = okx_num(notional);
    j["pos"] = okx_num(ddiv(p.amt, inst.ct_val));
    j["posCcy"] = "";
    j["posId"] = std::to_string(1'752'810'569'801'498'626LL + static_cast<int64_t>(m));
    j["posSide"] = "net";
    j["realizedPnl"] = "";
    j["tradeId"] = "";
    j["uTime"] = ms(p.update_time ? p.update_time : now);
    j["upl"] = okx_num(unrealized_pnl(p, mark));
    j["uplRatio"] = imr.is_zero() ? "0"
                                  : okx_num(ddiv(unrealized_pnl(p, mark), imr));
    out.push_back(std::move(j));
  }
  return out;
}

ojson okx_funding_json(const okx_venue& v, size_t m, time_ms now) {
  auto& inst = okx_inst_of(m, true);
  std::string sett;
  for (auto i = v.swap.funding_history.rbegin();
       i != v.swap.funding_history.rend(); ++i)
    if (i->symbol == inst.symbol) {
      sett = okx_num(i->rate);
      break;
    }
  ojson j;
  j["formulaType"] = "noRate";
  j["fundingRate"] = okx_num(v.swap.rate[m]);
  j["fundingTime"] = ms(v.swap.next_funding);
  j["impactValue"] = "";
  j["instId"] = inst.inst_id;
  j["instType"] = "SWAP";
  j["interestRate"] = okx_num(interest_rate);
  j["maxFundingRate"] = okx_num(funding_cap);
  j["method"] = "current_period";
  j["minFundingRate"] = okx_num(-funding_cap);
  j["nextFundingRate"] = "";
  j["nextFundingTime"] = ms(v.swap.next_funding + funding_interval_ms);
  j["premium"] = okx_num(v.swap.premium[m]);
  j["settFundingRate"] = sett;
  j["settState"] = "settled";
  j["ts"] = ms(now);
  return j;
}

ojson okx_mark_json(const okx_venue& v, size_t m, time_ms now) {
  ojson j;
  j["instType"] = "SWAP";
  j["instId"] = okx_inst_of(m, true).inst_id;
  j["markPx"] = okx_num(v.swap.mark_price[m]);
  j["ts"] = ms(now);
  return j;
}

} // namespace karb::sim
