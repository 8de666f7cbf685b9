#pragma once

// End to end on the derivatives venues: one karb-sim serving OKX and Bybit
// (spot and perpetuals on one account each) and Binance spot and USD-M,
// and the karb binary with the six venues okx_spot, okx_swap, bybit_spot,
// bybit_linear (cross), binance_spot, binance_usdm (isolated), leverage 5,
// the strategies and risk lines a test gives (a risk line replaces the
// default of its key), the paper keys in its environment.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/decimal.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {

class derivatives_env {
public:
  /// Starts karb-sim; check ok().
  explicit derivatives_env(const std::string& name);
  ~derivatives_env();

  bool ok() const { return sim_ && sim_->ok(); }
  std::string error() const { return sim_ ? sim_->error() : "no sim"; }
  int admin() const { return sim_->port("admin"); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path db() const { return dir_ / "karb.db"; }
  std::filesystem::path log() const { return dir_ / "karb.log"; }

  /// Writes the configuration with these YAML lines under `strategies:`
  /// and extra lines under `risk:` (indented by two), and starts the node.
  void start_node(const std::vector<std::string>& strategies,
                  const std::vector<std::string>& risk = {});
  node_process& node() { return *node_; }

  /// The dev account's signed position on a simulated perpetual (sim
  /// venue "okx", "bybit" or "binance_usdm", the venue's symbol), from
  /// GET /state.
  decimal position(const std::string& sim_venue, const std::string& symbol);
  /// The dev account's total of `ccy` (OKX cashBal, Bybit wallet).
  decimal held(const std::string& sim_venue, const std::string& ccy);
  /// Orders still live at the simulator.
  size_t live_orders();

  /// The node's inspector port (0 until published).
  int inspect_port();
  /// Runs `karb-inspect --port P ARGS`: exit code and output.
  cli_result inspect(const std::string& args);

private:
  std::filesystem::path dir_;
  std::unique_ptr<sim_process> sim_;
  std::unique_ptr<node_process> node_;
};

} // namespace karb::test
