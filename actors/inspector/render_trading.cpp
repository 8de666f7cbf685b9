#include "actors/inspector/render.hpp"

#include "actors/funding/payment_json.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

json levels(const std::vector<price_level>& xs, size_t depth) {
  json out = json::array();
  for (size_t i = 0; i < xs.size() && i < depth; ++i)
    out.push_back({{"price", xs[i].price.to_string()},
                   {"size", xs[i].volume.to_string()}});
  return out;
}

json decimals(const std::map<std::string, decimal>& xs) {
  json out = json::object();
  for (auto& [k, v] : xs)
    out[k] = v.to_string();
  return out;
}

} // namespace

std::string book_name(const instrument& x) {
  return to_string(x.venue) + ":" + x.venue_symbol;
}

json to_json(const book_view& x, size_t depth) {
  return {{"book", book_name(x.book.symbol)},
          {"healthy", x.healthy},
          {"reason", x.reason},
          {"sequence", x.book.sequence},
          {"ts_event_ns", x.book.ts_event_ns},
          {"ts_recv_ns", x.book.ts_recv_ns},
          {"bids", levels(x.book.bids, depth)},
          {"asks", levels(x.book.asks, depth)}};
}

json to_json(const latency_summary& x) {
  return {{"count", x.count},   {"p50_ns", x.p50_ns},   {"p90_ns", x.p90_ns},
          {"p99_ns", x.p99_ns}, {"p999_ns", x.p999_ns}, {"max_ns", x.max_ns}};
}

json to_json(const book_stats& x) {
  return {{"book", book_name(x.symbol)},
          {"healthy", x.healthy},
          {"reason", x.reason},
          {"frames", x.frames},
          {"applied", x.applied},
          {"dropped", x.dropped},
          {"resyncs", x.resyncs},
          {"unhealthy_count", x.unhealthy_count},
          {"views_sent", x.views_sent},
          {"clock_skew", x.clock_skew},
          {"conflated", x.conflated},
          {"mailbox_max", x.mailbox_max},
          {"exchange_to_receipt", to_json(x.exchange_to_receipt)},
          {"receipt_to_applied", to_json(x.receipt_to_applied)}};
}

json to_json(const strategy_status& x) {
  return {{"id", x.id},
          {"symbols", x.symbols},
          {"venues", x.venues},
          {"opportunities_seen", x.opportunities_seen},
          {"trades_started", x.trades_started},
          {"last_spread", x.last_spread.to_string()}};
}

json to_json(const order& x) {
  json j{{"client_order_id", x.client_order_id},
         {"venue_order_id", x.id},
         {"book", book_name(x.symbol)},
         {"side", to_string(x.order_side)},
         {"type", to_string(x.type)},
         {"amount", x.amount.to_string()},
         {"price", x.has_price ? json(x.price.to_string()) : json(nullptr)},
         {"filled", x.filled.to_string()},
         {"remaining", x.remaining.to_string()},
         {"status", to_string(x.status)},
         {"ts_ns", x.ts_ns}};
  if (x.has_average_price)
    j["average_price"] = x.average_price.to_string();
  if (x.has_fee)
    j["fee"] = x.fee.to_string();
  return j;
}

json to_json(const trade_record& x) {
  return {{"trade_id", x.trade_id},
          {"opportunity_id", x.opportunity_id},
          {"strategy_id", x.strategy_id},
          {"symbol", x.base + "/" + x.quote},
          {"state", x.state},
          {"outcome", x.outcome},
          {"pnl_krw", x.pnl_krw.to_string()},
          {"fees_krw", x.fees_krw.to_string()},
          {"created_ns", x.created_ns},
          {"updated_ns", x.updated_ns}};
}

json to_json(const balance& x) {
  return {{"venue", to_string(x.venue)},
          {"currency", x.currency},
          {"free", x.free.to_string()},
          {"used", x.used.to_string()},
          {"total", x.total.to_string()},
          {"ts_ns", x.ts_ns}};
}

json to_json(const portfolio_snapshot& x) {
  json balances = json::array();
  for (auto& b : x.balances)
    balances.push_back(to_json(b));
  return {{"balances", balances},
          {"realised_pnl_krw", x.realised_pnl_krw.to_string()},
          {"daily_pnl_krw", x.daily_pnl_krw.to_string()},
          {"fees_krw", x.fees_krw.to_string()},
          {"day", x.day},
          {"trades", x.trades},
          {"start", decimals(x.start)},
          {"exposure", decimals(x.exposure)},
          {"funding_pnl", decimals(x.funding_pnl)},
          {"ts_ns", x.ts_ns}};
}

json to_json(const position& x) {
  return {{"book", book_name(x.symbol)},
          {"side", x.position_side == side::buy ? "long" : "short"},
          {"amount", x.amount.to_string()},
          {"entry_price", x.entry_price.to_string()},
          {"mark_price", x.mark_price.to_string()},
          {"unrealized_pnl", x.unrealized_pnl.to_string()},
          {"margin", x.margin.to_string()},
          {"leverage", x.leverage},
          {"liquidation_price", x.liquidation_price.to_string()},
          {"ts_ns", x.ts_ns}};
}

json to_json(const funding_rate& x) {
  json out{{"venue", to_string(x.venue)},
           {"symbol", x.symbol},
           {"rate", x.rate.to_string()},
           {"next_funding_ns", x.next_funding_ns},
           {"interval_s", x.funding_interval_s},
           {"ts_ns", x.ts_ns}};
  if (x.has_predicted)
    out["predicted_rate"] = x.predicted_rate.to_string();
  return out;
}

json to_json(const mark_price& x) {
  return {{"book", book_name(x.symbol)},
          {"mark", x.mark.to_string()},
          {"index", x.index.to_string()},
          {"ts_ns", x.ts_event_ns}};
}

json to_json(const funding_board& x) {
  json rates = json::array();
  for (auto& f : x.rates)
    rates.push_back(to_json(f));
  json payments = json::array();
  for (auto& p : x.recent)
    payments.push_back(funding::payment_json(p));
  return {{"rates", rates},
          {"spread", decimals(x.spread)},
          {"funding_pnl", decimals(x.funding_pnl)},
          {"payments", payments},
          {"ts_ns", x.ts_ns}};
}

json to_json(const position_book& x) {
  json positions = json::array();
  for (auto& p : x.positions)
    positions.push_back(to_json(p));
  // One line per asset: perpetuals, spot, their sum and its value.
  json assets = json::object();
  auto put = [&](const std::map<std::string, decimal>& xs, const char* key) {
    for (auto& [asset, v] : xs)
      assets[asset][key] = v.to_string();
  };
  put(x.perp_net, "perp");
  put(x.spot_net, "spot");
  put(x.net, "net");
  put(x.exposure, "notional");
  return {{"positions", positions}, {"assets", assets}, {"ts_ns", x.ts_ns}};
}

} // namespace karb::inspector
