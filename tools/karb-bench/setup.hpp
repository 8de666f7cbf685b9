#pragma once

// The files a bench run needs: the node's YAML configuration (both venues
// on the simulator, one spread strategy per symbol, limits wide enough for
// hundreds of trades) and the simulator's accounts (large balances of
// every asset).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace karb::bench {

struct market {
  std::string base;  ///< "BTC"
  double mid = 0;    ///< KRW, from the simulator's /state
};

struct node_files {
  std::filesystem::path dir;
  int upbit_port = 0;
  int bithumb_port = 0;
  std::vector<market> markets;
  double order_krw = 20000;  ///< notional of one leg
  std::string scheduler = "sharing";  ///< node.scheduler
  int threads = 2;                    ///< node.scheduler_threads
  bool hot_loop = true;               ///< node.hot_loop
};

/// The node's configuration (store, log and ports under `f.dir`).
std::string node_yaml(const node_files& f);

/// Accounts JSON for karb-sim with every listed asset worth about
/// `asset_krw` and `krw` of cash per venue.
std::string sim_accounts(const std::vector<market>& markets, double asset_krw,
                         double krw);

/// The simulator's paper keys, as the node reads them from its environment.
std::map<std::string, std::string> node_env();

} // namespace karb::bench
