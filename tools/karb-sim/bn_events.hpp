#pragma once

// User data events as Binance pushes them: spot executionReport and
// outboundAccountPosition, USD-M ORDER_TRADE_UPDATE, ACCOUNT_UPDATE and
// listenKeyExpired. Pure renderers.

#include <string>

#include "tools/karb-sim/bn_engine.hpp"

namespace karb::sim {

std::string execution_report(const bn_order_event& e);
/// The account's balances of the assets in `e.items`.
std::string outbound_account_position(const bn_account& a,
                                      const bn_account_event& e);
std::string order_trade_update(const bn_order_event& e);
/// USDT wallet and the positions of the symbols in `e.items`.
std::string account_update(const bn_engine& eng, const bn_account& a,
                           const bn_account_event& e);
std::string listen_key_expired(const std::string& key, time_ms now);

} // namespace karb::sim
