// Configuration reload end to end: the karb binary against karb-sim, its
// YAML edited on disk, reloaded through `karb-inspect reload` and SIGHUP.
// An added strategy shows in `strategies` and in /metrics; a broken edit is
// refused whole and the node keeps running with what it had.

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;

struct cli_result {
  int rc = -1;
  std::string output;
};

cli_result inspect(int port, const std::string& args) {
  std::string cmd = KARB_BIN_DIR "/karb-inspect --port " + std::to_string(port)
                    + " " + args + " 2>&1";
  cli_result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p)
    return r;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), p))
    r.output.append(buf.data(), n);
  int status = pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p};
  return {std::istreambuf_iterator<char>{in}, {}};
}

std::string replace(std::string text, const std::string& from,
                    const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

/// The strategy instance ids `strategies --json` lists.
std::vector<std::string> strategy_ids(int port) {
  std::vector<std::string> out;
  auto r = inspect(port, "--json strategies");
  auto j = nlohmann::json::parse(r.output, nullptr, false);
  if (r.rc != 0 || j.is_discarded() || !j.contains("strategies"))
    return out;
  for (auto& s : j["strategies"])
    out.push_back(s.value("instance", s.value("id", "")));
  std::sort(out.begin(), out.end());
  return out;
}

int api_port(const std::filesystem::path& log) {
  for (auto& j : events_named(log, "api_serving"))
    return j["fields"].value("port", 0);
  return 0;
}

const std::string wide
  = "  - {id: btc-wide, type: spread_arbitrage, venues: [bithumb, upbit], "
    "symbols: [BTC], min_profit_rate: 0.01, max_size: 0.01}\n";

} // namespace

TEST(Reload, AddedStrategyRunsAndBrokenEditIsRefused) {
  trading_env env{"reload"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.start_node();
  int port = 0;
  ASSERT_TRUE(wait_until([&] { return (port = env.inspect_port()) > 0; },
                         15s));
  int mport = 0;
  ASSERT_TRUE(wait_until([&] { return (mport = api_port(env.log())) > 0; },
                         15s));
  using ids = std::vector<std::string>;
  ASSERT_TRUE(wait_until(
    [&] { return strategy_ids(port) == ids{"btc-spread:BTC"}; }, 15s))
    << inspect(port, "--json strategies").output;
  auto file = env.dir() / "karb.yaml";
  auto original = read_file(file);
  // Add a second strategy.
  auto added = replace(original, "risk:\n", wide + "risk:\n");
  std::ofstream{file} << added;
  auto r = inspect(port, "reload");
  EXPECT_EQ(r.rc, 0) << r.output;
  EXPECT_EQ(r.output, "reloaded: +strategies [btc-wide], -strategies [], "
                      "~strategies [], risk changes 0\n");
  EXPECT_TRUE(wait_until(
    [&] {
      return strategy_ids(port) == ids{"btc-spread:BTC", "btc-wide:BTC"};
    },
    10s))
    << inspect(port, "--json strategies").output;
  auto m = http_call(mport, "GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("karb_arbitrage_opportunities_total{strategy="
                        "\"btc-wide\",symbol=\"BTC\"}"),
            std::string::npos)
    << m.body;
  EXPECT_NE(m.body.find("karb_active_strategies 2"), std::string::npos)
    << m.body;
  // The node's real exposition passes promtool's checks (when installed).
  if (std::system("command -v promtool >/dev/null 2>&1") == 0) {
    auto text = env.dir() / "metrics.txt";
    auto out = env.dir() / "promtool.out";
    std::ofstream{text} << m.body;
    auto cmd = "promtool check metrics < " + text.string() + " > "
               + out.string() + " 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << read_file(out);
  }
  // A negative limit: refused, nothing changes, the node keeps running.
  std::ofstream{file} << replace(added, "max_position: {BTC: 0.1}",
                                 "max_position: {BTC: -1}");
  auto bad = inspect(port, "reload");
  EXPECT_EQ(bad.rc, 1);
  EXPECT_NE(bad.output.find("refused: " + file.string()
                            + ": risk.max_position.BTC"),
            std::string::npos)
    << bad.output;
  EXPECT_EQ(strategy_ids(port), (ids{"btc-spread:BTC", "btc-wide:BTC"}));
  // SIGHUP reloads too (here: a limit) and the node keeps waiting.
  std::ofstream{file} << replace(added, "max_position: {BTC: 0.1}",
                                 "max_position: {BTC: 0.2}");
  ASSERT_TRUE(env.node().signal(SIGHUP));
  std::string line;
  EXPECT_TRUE(wait_until(
    [&] {
      for (auto& j : events_named(env.log(), "reload_result"))
        line = j["fields"].value("result", "");
      return !line.empty();
    },
    10s));
  EXPECT_EQ(line, "reloaded: +strategies [], -strategies [], ~strategies "
                  "[], risk changes 1");
  auto risk = nlohmann::json::parse(inspect(port, "--json risk").output,
                                    nullptr, false);
  ASSERT_FALSE(risk.is_discarded());
  EXPECT_EQ(risk["limits"]["max_position"]["BTC"], "0.2") << risk.dump();
  EXPECT_TRUE(env.node().running());
  auto audited = events_named(env.log(), "config_reloaded");
  ASSERT_EQ(audited.size(), 2u);
  EXPECT_EQ(audited[1]["fields"]["risk"][0]["key"], "risk.max_position.BTC");
  EXPECT_EQ(audited[1]["fields"]["risk"][0]["old"], "0.1");
  EXPECT_EQ(audited[1]["fields"]["risk"][0]["new"], "0.2");
  // The store's audit table has both applied reloads, with the values.
  std::vector<std::string> rows;
  EXPECT_TRUE(wait_until(
    [&] {
      rows = store_audit(env.db(), "config_reloaded");
      return rows.size() >= 2;
    },
    5s));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].find(R"("added":["btc-wide"])"), std::string::npos)
    << rows[0];
  EXPECT_NE(rows[1].find(R"({"key":"risk.max_position.BTC","new":"0.2",)"
                         R"("old":"0.1"})"),
            std::string::npos)
    << rows[1];
  // No log line carries a secret.
  for (auto& j : log_lines(env.log()))
    EXPECT_EQ(j.dump().find("karb-dev-upbit-secret"), std::string::npos);
  EXPECT_EQ(env.stop_node(), 0);
}

} // namespace karb::test
