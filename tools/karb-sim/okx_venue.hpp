#pragma once

// What an OKX venue owns: spot instruments (BTC-USDT, ...) and USDT swaps
// (BTC-USDT-SWAP, ...) on one unified account. The spot side reuses the
// Binance spot engine, the swap side the USD-M engine and perp ledger
// (quantities there in base units; OKX sizes in contracts = base / ctVal).
// One USDT cash balance: after every change the two engines' USDT are
// brought back to one number (sync()). OKX order ids, client ids, amends,
// the `books` sequencers (okx_book) and the private pushes live here.
// Pure: time is an argument.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <variant>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bn_venue.hpp"
#include "tools/karb-sim/okx_book.hpp"

namespace karb::sim {

struct okx_feed;

/// One OKX instrument, derived from the listed markets.
struct okx_inst {
  std::string inst_id; ///< "BTC-USDT" or "BTC-USDT-SWAP"
  std::string base;    ///< "BTC"
  std::string symbol;  ///< the engine's symbol, "BTCUSDT"
  bool swap = false;
  size_t market = 0;
  decimal ct_val;      ///< swap: base per contract (spot: 1)
  decimal tick, lot, min_sz;
};

/// Spot instruments first, then the swaps, in markets() order.
const std::vector<okx_inst>& okx_instruments();
const okx_inst* find_okx_inst(std::string_view inst_id);
/// "BTC-USDT-SWAP" of market `m`.
const okx_inst& okx_inst_of(size_t m, bool swap);

/// An order as OKX shows it; its fills live in the engine's orders
/// (`legs`: an amend replaces the engine order, the last leg is current).
struct okx_order {
  std::string ord_id, cl_ord_id, inst_id, account;
  std::string ord_type, td_mode, tgt_ccy, side;
  bool swap = false;
  bool reduce_only = false;
  decimal sz, px;        ///< as requested (contracts on SWAP)
  std::vector<int64_t> legs;
  time_ms c_time = 0, u_time = 0;
  std::string cancel_source;
  std::string category = "normal"; ///< full_liquidation: the venue's close
};

/// The aggregated execution of an okx_order.
struct okx_exec {
  std::string state;            ///< live, partially_filled, filled, canceled
  decimal acc_fill_sz;          ///< contracts on SWAP
  decimal avg_px, fee;          ///< fee negative when paid
  std::string fee_ccy;
  decimal pnl;                  ///< swap realised PnL
  const bn_fill* last = nullptr;
};

struct okx_key_info {
  std::string passphrase;
  decimal spot_cash;  ///< spot USDT free + locked at the last sync
  decimal wallet;     ///< swap wallet at the last sync
};

/// A refusal: OKX code and message (sCode/sMsg for order calls).
struct okx_error {
  std::string code, msg;
};

class okx_venue {
public:
  okx_venue(size_t index, uint64_t seed, time_ms start);

  void load_accounts(const nlohmann::json& list);
  bool has_account(const std::string& key) const;
  /// Secret and passphrase of a key (nullptr when unknown).
  const bn_account* account(const std::string& key) const;
  const okx_key_info* key_info(const std::string& key) const;

  /// Regenerates the spot books (`spot_books`, the venue's own) and the
  /// swap books, matches resting orders, prints background trades, moves
  /// marks and settles funding when due.
  void step(const price_model& model, time_ms now, double trade_prob,
            rng& random, std::vector<book>& spot_books,
            std::vector<tape>& spot_tapes);
  /// The public frames of market `m` for this step.
  std::shared_ptr<const okx_feed>
  feed(size_t m, const book& spot_book, std::vector<trade_print> spot_prints,
       const tape& spot_tape, time_ms now, bool stale);
  /// The snapshot frame of a new `books` subscription ("" when unknown).
  std::string book_snapshot(const std::string& inst_id) const;

  /// Brings every account's USDT back to one balance (see the header).
  void sync();

  // -- trading (okx_trade.cpp) -------------------------------------------------
  std::variant<okx_order*, okx_error> place(const std::string& key,
                                            const nlohmann::json& args,
                                            std::vector<book>& spot_books,
                                            std::vector<tape>& spot_tapes,
                                            time_ms now, decimal ratio);
  std::variant<okx_order*, okx_error> cancel(const std::string& key,
                                             const nlohmann::json& args,
                                             time_ms now);
  std::variant<okx_order*, okx_error> amend(const std::string& key,
                                            const nlohmann::json& args,
                                            std::vector<book>& spot_books,
                                            std::vector<tape>& spot_tapes,
                                            time_ms now);
  /// By ordId or clOrdId of the key's orders on `inst_id`.
  okx_order* find(const std::string& key, const std::string& inst_id,
                  const std::string& ord_id, const std::string& cl_ord_id);
  okx_exec exec_of(const okx_order& o) const;
  const bn_order* leg(const okx_order& o, size_t k) const;

  /// Private pushes since the last call: type orders / account / positions,
  /// `code` the instType, `text` the data array.
  struct push {
    std::string account, type, inst_type, inst_id, text;
  };
  std::vector<push> take_private(time_ms now);

  /// Faults on the `books` channel: "" = every instrument.
  void add_book_fault(const std::string& inst_id, bool checksum, int count);
  void clear_book_faults();

  /// Accounts, open orders, funding (admin GET /state).
  nlohmann::json state(time_ms now) const;

  binance_venue spot, swap;
  std::vector<book> swap_books;
  std::vector<tape> swap_tapes;
  std::vector<int64_t> swap_published;
  std::map<std::string, okx_book_seq> seqs; ///< by instId
  std::map<std::string, okx_order> orders;  ///< by ordId
  std::map<std::string, okx_key_info> keys;
  std::map<std::pair<bool, int64_t>, std::string> by_leg;
  std::set<std::pair<bool, int64_t>> silent; ///< legs amended away
  std::map<std::string, time_ms> rate_windows; ///< rate limiter buckets
  std::map<std::string, int> rate_counts;
  std::vector<std::string> canceled_post_only; ///< to push as canceled
  bool rate_limits = true;
  int64_t next_ord_id;

private:
  std::vector<trade_print> new_swap_prints(size_t m);
  /// A venue-made liquidation close (an engine order of no okx_order):
  /// listed as an OKX order from now on; its by_leg entry.
  std::map<std::pair<bool, int64_t>, std::string>::iterator
  adopt_liquidation(const bn_order& leg);
  time_ms last_funding_push_ = 0;
  bool funding_due_ = false;
};

/// One public frame: the subscription it belongs to and its text.
struct okx_frame {
  std::string channel, inst_id, text;
};
struct okx_feed {
  std::vector<okx_frame> frames;
};

/// The built-in dev account (the "okx" section of accounts.dev.json).
nlohmann::json okx_dev_account();

/// OKX number strings: decimal without trailing zeros.
inline std::string okx_num(decimal d) { return d.to_string(); }
/// Book levels of a side in OKX strings (swap sizes in contracts).
std::vector<okx_level> okx_levels(const std::vector<price_level>& side,
                                  const okx_inst& inst);

} // namespace karb::sim
