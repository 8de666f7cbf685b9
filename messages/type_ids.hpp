#pragma once

// The project's one type-ID block (CAF 0.17.6: it records names, which
// `add_message_types<caf::id_block::karb>()` registers). Every type that
// crosses a process boundary (inspector, remote nodes) must be listed here,
// or it arrives remotely as an empty message.

#include <string>
#include <vector>

#include <caf/type_id.hpp>

#include "messages/admin.hpp"
#include "messages/arbitrage.hpp"
#include "messages/decimal.hpp"
#include "messages/derivatives.hpp"
#include "messages/events.hpp"
#include "messages/execution.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"
#include "messages/portfolio.hpp"
#include "messages/risk.hpp"
#include "messages/trading.hpp"
#include "messages/venue_io.hpp"
#include "messages/strategy.hpp"

CAF_BEGIN_TYPE_ID_BLOCK(karb, caf::first_custom_type_id)

  // -- value types ------------------------------------------------------------
  CAF_ADD_TYPE_ID(karb, (karb::decimal))
  CAF_ADD_TYPE_ID(karb, (karb::instrument))
  CAF_ADD_TYPE_ID(karb, (karb::price_level))
  CAF_ADD_TYPE_ID(karb, (karb::order_book))
  CAF_ADD_TYPE_ID(karb, (karb::trade))
  CAF_ADD_TYPE_ID(karb, (karb::ticker))
  CAF_ADD_TYPE_ID(karb, (karb::funding_rate))
  CAF_ADD_TYPE_ID(karb, (karb::order))
  CAF_ADD_TYPE_ID(karb, (karb::fill))
  CAF_ADD_TYPE_ID(karb, (karb::balance))
  CAF_ADD_TYPE_ID(karb, (karb::position))
  CAF_ADD_TYPE_ID(karb, (karb::trading_signal))
  CAF_ADD_TYPE_ID(karb, (karb::arbitrage_opportunity))
  CAF_ADD_TYPE_ID(karb, (karb::event))
  CAF_ADD_TYPE_ID(karb, (karb::child_status))
  CAF_ADD_TYPE_ID(karb, (karb::node_status))
  CAF_ADD_TYPE_ID(karb, (karb::venue_status))
  CAF_ADD_TYPE_ID(karb, (karb::book_view))
  CAF_ADD_TYPE_ID(karb, (karb::order_request))
  CAF_ADD_TYPE_ID(karb, (karb::order_ack))
  CAF_ADD_TYPE_ID(karb, (karb::order_update))
  CAF_ADD_TYPE_ID(karb, (karb::risk_verdict))
  CAF_ADD_TYPE_ID(karb, (karb::trade_report))
  CAF_ADD_TYPE_ID(karb, (karb::attempt_outcome))
  CAF_ADD_TYPE_ID(karb, (karb::risk_status))
  CAF_ADD_TYPE_ID(karb, (karb::order_record))
  CAF_ADD_TYPE_ID(karb, (karb::trade_record))
  CAF_ADD_TYPE_ID(karb, (karb::audit_row))
  CAF_ADD_TYPE_ID(karb, (karb::recovery_set))
  CAF_ADD_TYPE_ID(karb, (karb::order_report))
  CAF_ADD_TYPE_ID(karb, (karb::portfolio_snapshot))
  CAF_ADD_TYPE_ID(karb, (karb::http_reply))
  CAF_ADD_TYPE_ID(karb, (karb::book_delta))
  CAF_ADD_TYPE_ID(karb, (karb::latency_summary))
  CAF_ADD_TYPE_ID(karb, (karb::book_stats))
  CAF_ADD_TYPE_ID(karb, (karb::strategy_status))

  // -- containers -------------------------------------------------------------
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::price_level>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::balance>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::order>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::event>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::child_status>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::fill>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::trade_record>))
  CAF_ADD_TYPE_ID(karb, (karb::mark_price))
  CAF_ADD_TYPE_ID(karb, (karb::instrument_spec))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::mark_price>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::instrument_spec>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::position>))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::funding_rate>))
  CAF_ADD_TYPE_ID(karb, (karb::funding_payment))
  CAF_ADD_TYPE_ID(karb, (std::vector<karb::funding_payment>))
  CAF_ADD_TYPE_ID(karb, (karb::funding_board))
  CAF_ADD_TYPE_ID(karb, (karb::position_book))
  CAF_ADD_TYPE_ID(karb, (karb::close_request))
  CAF_ADD_TYPE_ID(karb, (karb::flatten_report))

  // -- atoms for the node and its children -------------------------------------
  CAF_ADD_ATOM(karb, karb::atom, status, "status")
  CAF_ADD_ATOM(karb, karb::atom, restart, "restart")
  CAF_ADD_ATOM(karb, karb::atom, shutdown, "shutdown")
  CAF_ADD_ATOM(karb, karb::atom, crash, "crash")
  CAF_ADD_ATOM(karb, karb::atom, publish, "publish")
  CAF_ADD_ATOM(karb, karb::atom, subscribe, "subscribe")
  CAF_ADD_ATOM(karb, karb::atom, unsubscribe, "unsubscr")
  CAF_ADD_ATOM(karb, karb::atom, recent, "recent")
  CAF_ADD_ATOM(karb, karb::atom, tick, "tick")
  CAF_ADD_ATOM(karb, karb::atom, get, "get")
  CAF_ADD_ATOM(karb, karb::atom, ok, "ok")
  CAF_ADD_ATOM(karb, karb::atom, put, "put")

  // -- atoms for venues and market data ----------------------------------------
  CAF_ADD_ATOM(karb, karb::atom, rest, "rest")
  CAF_ADD_ATOM(karb, karb::atom, place, "place")
  CAF_ADD_ATOM(karb, karb::atom, cancel, "cancel")
  CAF_ADD_ATOM(karb, karb::atom, lookup, "lookup")
  CAF_ADD_ATOM(karb, karb::atom, balances, "balances")
  CAF_ADD_ATOM(karb, karb::atom, snapshot, "snapshot")
  CAF_ADD_ATOM(karb, karb::atom, open_orders, "openorders")
  CAF_ADD_ATOM(karb, karb::atom, positions, "positions")
  CAF_ADD_ATOM(karb, karb::atom, funding, "funding")
  CAF_ADD_ATOM(karb, karb::atom, instruments, "instrumnts")
  CAF_ADD_ATOM(karb, karb::atom, price, "price")
  CAF_ADD_ATOM(karb, karb::atom, ws_open, "ws_open")
  CAF_ADD_ATOM(karb, karb::atom, ws_data, "ws_data")
  CAF_ADD_ATOM(karb, karb::atom, ws_closed, "ws_closed")
  CAF_ADD_ATOM(karb, karb::atom, reconnect, "reconnect")
  CAF_ADD_ATOM(karb, karb::atom, heartbeat, "heartbeat")
  CAF_ADD_ATOM(karb, karb::atom, http_reply, "httpreply")
  CAF_ADD_ATOM(karb, karb::atom, drain, "drain")
  CAF_ADD_ATOM(karb, karb::atom, stats, "stats")
  CAF_ADD_ATOM(karb, karb::atom, resync, "resync")

  // -- atoms for strategy, risk and execution -----------------------------------
  CAF_ADD_ATOM(karb, karb::atom, check, "check")
  CAF_ADD_ATOM(karb, karb::atom, execute, "execute")
  CAF_ADD_ATOM(karb, karb::atom, expire, "expire")
  CAF_ADD_ATOM(karb, karb::atom, halt, "halt")
  CAF_ADD_ATOM(karb, karb::atom, resume, "resume")

  // -- atoms for derivatives: funding, positions, emergency stop -----------------
  CAF_ADD_ATOM(karb, karb::atom, settle, "settle")
  CAF_ADD_ATOM(karb, karb::atom, close, "close")
  CAF_ADD_ATOM(karb, karb::atom, flatten, "flatten")
  CAF_ADD_ATOM(karb, karb::atom, emergency, "emergency")

  // -- atoms for the store and the portfolio -------------------------------------
  CAF_ADD_ATOM(karb, karb::atom, intent, "intent")
  CAF_ADD_ATOM(karb, karb::atom, load, "load")
  CAF_ADD_ATOM(karb, karb::atom, refresh, "refresh")

  // -- atoms for configuration reload -------------------------------------------
  CAF_ADD_ATOM(karb, karb::atom, reload, "reload")
  CAF_ADD_ATOM(karb, karb::atom, remove, "remove")

CAF_END_TYPE_ID_BLOCK(karb)
