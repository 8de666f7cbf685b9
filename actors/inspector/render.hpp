#pragma once

// JSON forms of the node's status types for the inspector (pure). Decimals
// are exact strings; nothing here carries a secret (no message type does).

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/settings.hpp"
#include "messages/admin.hpp"
#include "messages/derivatives.hpp"
#include "messages/events.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"
#include "messages/portfolio.hpp"
#include "messages/risk.hpp"
#include "messages/strategy.hpp"
#include "messages/trading.hpp"

namespace karb::inspector {

nlohmann::json to_json(const child_status& x);
nlohmann::json to_json(const node_status& x);
nlohmann::json to_json(const venue_status& x);
nlohmann::json to_json(const event& x);

// -- trading (render_trading.cpp) ---------------------------------------------

/// "upbit:KRW-BTC"
std::string book_name(const instrument& x);
/// The book's levels, best first, at most `depth` per side.
nlohmann::json to_json(const book_view& x, size_t depth);
nlohmann::json to_json(const latency_summary& x);
nlohmann::json to_json(const book_stats& x);
nlohmann::json to_json(const strategy_status& x);
nlohmann::json to_json(const order& x);
nlohmann::json to_json(const trade_record& x);
nlohmann::json to_json(const balance& x);
nlohmann::json to_json(const portfolio_snapshot& x);
nlohmann::json to_json(const position& x);
nlohmann::json to_json(const funding_rate& x);
nlohmann::json to_json(const mark_price& x);
nlohmann::json to_json(const funding_board& x);
nlohmann::json to_json(const position_book& x);

// -- risk (render_risk.cpp) ----------------------------------------------------

/// The risk report: halt, breaker, usage per quote, positions by distance
/// to liquidation, denials by reason.
nlohmann::json to_json(const risk_status& x);
nlohmann::json to_json(const config::risk_settings& x);
nlohmann::json to_json(const flatten_report& x);

/// {"error": message}
std::string error_reply(const std::string& message);

} // namespace karb::inspector
