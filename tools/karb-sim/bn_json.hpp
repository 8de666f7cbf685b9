#pragma once

// Binance objects as the REST API prints them: orders (spot ACK / RESULT /
// FULL / query / cancel shapes, USD-M order shape), trades, numbers as
// strings with the venue's decimals. Pure.

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bn_engine.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

/// Printed decimals of one symbol: spot 8 everywhere; USD-M the tick's for
/// prices, the step's for quantities, 8 for money.
struct bn_format {
  int price = 8, qty = 8, money = 8;
  std::string p(decimal d) const { return fixed(d, price); }
  std::string q(decimal d) const { return fixed(d, qty); }
  std::string m(decimal d) const { return fixed(d, money); }
};

bn_format bn_format_for(venue_kind v, size_t market);

enum class spot_shape { ack, result, full, query, cancel };

/// A spot order (POST reply in ACK/RESULT/FULL, GET, DELETE).
ojson spot_order_json(const bn_order& o, spot_shape shape);
/// A USD-M order (POST/GET/DELETE reply, lists).
ojson usdm_order_json(const bn_order& o);
/// One /api/v3/myTrades or /fapi/v1/userTrades row.
ojson trade_row_json(venue_kind v, const bn_order& o, const bn_fill& f);

/// `{"code":-1121,"msg":"Invalid symbol."}`.
std::string bn_error_body(int code, const std::string& msg);

} // namespace karb::sim
