#pragma once

// End to end with config/demo.yaml: one karb-sim serving the demo's six
// venues (Upbit, Bithumb, Binance spot, OKX, Bybit, Binance USD-M) on
// ephemeral ports with a request log, and the karb binary with the demo
// configuration rewritten for those ports and a temp directory (the
// derivatives strategies off), the paper keys in its environment. Also
// the order invariant over all six venues, and the node's /metrics.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/decimal.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {

/// A text edit of the configuration: `from` (which must occur) -> `to`.
using yaml_edit = std::pair<std::string, std::string>;

/// config/demo.yaml on `sim`'s ports, writing into `dir`, API and
/// inspector on port 0, the derivatives strategies disabled; then
/// `edits`. Throws std::runtime_error when an edit's text is missing.
std::string demo_yaml(const sim_process& sim, const std::filesystem::path& dir,
                      const std::vector<yaml_edit>& edits = {});

/// The dev account's total `ccy` on a USDT venue of the simulator
/// ("binance_spot", "okx", "bybit"), from GET /state.
decimal usdt_venue_held(const nlohmann::json& state, const std::string& venue,
                        const std::string& ccy);

/// The sum of every sample of `name` (any labels) in Prometheus text.
double metric_sum(const std::string& text, const std::string& name);
/// The samples of `name` summed per value of its label `label` (samples
/// without that label left out).
std::map<std::string, double> metric_by(const std::string& text,
                                        const std::string& name,
                                        const std::string& label);

class demo_env {
public:
  /// Starts karb-sim (`seed`); check ok().
  demo_env(const std::string& name, int seed = 7);
  ~demo_env(); ///< removes the directory unless a test failed

  bool ok() const { return sim_ && sim_->ok(); }
  std::string error() const { return sim_ ? sim_->error() : "no sim"; }
  int admin() const { return sim_->port("admin"); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path db() const { return dir_ / "karb-demo.db"; }
  std::filesystem::path log() const { return dir_ / "karb-demo.log"; }
  std::filesystem::path audit() const { return dir_ / "audit-demo.jsonl"; }
  std::filesystem::path requests() const { return dir_ / "requests.jsonl"; }

  /// Writes the configuration (demo_yaml with `edits`) and starts the node.
  void start_node(const std::vector<yaml_edit>& edits = {});
  node_process& node() { return *node_; }
  /// Clean stop (SIGTERM); the exit code.
  int stop_node();

  /// The node's API port from its log (0 until it serves).
  int api_port();
  /// metric_sum of the node's GET /metrics; nullopt when unreachable.
  std::optional<double> metric(const std::string& name);
  /// The node's GET /metrics text ("" when unreachable).
  std::string metrics_text();

  /// Orders still live at the simulator, any venue.
  size_t sim_live_orders();
  /// Waits until every stored trade is final, no stored order is
  /// non-terminal and the simulator has no live order, on two polls in a
  /// row.
  bool wait_quiet(milliseconds limit);

  /// The simulator's state when it started.
  nlohmann::json start_state;

private:
  std::filesystem::path dir_;
  std::unique_ptr<sim_process> sim_;
  std::unique_ptr<node_process> node_;
  int api_port_ = 0;
};

/// The order invariant over the six venues: every order of the node's
/// (client id prefix `karb-`) the simulator lists — Upbit and Bithumb all
/// of them, the others their open ones — is in the store in an agreeing
/// state; no client id was placed twice (the request log); BTC flat
/// between Upbit and Bithumb at the simulator, and bought = sold over the
/// USDT venues in the store's fills (their fees are charged in BTC).
struct demo_invariant {
  int venue_orders = 0; ///< the simulator's listed orders of the node
  int placed = 0;       ///< client ids the simulator accepted, all venues
  int ghosts = 0;
  int duplicates = 0;
  decimal krw_net_btc;  ///< Upbit + Bithumb BTC moved (simulator)
  decimal usdt_net_btc; ///< bought - sold on the USDT venues (store)
  std::vector<std::string> problems;

  bool clean() const {
    return ghosts == 0 && duplicates == 0 && krw_net_btc.is_zero()
           && usdt_net_btc.is_zero();
  }
  std::string text() const;
};

demo_invariant check_demo_invariant(demo_env& env);

} // namespace karb::test
