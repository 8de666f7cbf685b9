#pragma once

// End-to-end harness: karb-sim and the karb node as child processes on
// ephemeral ports, a generated node configuration, and read-only views of
// what each side recorded (the simulator's /state, the node's SQLite store
// and JSON log). Every wait is bounded by a deadline.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include "messages/decimal.hpp"
#include "tests/integration/sim_process.hpp"

namespace karb::test {

using std::chrono::milliseconds;

/// Polls `done` every `step` until it holds or `limit` passes.
bool wait_until(const std::function<bool()>& done, milliseconds limit,
                milliseconds step = milliseconds{100});

/// What the generated node configuration varies.
struct node_config {
  int upbit_port = 0;
  int bithumb_port = 0;
  std::filesystem::path dir;                   ///< store, log
  std::map<std::string, std::string> risk;     ///< overrides risk: keys
  std::map<std::string, std::string> strategy; ///< overrides strategy keys
  std::map<std::string, std::string> execution;
  std::map<std::string, std::string> alerts;   ///< overrides alerts: keys
  /// Venues run without their private stream (REST answers and polls only).
  std::set<std::string> no_private_stream;
};

/// The node's YAML for `c` (store dir/karb.db, audit dir/audit.jsonl,
/// log dir/karb.log, inspector and API on port 0).
std::string node_yaml(const node_config& c);

/// The `karb` binary as a child process (output to dir/node.out).
class node_process {
public:
  node_process(const std::filesystem::path& config,
               const std::filesystem::path& out);
  ~node_process(); ///< SIGKILL when still running
  node_process(const node_process&) = delete;
  node_process& operator=(const node_process&) = delete;

  bool running();
  /// The child's process id (for /proc).
  pid_t pid() const { return pid_; }
  /// Sends `sig` (e.g. SIGHUP); false when the node is not running.
  bool signal(int sig);
  /// SIGTERM, then waits up to `limit`: the exit code, -1 on timeout
  /// (then killed) or when killed by a signal.
  int stop(milliseconds limit = milliseconds{15000});
  /// SIGKILL and reap.
  void kill9();

private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

/// What a finished `karb` command printed (stdout and stderr) and its exit
/// code (-1: killed at the deadline or by a signal).
struct cli_result {
  int rc = -1;
  std::string out;
};
/// Runs the `karb` binary with `args` and the simulator's paper keys in its
/// environment; bounded by `limit`.
cli_result run_karb(const std::vector<std::string>& args,
                    milliseconds limit = milliseconds{30000});

/// The node's log lines (JSON objects; unparsable lines skipped).
std::vector<nlohmann::json> log_lines(const std::filesystem::path& log);
/// Lines whose "event" is `name`.
std::vector<nlohmann::json> events_named(const std::filesystem::path& log,
                                         const std::string& name);

/// The simulator's admin view.
nlohmann::json sim_state(int admin_port);
/// POST /fault; true when accepted.
bool sim_fault(int admin_port, const nlohmann::json& body);

/// The fault that moves Bithumb's mids `bp` basis points (0: back).
nlohmann::json shift_bithumb(int bp);

/// Balance + locked of `currency` of the dev account on `venue`.
decimal sim_total(const nlohmann::json& state, const std::string& venue,
                  const std::string& currency);
/// Every order at the simulator, each with an added "venue" field.
std::vector<nlohmann::json> sim_orders(const nlohmann::json& state);

struct store_order {
  std::string client_order_id, trade_id, venue, role, side, status, filled;
  decimal fee; ///< the order's total fee (KRW)
};
struct store_trade {
  std::string trade_id, state, outcome;
  decimal pnl_krw, fees_krw;
};
struct store_fill {
  std::string client_order_id, exchange, side;
  decimal price, volume, fee;
  std::string fee_currency;
};

/// Read-only views of the node's store (empty when it does not exist).
std::vector<store_order> store_orders(const std::filesystem::path& db);
std::vector<store_trade> store_trades(const std::filesystem::path& db);
/// The trades of one strategy id, oldest first.
std::vector<store_trade> store_trades_of(const std::filesystem::path& db,
                                         const std::string& strategy_id);
std::vector<store_fill> store_fills(const std::filesystem::path& db);
/// The `detail` of every audit row with this `step`, oldest first.
std::vector<std::string> store_audit(const std::filesystem::path& db,
                                     const std::string& step);

/// The first stored order on `venue` (nullptr when none).
const store_order* first_on(const std::vector<store_order>& orders,
                            const std::string& venue);
/// Not on a temporary: the pointer would outlive it.
const store_order* first_on(std::vector<store_order>&& orders,
                            const std::string& venue) = delete;
/// True when the stored order has a filled volume above zero.
bool has_fill(const store_order& o);

/// The first column of the first row of `sql` (0 when none).
int64_t store_int(const std::filesystem::path& db, const char* sql);

/// A trade state the node will not touch again.
bool is_final_trade_state(const std::string& s);
/// An order status the node will not touch again.
bool is_terminal_order_status(const std::string& s);

/// One simulator and one node per test, in a fresh temp directory.
class trading_env {
public:
  /// Starts karb-sim (`extra_sim_args` appended); check sim_ok().
  explicit trading_env(const std::string& name,
                       std::vector<std::string> extra_sim_args = {});
  ~trading_env();

  bool sim_ok() const { return sim_ && sim_->ok(); }
  std::string sim_error() const { return sim_ ? sim_->error() : "no sim"; }
  int admin() const { return sim_->port("admin"); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path db() const { return dir_ / "karb.db"; }
  std::filesystem::path log() const { return dir_ / "karb.log"; }

  /// Config overrides for the next start_node().
  node_config cfg;

  /// Writes the config and starts the node (the same store every time).
  void start_node();
  node_process& node() { return *node_; }
  /// Clean stop (SIGTERM); the exit code.
  int stop_node();
  void kill_node();

  /// Waits until the node started last reported both venues' books
  /// healthy.
  bool wait_books(milliseconds limit);
  /// Waits until the node started last connected the private stream of
  /// every venue that has one (fills arrive as they happen from then on).
  bool wait_private_streams(milliseconds limit);
  /// Waits until at least `n` trades are final in the store.
  bool wait_final_trades(size_t n, milliseconds limit);
  /// Waits until the node started last has reconciled both venues at
  /// start (before that, a quiet store is only what the node before it
  /// left), every stored trade is final, no stored order is non-terminal,
  /// the simulator has no live order, and this holds on two polls in a
  /// row.
  bool wait_quiet(milliseconds limit);

  /// The simulator's starting state (taken at construction).
  nlohmann::json start_state;

  /// The node's inspector port from its log (0 when not yet published).
  int inspect_port();

  /// A diagnostic dump (trades, orders, sim orders) for failure messages.
  std::string dump();

private:
  std::filesystem::path dir_;
  std::unique_ptr<sim_process> sim_;
  std::unique_ptr<node_process> node_;
  /// The venues named by `event` lines (with fields.`key` == `value`
  /// when a key is given) that the node started last has logged.
  std::set<std::string> venues_since_start(const std::string& event,
                                           const std::string& key = {},
                                           const std::string& value = {});
  /// The log's lines before the last start_node().
  size_t log_mark_ = 0;
  bool keep_ = false;
};

} // namespace karb::test
