#include <sstream>

#include "tools/karb-inspect/render_text.hpp"
#include "tools/karb-inspect/table.hpp"

namespace karb::inspect_cli {

namespace {

using nlohmann::json;

std::string yes_no(const json& j, const char* key) {
  return j.value(key, false) ? "yes" : "no";
}

std::string health(const json& j) {
  return j.value("healthy", false) ? "healthy"
                                   : "UNHEALTHY (" + cell(j, "reason") + ")";
}

void latency_row(table& t, const std::string& name, const json& l) {
  auto ns = [&](const char* k) {
    return duration_ns(l.value(k, uint64_t{0}));
  };
  t.add({name, cell(l, "count"), ns("p50_ns"), ns("p90_ns"), ns("p99_ns"),
         ns("p999_ns"), ns("max_ns")});
}

table latency_table() {
  return table{{"LATENCY", "COUNT", "P50", "P90", "P99", "P99.9", "MAX"}};
}

table trades_table(const json& xs) {
  table t{{"TRADE", "STRATEGY", "SYMBOL", "STATE", "OUTCOME", "PNL_KRW",
           "FEES_KRW"}};
  for (auto& x : xs)
    t.add({cell(x, "trade_id"), cell(x, "strategy_id"), cell(x, "symbol"),
           cell(x, "state"), cell(x, "outcome"), cell(x, "pnl_krw"),
           cell(x, "fees_krw")});
  return t;
}

} // namespace

std::string render_book(const json& j) {
  std::ostringstream out;
  out << cell(j, "book") << "  " << health(j) << "  seq "
      << cell(j, "sequence") << "\n\n";
  table t{{"BID_SIZE", "BID", "ASK", "ASK_SIZE"}};
  auto& bids = j["bids"];
  auto& asks = j["asks"];
  for (size_t i = 0; i < std::max(bids.size(), asks.size()); ++i) {
    auto b = i < bids.size() ? bids[i] : json::object();
    auto a = i < asks.size() ? asks[i] : json::object();
    t.add({cell(b, "size"), cell(b, "price"), cell(a, "price"),
           cell(a, "size")});
  }
  out << t.render();
  if (j.contains("stats")) {
    auto& s = j["stats"];
    out << "\nframes " << cell(s, "frames") << "  applied "
        << cell(s, "applied") << "  dropped " << cell(s, "dropped")
        << "  resyncs " << cell(s, "resyncs") << "  unhealthy "
        << cell(s, "unhealthy_count") << "\n\n";
    auto lt = latency_table();
    latency_row(lt, "exchange->receipt", s["exchange_to_receipt"]);
    latency_row(lt, "receipt->applied", s["receipt_to_applied"]);
    out << lt.render();
  }
  return out.str();
}

std::string render_strategies(const json& j) {
  table t{{"INSTANCE", "SYMBOLS", "VENUES", "SEEN", "STARTED",
           "LAST_SPREAD"}};
  auto list = [](const json& x, const char* k) {
    std::string s;
    if (x.contains(k))
      for (auto& v : x[k])
        s += (s.empty() ? "" : ",") + v.get<std::string>();
    return s.empty() ? std::string{"-"} : s;
  };
  for (auto& s : j["strategies"]) {
    if (s.contains("error")) {
      t.add({cell(s, "instance"), "error: " + cell(s, "error")});
      continue;
    }
    t.add({cell(s, "instance"), list(s, "symbols"), list(s, "venues"),
           cell(s, "opportunities_seen"), cell(s, "trades_started"),
           cell(s, "last_spread")});
  }
  return t.render();
}

std::string render_orders(const json& j) {
  if (j["orders"].empty())
    return "no open orders\n";
  table t{{"CLIENT_ORDER_ID", "BOOK", "SIDE", "TYPE", "PRICE", "AMOUNT",
           "FILLED", "STATUS"}};
  for (auto& o : j["orders"])
    t.add({cell(o, "client_order_id"), cell(o, "book"), cell(o, "side"),
           cell(o, "type"), cell(o, "price"), cell(o, "amount"),
           cell(o, "filled"), cell(o, "status")});
  return t.render();
}

std::string render_trades(const json& j) {
  std::ostringstream out;
  out << "open trades (" << j.value("open", json::array()).size() << ", "
      << cell(j, "open_orders") << " orders)\n";
  if (j.contains("open") && !j["open"].empty())
    out << trades_table(j["open"]).render();
  out << "\nrecent trades\n" << trades_table(j["recent"]).render();
  return out.str();
}

std::string render_risk(const json& j) {
  std::ostringstream out;
  out << "trading   "
      << (j.value("halted", false) ? "HALTED: " + cell(j, "halt_reason")
                                   : std::string{"running"})
      << '\n'
      << "paused    " << yes_no(j, "paused");
  if (j.value("paused", false))
    out << " (" << cell(j, "pause_remaining_ms") << " ms left)";
  out << '\n' << "daily PnL ";
  if (!j.contains("daily_pnl") || j["daily_pnl"].empty())
    out << "0";
  else {
    std::string sep;
    for (auto& [quote, v] : j["daily_pnl"].items()) {
      out << sep << (v.is_string() ? v.get<std::string>() : v.dump()) << ' '
          << quote;
      sep = ", ";
    }
  }
  out << '\n'
      << "open trades " << cell(j, "open_trades") << ", orders last minute "
      << cell(j, "orders_last_minute") << ", consecutive failures "
      << cell(j, "consecutive_failures") << ", approvals "
      << cell(j, "approvals") << '\n';
  if (j.contains("denials") && !j["denials"].empty()) {
    table t{{"DENIAL", "COUNT"}};
    for (auto& [reason, n] : j["denials"].items())
      t.add({reason, n.dump()});
    out << '\n' << t.render();
  }
  if (j.contains("usage") && !j["usage"].empty()) {
    table t{{"QUOTE", "DAILY PNL", "DRAWDOWN", "EQUITY", "PEAK", "EQUITY DD",
             "VAR HIST", "VAR PARAM", "OPEN NOTIONAL", "LEVERAGE"}};
    for (auto& u : j["usage"])
      t.add({cell(u, "quote"), cell(u, "daily_pnl"), cell(u, "drawdown"),
             cell(u, "equity"), cell(u, "peak_equity"),
             cell(u, "equity_drawdown"), cell(u, "var_historical"),
             cell(u, "var_parametric"), cell(u, "open_notional"),
             cell(u, "leverage")});
    out << '\n' << t.render();
  }
  if (j.contains("liquidation") && !j["liquidation"].empty()) {
    table t{{"POSITION", "SIDE", "AMOUNT", "MARK", "LIQUIDATION",
             "DISTANCE"}};
    for (auto& d : j["liquidation"])
      t.add({cell(d, "book"), cell(d, "side"), cell(d, "amount"),
             cell(d, "mark_price"), cell(d, "liquidation_price"),
             cell(d, "distance")});
    out << '\n' << t.render() << "guard closes " << cell(j, "guard_closes")
        << '\n';
  }
  if (j.contains("limits")) {
    table t{{"LIMIT", "VALUE"}};
    for (auto& [k, v] : j["limits"].items())
      if (v.is_object()) // per currency: one row each
        for (auto& [cur, x] : v.items())
          t.add({k + "." + cur, x.is_string() ? x.get<std::string>() : x.dump()});
      else
        t.add({k, v.is_string() ? v.get<std::string>() : v.dump()});
    out << '\n' << t.render();
  }
  return out.str();
}

std::string render_balances(const json& j) {
  std::ostringstream out;
  table t{{"VENUE", "CURRENCY", "FREE", "USED", "TOTAL"}};
  for (auto& b : j["balances"])
    t.add({cell(b, "venue"), cell(b, "currency"), cell(b, "free"),
           cell(b, "used"), cell(b, "total")});
  out << t.render() << '\n'
      << "realised PnL " << cell(j, "realised_pnl_krw") << " KRW, daily "
      << cell(j, "daily_pnl_krw") << " KRW, fees " << cell(j, "fees_krw")
      << " KRW, trades " << cell(j, "trades") << '\n';
  if (j.contains("exposure") && !j["exposure"].empty()) {
    table e{{"ASSET", "START", "EXPOSURE"}};
    for (auto& [asset, v] : j["exposure"].items())
      e.add({asset, cell(j["start"], asset.c_str()), v.get<std::string>()});
    out << '\n' << e.render();
  }
  return out.str();
}

std::string render_latency(const json& j) {
  std::ostringstream out;
  auto t = latency_table();
  for (auto& b : j["books"]) {
    if (b.contains("error")) {
      t.add({cell(b, "book"), "error: " + cell(b, "error")});
      continue;
    }
    latency_row(t, cell(b, "book") + " exchange->receipt",
                b["exchange_to_receipt"]);
    latency_row(t, cell(b, "book") + " receipt->applied",
                b["receipt_to_applied"]);
  }
  for (auto& h : j.value("histograms", json::array()))
    latency_row(t, cell(h, "name") + cell(h, "labels"), h);
  out << t.render();
  if (j.contains("books_error"))
    out << "\n(" << cell(j, "books_error") << ")\n";
  return out.str();
}

} // namespace karb::inspect_cli
