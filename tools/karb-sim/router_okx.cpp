#include "tools/karb-sim/router_okx.hpp"

#include <algorithm>

#include "tools/karb-sim/okx_auth.hpp"
#include "tools/karb-sim/okx_bills.hpp"
#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim::okx {

std::string call::get(std::string_view k) const {
  for (auto& [key, value] : args)
    if (key == k)
      return value;
  return {};
}

http::response ok_reply(const ojson& data) {
  return detail::json_reply(200, okx_envelope(data));
}

http::response error_reply(int status, const std::string& code,
                           const std::string& msg) {
  ojson j;
  j["code"] = code;
  j["msg"] = msg;
  j["data"] = ojson::array();
  return detail::json_reply(status, j.dump());
}

namespace {

enum class ep {
  time, instruments, mark_price, funding_rate, funding_history, books, ticker,
  tickers, trades, balance, positions, bills, set_leverage,
  set_position_mode,
  config, trade_fee, currencies, place, batch, cancel, amend, get_order,
  pending, history, fills, fills_history,
};

struct entry {
  std::string_view method, path;
  ep id;
  bool priv;
  int per_2s;     ///< requests per 2 s
  bool per_inst;  ///< counted per instrument (order calls)
};

constexpr entry table[] = {
  {"GET", "/api/v5/public/time", ep::time, false, 10, false},
  {"GET", "/api/v5/public/instruments", ep::instruments, false, 20, false},
  {"GET", "/api/v5/public/mark-price", ep::mark_price, false, 10, false},
  {"GET", "/api/v5/public/funding-rate", ep::funding_rate, false, 20, false},
  {"GET", "/api/v5/public/funding-rate-history", ep::funding_history, false, 10, false},
  {"GET", "/api/v5/market/books", ep::books, false, 40, false},
  {"GET", "/api/v5/market/ticker", ep::ticker, false, 20, false},
  {"GET", "/api/v5/market/tickers", ep::tickers, false, 20, false},
  {"GET", "/api/v5/market/trades", ep::trades, false, 100, false},
  {"GET", "/api/v5/account/balance", ep::balance, true, 10, false},
  {"GET", "/api/v5/account/positions", ep::positions, true, 10, false},
  {"GET", "/api/v5/account/bills", ep::bills, true, 10, false},
  {"GET", "/api/v5/account/bills-archive", ep::bills, true, 10, false},
  {"POST", "/api/v5/account/set-leverage", ep::set_leverage, true, 20, false},
  {"POST", "/api/v5/account/set-position-mode", ep::set_position_mode, true, 5, false},
  {"GET", "/api/v5/account/config", ep::config, true, 5, false},
  {"GET", "/api/v5/account/trade-fee", ep::trade_fee, true, 5, false},
  {"GET", "/api/v5/asset/currencies", ep::currencies, true, 12, false},
  {"POST", "/api/v5/trade/order", ep::place, true, 60, true},
  // counted per order (300 orders per 2 s per instrument)
  {"POST", "/api/v5/trade/batch-orders", ep::batch, true, 300, true},
  {"POST", "/api/v5/trade/cancel-order", ep::cancel, true, 60, true},
  {"POST", "/api/v5/trade/amend-order", ep::amend, true, 60, true},
  {"GET", "/api/v5/trade/order", ep::get_order, true, 60, false},
  {"GET", "/api/v5/trade/orders-pending", ep::pending, true, 60, false},
  {"GET", "/api/v5/trade/orders-history", ep::history, true, 40, false},
  {"GET", "/api/v5/trade/fills", ep::fills, true, 60, false},
  {"GET", "/api/v5/trade/fills-history", ep::fills_history, true, 10, false},
};

/// One 2-second window per endpoint and client; true when over the limit.
bool over_limit(okx_venue& v, const entry& e, const std::string& who,
                time_ms now) {
  auto key = std::string{e.path} + "|" + who;
  auto window = now / 2000;
  auto& start = v.rate_windows[key];
  auto& count = v.rate_counts[key];
  if (start != window) {
    start = window;
    count = 0;
  }
  ++count;
  return count > e.per_2s;
}

/// A body field as a string: OKX documents strings but takes JSON numbers
/// too (ccxt sends `lever` as a number); "" when absent or another type.
std::string body_str(const nlohmann::json& body, const char* k) {
  auto i = body.find(k);
  if (i == body.end())
    return {};
  if (i->is_string())
    return i->get<std::string>();
  if (i->is_number())
    return i->dump();
  return {};
}

const okx_inst* inst_arg(const call& c, http::response& err) {
  auto id = c.get("instId");
  if (id.empty()) {
    err = error_reply(400, "50014", "Parameter instId can not be empty.");
    return nullptr;
  }
  auto* i = find_okx_inst(id);
  if (!i)
    err = error_reply(200, "51001", "Instrument ID does not exist.");
  return i;
}

const book& book_of(venue& v, const okx_inst& i) {
  return i.swap ? v.ok->swap_books[i.market] : v.books[i.market];
}

const tape& tape_of(venue& v, const okx_inst& i) {
  return i.swap ? v.ok->swap_tapes[i.market] : v.tapes[i.market];
}

int int_arg(const call& c, const char* k, int def, int lo, int hi) {
  auto s = c.get(k);
  if (s.empty())
    return def;
  int n = std::atoi(s.c_str());
  return std::clamp(n, lo, hi);
}

http::response instruments(venue& v, const call& c) {
  auto type = c.get("instType");
  if (type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  if (type != "SPOT" && type != "SWAP" && type != "MARGIN" && type != "FUTURES"
      && type != "OPTION")
    return error_reply(400, "51000", "Parameter instType error");
  auto id = c.get("instId");
  ojson data = ojson::array();
  for (auto& i : okx_instruments())
    if ((type == "SWAP") == i.swap && (type == "SPOT" || type == "SWAP")
        && (id.empty() || id == i.inst_id))
      data.push_back(okx_instrument_json(i, 1'611'916'828'000));
  (void)v;
  return ok_reply(data);
}

http::response books(venue& v, const call& c) {
  http::response err;
  auto* i = inst_arg(c, err);
  if (!i)
    return err;
  auto n = static_cast<size_t>(int_arg(c, "sz", 1, 1, 400));
  auto& b = book_of(v, *i);
  auto asks = okx_levels(b.asks, *i), bids = okx_levels(b.bids, *i);
  asks.resize(std::min(asks.size(), n));
  bids.resize(std::min(bids.size(), n));
  std::string a, bb;
  append_levels(a, asks);
  append_levels(bb, bids);
  auto body = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"asks\":" + a
              + ",\"bids\":" + bb + ",\"ts\":\"" + std::to_string(b.timestamp)
              + "\"}]}";
  return detail::json_reply(200, body);
}

http::response tickers(venue& v, const call& c, bool all) {
  ojson data = ojson::array();
  if (!all) {
    http::response err;
    auto* i = inst_arg(c, err);
    if (!i)
      return err;
    data.push_back(okx_ticker_json(*i, tape_of(v, *i), book_of(v, *i), c.now));
    return ok_reply(data);
  }
  auto type = c.get("instType");
  if (type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  for (auto& i : okx_instruments())
    if ((type == "SWAP") == i.swap && (type == "SPOT" || type == "SWAP"))
      data.push_back(okx_ticker_json(i, tape_of(v, i), book_of(v, i), c.now));
  return ok_reply(data);
}

http::response trades(venue& v, const call& c) {
  http::response err;
  auto* i = inst_arg(c, err);
  if (!i)
    return err;
  auto n = static_cast<size_t>(int_arg(c, "limit", 100, 1, 500));
  ojson data = ojson::array();
  auto& recent = tape_of(v, *i).recent();
  for (auto p = recent.rbegin(); p != recent.rend() && data.size() < n; ++p)
    data.push_back(okx_trade_json(*i, *p));
  return ok_reply(data);
}

const okx_inst* swap_arg(const call& c, http::response& err) {
  auto* i = inst_arg(c, err);
  if (i && !i->swap) {
    err = error_reply(200, "51001", "Instrument ID does not exist.");
    return nullptr;
  }
  return i;
}

http::response mark_price(venue& v, const call& c) {
  auto type = c.get("instType");
  if (type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  auto id = c.get("instId");
  ojson data = ojson::array();
  if (type == "SWAP")
    for (size_t m = 0; m < markets().size(); ++m)
      if (id.empty() || okx_inst_of(m, true).inst_id == id)
        data.push_back(okx_mark_json(*v.ok, m, c.now));
  return ok_reply(data);
}

http::response funding_rate(venue& v, const call& c) {
  http::response err;
  auto* i = swap_arg(c, err);
  if (!i)
    return err;
  return ok_reply(ojson::array({okx_funding_json(*v.ok, i->market, c.now)}));
}

http::response funding_history(venue& v, const call& c) {
  http::response err;
  auto* i = swap_arg(c, err);
  if (!i)
    return err;
  auto n = static_cast<size_t>(int_arg(c, "limit", 100, 1, 100));
  auto after = c.get("after"), before = c.get("before");
  ojson data = ojson::array();
  auto& h = v.ok->swap.funding_history;
  for (auto r = h.rbegin(); r != h.rend() && data.size() < n; ++r) {
    if (r->symbol != i->symbol)
      continue;
    if (!after.empty() && r->time >= std::atoll(after.c_str()))
      continue;
    if (!before.empty() && r->time <= std::atoll(before.c_str()))
      continue;
    ojson j;
    j["formulaType"] = "noRate";
    j["fundingRate"] = okx_num(r->rate);
    j["fundingTime"] = std::to_string(r->time);
    j["instId"] = i->inst_id;
    j["instType"] = "SWAP";
    j["method"] = "current_period";
    j["realizedRate"] = okx_num(r->rate);
    data.push_back(std::move(j));
  }
  return ok_reply(data);
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    auto comma = s.find(',', start);
    out.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

http::response positions(venue& v, const call& c) {
  auto type = c.get("instType");
  if (!type.empty() && type != "SWAP" && type != "MARGIN" && type != "FUTURES"
      && type != "OPTION")
    return error_reply(400, "51000", "Parameter instType error");
  if (!type.empty() && type != "SWAP")
    return ok_reply(ojson::array());
  auto ids = split(c.get("instId"));
  if (ids.empty())
    return ok_reply(okx_positions_json(*v.ok, c.key, "", c.now));
  ojson data = ojson::array();
  for (auto& id : ids)
    for (auto& p : okx_positions_json(*v.ok, c.key, id, c.now))
      data.push_back(p);
  return ok_reply(data);
}

/// GET /api/v5/account/bills: instType, instId, type, subType, begin,
/// end, limit (1..100, default 100); `after` / `before` are not served.
http::response bills(venue& v, const call& c) {
  auto type = c.get("instType");
  if (!type.empty() && type != "SPOT" && type != "MARGIN" && type != "SWAP"
      && type != "FUTURES" && type != "OPTION")
    return error_reply(400, "51000", "Parameter instType error");
  if (!type.empty() && type != "SWAP")
    return ok_reply(ojson::array());
  okx_bill_query q;
  q.inst_id = c.get("instId");
  q.type = c.get("type");
  q.sub_type = c.get("subType");
  auto ms = [&](const char* k) -> std::optional<time_ms> {
    auto text = c.get(k);
    if (text.empty())
      return std::nullopt;
    return std::atoll(text.c_str());
  };
  q.begin = ms("begin");
  q.end = ms("end");
  if (auto limit = c.get("limit"); !limit.empty()) {
    auto n = std::atoi(limit.c_str());
    if (n < 1 || n > 100)
      return error_reply(400, "51000", "Parameter limit error");
    q.limit = static_cast<size_t>(n);
  }
  return ok_reply(okx_bills_json(*v.ok, c.key, q));
}

http::response set_leverage(venue& v, const call& c,
                            const nlohmann::json& body) {
  auto id = body_str(body, "instId");
  auto lever = body_str(body, "lever");
  auto mode = body_str(body, "mgnMode");
  if (lever.empty() || mode.empty())
    return error_reply(400, "50014", "Parameter lever or mgnMode can not be empty.");
  auto* i = find_okx_inst(id);
  if (!i || !i->swap)
    return error_reply(200, "51001", "Instrument ID does not exist.");
  if (mode != "cross" && mode != "isolated")
    return error_reply(200, "51000", "Parameter mgnMode error");
  char* end = nullptr;
  long n = std::strtol(lever.c_str(), &end, 10);
  if (!end || *end || n < 1 || n > 125)
    return error_reply(200, "51000", "Parameter lever error");
  auto& eng = v.ok->swap.eng;
  auto* a = eng.find_account(c.key);
  auto& p = eng.position(*a, i->symbol);
  if (p.isolated != (mode == "isolated")
      && eng.set_margin_type(*a, i->symbol, mode == "isolated"))
    return error_reply(200, "51000", "Parameter mgnMode error: a position or "
                                     "open orders use the other mode");
  if (auto e = eng.set_leverage(*a, i->symbol, static_cast<int>(n)))
    return error_reply(200, "51000", "Parameter lever error: " + e->msg);
  v.ok->sync();
  ojson j;
  j["lever"] = std::to_string(n);
  j["mgnMode"] = mode;
  j["instId"] = id;
  j["posSide"] = "net";
  return ok_reply(ojson::array({j}));
}

http::response config(const call& c) {
  ojson j;
  j["acctLv"] = "2";
  j["autoLoan"] = false;
  j["ctIsoMode"] = "automatic";
  j["enableSpotBorrow"] = false;
  j["greeksType"] = "PA";
  j["ip"] = "";
  j["kycLv"] = "2";
  j["label"] = "karb-sim";
  j["level"] = "Lv1";
  j["levelTmp"] = "";
  j["mainUid"] = "44705892343619584";
  j["mgnIsoMode"] = "automatic";
  j["opAuth"] = "0";
  j["perm"] = "read_only,trade";
  j["posMode"] = "net_mode";
  j["roleType"] = "0";
  j["spotBorrowAutoRepay"] = false;
  j["spotOffsetType"] = "";
  j["spotRoleType"] = "0";
  j["spotTraderInsts"] = ojson::array();
  j["traderInsts"] = ojson::array();
  j["uid"] = "44705892343619584";
  (void)c;
  return ok_reply(ojson::array({j}));
}

http::response trade_fee(venue& v, const call& c) {
  auto type = c.get("instType");
  if (type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  if (type != "SPOT" && type != "SWAP")
    return error_reply(200, "51000", "Parameter instType error");
  auto& eng = type == "SWAP" ? v.ok->swap.eng : v.ok->spot.eng;
  auto* a = eng.find_account(c.key);
  ojson j;
  j["category"] = "1";
  j["delivery"] = "";
  j["exercise"] = "";
  j["instType"] = type;
  j["level"] = "Lv1";
  auto maker = okx_num(-a->maker_fee), taker = okx_num(-a->taker_fee);
  j["maker"] = type == "SPOT" ? maker : "";
  j["makerU"] = type == "SWAP" ? maker : "";
  j["makerUSDC"] = "";
  j["taker"] = type == "SPOT" ? taker : "";
  j["takerU"] = type == "SWAP" ? taker : "";
  j["takerUSDC"] = "";
  j["ts"] = std::to_string(c.now);
  return ok_reply(ojson::array({j}));
}

/// GET /asset/currencies: one chain per currency of the listed markets
/// (the quote USDT and every base). Chain names, withdrawal limits and
/// fees are made up (the simulator has no funding account).
http::response currencies(const call& c) {
  auto wanted = split(c.get("ccy"));
  std::vector<std::string> ccys{"USDT"};
  for (auto& i : okx_instruments())
    if (!i.swap && std::find(ccys.begin(), ccys.end(), i.base) == ccys.end())
      ccys.push_back(i.base);
  std::sort(ccys.begin(), ccys.end());
  ojson data = ojson::array();
  for (auto& ccy : ccys) {
    if (!wanted.empty()
        && std::find(wanted.begin(), wanted.end(), ccy) == wanted.end())
      continue;
    bool btc = ccy == "BTC";
    ojson j;
    j["canDep"] = true;
    j["canInternal"] = true;
    j["canWd"] = true;
    j["ccy"] = ccy;
    j["chain"] = ccy + (btc ? "-Bitcoin" : "-ERC20");
    j["ctAddr"] = "";
    j["depEstOpenTime"] = "";
    j["depQuotaFixed"] = "";
    j["depQuoteDailyLayer2"] = "";
    j["fee"] = btc ? "0.0001" : "1";
    j["logoLink"] = "";
    j["mainNet"] = true;
    j["maxFee"] = j["fee"];
    j["maxFeeForCtAddr"] = "";
    j["maxWd"] = "100000000";
    j["minDep"] = btc ? "0.00005" : "0.01";
    j["minDepArrivalConfirm"] = btc ? "1" : "64";
    j["minFee"] = j["fee"];
    j["minFeeForCtAddr"] = "";
    j["minInternal"] = "0.00000001";
    j["minWd"] = btc ? "0.0005" : "2";
    j["minWdUnlockConfirm"] = btc ? "2" : "96";
    j["name"] = ccy;
    j["needTag"] = false;
    j["usedDepQuotaFixed"] = "";
    j["usedWdQuota"] = "0";
    j["wdQuota"] = "10000000";
    j["wdTickSz"] = btc ? "8" : "6";
    data.push_back(std::move(j));
  }
  return ok_reply(data);
}

void answer(venue& v, const call& c, const entry& ent, const nlohmann::json& body,
            reply& out);

} // namespace

reply dispatch(venue& v, const http::request& req, time_ms now) {
  reply out;
  auto qpos = req.target.find('?');
  call c{req, req.target.substr(0, qpos),
         detail::parse_query(qpos == std::string::npos
                               ? std::string_view{}
                               : std::string_view{req.target}.substr(qpos + 1)),
         now, {}};
  auto& f = v.faults;
  if (f.slow_count != 0 && f.slow_ms > 0) {
    out.delay_ms = f.slow_ms;
    mark_fault(out, "slow");
    if (f.slow_count > 0)
      --f.slow_count;
  }
  if (f.http_500 > 0) {
    --f.http_500;
    mark_fault(out, "http_500");
    out.response = error_reply(500, "50026", "System error. Try again later.");
    return out;
  }
  const entry* e = nullptr;
  for (auto& cand : table)
    if (cand.method == req.method && cand.path == c.path)
      e = &cand;
  if (!e) {
    out.response = error_reply(404, "50000", "Not Found: " + req.method + " "
                                               + c.path);
    return out;
  }
  nlohmann::json body = nlohmann::json::object();
  if (req.method == "POST") {
    body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body, nullptr,
                                 false);
    bool shape_ok = e->id == ep::batch ? body.is_array() : body.is_object();
    if (body.is_discarded() || !shape_ok) {
      out.response = error_reply(400, "50002", "Json data format error.");
      return out;
    }
  }
  if (e->priv) {
    auto verdict = okx_check_rest(*v.ok, req, now);
    out.auth = verdict.ok ? "ok" : verdict.code;
    if (!verdict.ok) {
      out.response = error_reply(verdict.status, verdict.code, verdict.msg);
      return out;
    }
    c.key = verdict.key;
    out.account = verdict.key;
  }
  auto who = e->priv ? c.key : std::string{"ip"};
  bool limited = false;
  if (e->id == ep::batch) {
    for (auto& item : body) // each order counts against its instrument
      if (over_limit(*v.ok, *e, who + "|" + (item.is_object()
                       ? body_str(item, "instId") : std::string{}), now))
        limited = true;
  } else {
    if (e->per_inst)
      who += "|" + body_str(body, "instId");
    limited = over_limit(*v.ok, *e, who, now);
  }
  limited = limited && v.limiter.enabled;
  if (f.http_429 > 0) {
    --f.http_429;
    mark_fault(out, "http_429");
    limited = true;
  }
  if (limited) {
    out.response = error_reply(429, "50011", "Too Many Requests");
    return out;
  }
  try {
    answer(v, c, *e, body, out);
  } catch (const std::exception&) { // e.g. a field of an unexpected type
    out.response = error_reply(500, "50026", "System error. Try again later.");
  }
  return out;
}

namespace {

/// The endpoint's answer into `out`.
void answer(venue& v, const call& c, const entry& ent, const nlohmann::json& body,
            reply& out) {
  auto& f = v.faults;
  auto now = c.now;
  switch (ent.id) {
    case ep::time:
      out.response = ok_reply(ojson::array({ojson{{"ts", std::to_string(now)}}}));
      break;
    case ep::instruments: out.response = instruments(v, c); break;
    case ep::mark_price: out.response = mark_price(v, c); break;
    case ep::funding_rate: out.response = funding_rate(v, c); break;
    case ep::funding_history: out.response = funding_history(v, c); break;
    case ep::books: out.response = books(v, c); break;
    case ep::ticker: out.response = tickers(v, c, false); break;
    case ep::tickers: out.response = tickers(v, c, true); break;
    case ep::trades: out.response = trades(v, c); break;
    case ep::balance:
      out.response = ok_reply(ojson::array(
        {okx_balance_json(*v.ok, c.key, split(c.get("ccy")), now)}));
      break;
    case ep::positions: out.response = positions(v, c); break;
    case ep::bills: out.response = bills(v, c); break;
    case ep::set_leverage: out.response = set_leverage(v, c, body); break;
    case ep::set_position_mode:
      out.response = body_str(body, "posMode") == "net_mode"
        ? ok_reply(ojson::array({ojson{{"posMode", "net_mode"}}}))
        : error_reply(200, "51000", "Parameter posMode error: the simulator "
                                    "trades in net mode only");
      break;
    case ep::config: out.response = config(c); break;
    case ep::trade_fee: out.response = trade_fee(v, c); break;
    case ep::place: {
      call pc = c;
      for (auto& [k, val] : body.items())
        pc.args.emplace_back(k, val.is_string() ? val.get<std::string>() : val.dump());
      out.order = body;
      place_order(v, pc, out);
      break;
    }
    case ep::batch:
      out.order = body;
      place_batch(v, c, body, out);
      break;
    case ep::currencies: out.response = currencies(c); break;
    case ep::cancel:
    case ep::amend: {
      call pc = c;
      for (auto& [k, val] : body.items())
        pc.args.emplace_back(k, val.is_string() ? val.get<std::string>() : val.dump());
      out.order = body;
      if (ent.id == ep::cancel && f.cancel_fails > 0) {
        --f.cancel_fails;
        mark_fault(out, "cancel_fail");
        out.response = error_reply(500, "50026", "System error. Try again later.");
        break;
      }
      if (ent.id == ep::cancel)
        cancel_order(v, pc, out);
      else
        amend_order(v, pc, out);
      break;
    }
    case ep::get_order:
      if (f.slow_lookup_count != 0 && f.slow_lookup_ms > 0) {
        out.delay_ms = std::max(out.delay_ms, f.slow_lookup_ms);
        mark_fault(out, "slow_lookup");
        if (f.slow_lookup_count > 0)
          --f.slow_lookup_count;
      }
      out.response = get_order(v, c);
      break;
    case ep::pending: out.response = list_orders(v, c, true); break;
    case ep::history: out.response = list_orders(v, c, false); break;
    case ep::fills: out.response = fills(v, c, false); break;
    case ep::fills_history: out.response = fills(v, c, true); break;
  }
}

} // namespace

} // namespace karb::sim::okx
