#pragma once

// OKX v5 JSON objects (pure): instruments, tickers, trades, orders,
// balances, positions, funding, and the {"code","msg","data"} envelope.
// Every number is a string, as OKX sends them.

#include <string>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/okx_venue.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

/// {"code":"0","msg":"","data":[...]}
std::string okx_envelope(const ojson& data, const std::string& code = "0",
                         const std::string& msg = "");
ojson okx_instrument_json(const okx_inst& i, time_ms list_time);
ojson okx_ticker_json(const okx_inst& i, const tape& t, const book& b,
                      time_ms now);
ojson okx_trade_json(const okx_inst& i, const trade_print& p);
/// The order object (GET /trade/order, orders channel); `fill` the fill
/// this push reports (fillSz/fillPx/tradeId), else the last one.
ojson okx_order_json(const okx_venue& v, const okx_order& o,
                     const bn_fill* fill = nullptr);
/// data[0] of GET /account/balance (`ccys` empty: every currency).
ojson okx_balance_json(const okx_venue& v, const std::string& key,
                       const std::vector<std::string>& ccys, time_ms now);
/// The swap positions of `key` (non-flat; `inst_id` "" = all).
ojson okx_positions_json(okx_venue& v, const std::string& key,
                         const std::string& inst_id, time_ms now,
                         bool include_flat = false);
ojson okx_funding_json(const okx_venue& v, size_t m, time_ms now);
ojson okx_mark_json(const okx_venue& v, size_t m, time_ms now);

} // namespace karb::sim
