#pragma once

// Bybit v5 objects as the REST API and the private stream print them:
// the envelope, orders, executions, positions, the UNIFIED wallet. Numbers
// as strings, retCode a number. Pure.

#include <string>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/by_venue.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

/// `{"retCode":code,"retMsg":msg,"result":result,"retExtInfo":{},"time":now}`.
std::string by_envelope(int code, const std::string& msg, const ojson& result,
                        time_ms now);
/// Bybit's orderStatus of an engine order.
const char* by_status(by_cat c, const bn_order& o);
/// An order (GET /v5/order/realtime, /history, the `order` push).
ojson by_order_json(by_cat c, const bn_order& o);
/// One fill (GET /v5/execution/list, the `execution` push).
ojson by_execution_json(by_cat c, const bn_order& o, const bn_fill& f);
/// The linear position of `symbol` (GET /v5/position/list, `position`).
ojson by_position_json(const bybit_venue& v, const bn_account& a,
                       const std::string& symbol);
/// The UNIFIED wallet (list[0] of /v5/account/wallet-balance, `wallet`);
/// `coin` "" = every coin.
ojson by_wallet_json(bybit_venue& v, const std::string& key,
                     const std::string& coin = {});

} // namespace karb::sim
