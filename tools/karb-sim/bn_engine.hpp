#pragma once

// The matching engine of a Binance venue (spot or USD-M): accounts, orders
// with Binance's statuses and ids, filters with Binance's error codes, fills
// against the venue's published book, fees, spot balances or USD-M
// positions (perp_ledger), and the events the user data streams carry.
// Pure: no I/O, time is an argument.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/book.hpp"
#include "tools/karb-sim/perp_ledger.hpp"
#include "tools/karb-sim/rng.hpp"
#include "tools/karb-sim/tape.hpp"

namespace karb::sim {

enum class bn_status { new_order, partially_filled, filled, canceled, expired };
const char* to_string(bn_status s);

struct bn_fill {
  int64_t trade_id = 0;
  decimal price, qty, quote, commission, realized_pnl;
  std::string commission_asset;
  bool maker = false;
  time_ms at = 0;
};

struct bn_order {
  int64_t id = 0;
  std::string client_id;
  std::string cancel_client_id; ///< spot: the cancel request's client id
  std::string symbol, account;
  size_t market = 0;
  bool buy = true;
  std::string type;  ///< LIMIT, LIMIT_MAKER, MARKET
  std::string tif;   ///< GTC, IOC, FOK, GTX; "GTC" for MARKET as printed
  decimal price, orig_qty, orig_quote_qty, executed_qty, cum_quote;
  bn_status status = bn_status::new_order;
  time_ms time = 0, update_time = 0;
  bool reduce_only = false;
  decimal locked; ///< spot: reserved asset; USD-M: reserved initial margin
  std::vector<bn_fill> fills;

  bool open() const {
    return status == bn_status::new_order
           || status == bn_status::partially_filled;
  }
  decimal remaining() const { return orig_qty - executed_qty; }
  /// cum_quote / executed_qty (0 when nothing executed).
  decimal avg_price() const;
};

struct bn_balance {
  decimal free, locked;
};

struct bn_account {
  std::string api_key, secret;
  decimal maker_fee, taker_fee;
  std::map<std::string, bn_balance> balances; ///< spot
  perp_account perp;                          ///< USD-M
  time_ms update_time = 0;
};

/// A refusal with the HTTP status and Binance's code and message.
struct bn_error {
  int status = 400;
  int code = 0;
  std::string msg;
};

/// Order parameters as received (validated by place()).
struct bn_order_request {
  std::string symbol, side, type, tif, client_id;
  std::optional<std::string> price, quantity, quote_qty;
  bool reduce_only = false;
};

/// An order changed (executionReport / ORDER_TRADE_UPDATE).
struct bn_order_event {
  bn_order snapshot;
  std::string exec_type; ///< NEW, TRADE, CANCELED, EXPIRED
  std::optional<bn_fill> fill;
  time_ms at = 0;
};

/// An account changed (outboundAccountPosition / ACCOUNT_UPDATE).
struct bn_account_event {
  std::string account;
  std::string reason;          ///< USD-M: ORDER or FUNDING_FEE
  std::set<std::string> items; ///< spot: assets; USD-M: symbols
  time_ms at = 0;
};

/// The order type of a venue-made liquidation close (Binance `o.o`).
inline constexpr std::string_view bn_liquidation_type = "LIQUIDATION";

/// A position the venue closed at its liquidation price (USD-M).
struct bn_liquidation {
  std::string account, symbol;
  int64_t order_id = 0;      ///< the LIQUIDATION order ("autoclose-" id)
  bool buy = false;          ///< the closing side
  decimal qty, price;        ///< base units; the liquidation price
  decimal realized_pnl;      ///< signed, booked REALIZED_PNL
  decimal clearance_fee;     ///< paid, booked INSURANCE_CLEAR
  int64_t tran_id = 0;       ///< of the REALIZED_PNL income row
  time_ms time = 0;
};

using bn_result = std::variant<bn_order*, bn_error>;

class bn_engine {
public:
  bn_engine(venue_kind v, uint64_t seed);

  venue_kind kind() const { return kind_; }
  bool futures() const { return kind_ == venue_kind::binance_usdm; }

  bn_account& add_account(bn_account a);
  bn_account* find_account(std::string_view api_key);
  const std::map<std::string, bn_account>& accounts() const { return accounts_; }

  /// Validates (filters, funds or margin) and executes against `b` (the
  /// book of req.symbol), printing fills on `t`. `max_fill_ratio` < 1: the
  /// partial_fill fault.
  bn_result place(bn_account& a, const bn_order_request& req, book& b, tape& t,
                  time_ms now,
                  decimal max_fill_ratio = decimal::from_int(1));
  /// By id, or by client id when id is 0; nullptr if unknown.
  bn_order* find(const bn_account& a, int64_t id, std::string_view client_id);
  /// Cancels an open order (-2011 otherwise); `new_client_id` names the
  /// cancel (spot; generated when empty).
  bn_result cancel(bn_account& a, std::string_view symbol, int64_t id,
                   std::string_view orig_client_id,
                   std::string_view new_client_id, time_ms now);
  /// Fills resting limit orders of market `m` the new book crosses (maker).
  void match_resting(size_t m, book& b, tape& t, time_ms now);

  /// The account's orders by ascending id; "" = every symbol.
  std::vector<const bn_order*> orders_of(const bn_account& a,
                                         std::string_view symbol,
                                         bool open_only) const;
  const std::map<int64_t, bn_order>& orders() const { return orders_; }

  // -- USD-M ------------------------------------------------------------------
  void set_mark(const std::string& symbol, decimal mark) { marks_[symbol] = mark; }
  const mark_table& marks() const { return marks_; }
  decimal mark_of(const std::string& symbol) const;
  /// Initial margin reserved by the account's open orders.
  decimal open_order_margin(const bn_account& a) const;
  /// The position of `symbol` (created flat on first use).
  perp_position& position(bn_account& a, const std::string& symbol);
  /// Books funding for every position in `symbol`: wallet -= amt*mark*rate.
  void settle_funding(const std::string& symbol, decimal rate, decimal mark,
                      time_ms now);
  /// Closes every position whose mark has reached its liquidation price
  /// (perp_liquidation.hpp): a filled LIQUIDATION order with client id
  /// "autoclose-<time>", its ORDER_TRADE_UPDATE and ACCOUNT_UPDATE, income
  /// rows REALIZED_PNL and INSURANCE_CLEAR. Open orders stay.
  std::vector<bn_liquidation> liquidate(time_ms now);
  /// Changes leverage (1..125) or margin type; error when refused.
  std::optional<bn_error> set_leverage(bn_account& a, const std::string& symbol,
                                       int leverage);
  std::optional<bn_error> set_margin_type(bn_account& a,
                                          const std::string& symbol,
                                          bool isolated);

  std::vector<bn_order_event> take_order_events();
  std::vector<bn_account_event> take_account_events();

private:
  std::optional<bn_error> validate(bn_account& a, const bn_order_request& req,
                                   const book& b, bn_order& o);
  std::optional<bn_error> check_funds(bn_account& a, const book& b,
                                      bn_order& o);
  void execute(bn_order& o, bn_account& a, book& b, tape& t, time_ms now,
               decimal ratio);
  void fill_one(bn_order& o, bn_account& a, price_level& lvl, decimal price,
                decimal qty, bool maker, tape& t, time_ms now);
  void close(bn_order& o, bn_account& a, bn_status s, time_ms now, bool event);
  void emit(const bn_order& o, const char* exec, const bn_fill* f, time_ms now);
  void touch(bn_account& a, const std::string& item, const char* reason,
             time_ms now);
  std::string next_client_id();

  venue_kind kind_;
  rng rng_;
  int64_t next_order_id_;
  int64_t next_tran_id_;
  std::map<std::string, bn_account> accounts_;
  std::map<int64_t, bn_order> orders_;
  mark_table marks_;
  std::vector<bn_order_event> order_events_;
  std::vector<bn_account_event> account_events_;
};

} // namespace karb::sim
