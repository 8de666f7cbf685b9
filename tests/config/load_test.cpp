#include "config/load.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace karb;
using namespace karb::config;

namespace {

const std::string dev_file = std::string{KARB_SOURCE_DIR}
                             + "/config/development.yaml";
const std::string prod_file = std::string{KARB_SOURCE_DIR}
                              + "/config/production.yaml";

std::map<std::string, std::string> fake_env{
  {"KARB_UPBIT_ACCESS_KEY", "up-access"},
  {"KARB_UPBIT_SECRET_KEY", "up-SECRET-value"},
  {"KARB_BITHUMB_ACCESS_KEY", "bt-access"},
  {"KARB_BITHUMB_SECRET_KEY", "bt-SECRET-value"},
};

const char* lookup(const char* name) {
  auto i = fake_env.find(name);
  return i == fake_env.end() ? nullptr : i->second.c_str();
}

const char* empty_env(const char*) { return nullptr; }

std::string read_file(const std::string& path) {
  std::ifstream in{path};
  return {std::istreambuf_iterator<char>{in}, {}};
}

// The development file with one line replaced.
std::string dev_with(const std::string& from, const std::string& to) {
  auto text = read_file(dev_file);
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

// The single error of a load, or a failure if there is not exactly one.
config_error only_error(const load_result& r) {
  EXPECT_EQ(r.errors.size(), 1u);
  if (r.errors.size() != 1)
    for (auto& e : r.errors)
      ADD_FAILURE() << "error: " << to_string(e);
  return r.errors.empty() ? config_error{} : r.errors.front();
}

} // namespace

TEST(ConfigLoad, DevelopmentFileLoadsWithSeedRiskDefaults) {
  auto r = load(dev_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  auto& s = *r.value;
  EXPECT_EQ(s.node.name, "karb-dev");
  EXPECT_EQ(s.node.audit_file, "var/audit.jsonl");
  EXPECT_EQ(s.node.inspect.port, 4242);
  EXPECT_EQ(s.node.api.bind, "127.0.0.1");
  EXPECT_EQ(s.node.api.port, 9464);
  EXPECT_EQ(s.node.api.grpc_port, 9465);
  EXPECT_EQ(s.node.api.token_env, "KARB_API_TOKEN");
  EXPECT_EQ(s.node.api.snapshot_ms, 1000);
  ASSERT_EQ(s.venues.size(), 2u);
  auto* up = s.find_venue("upbit");
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(up->venue, exchange::upbit);
  EXPECT_EQ(up->rest_url, "http://127.0.0.1:18100");
  EXPECT_EQ(up->fees.taker, dec("0.0005"));
  EXPECT_EQ(up->access_key, "up-access");
  EXPECT_EQ(up->secret_key.reveal(), "up-SECRET-value");
  using limits = std::map<std::string, decimal>;
  EXPECT_EQ(s.risk.max_position, (limits{{"BTC", dec("0.1")},
                                         {"ETH", dec("2")},
                                         {"XRP", dec("10000")}}));
  EXPECT_EQ(s.risk.max_notional, (limits{{"KRW", dec("5000000")}}));
  EXPECT_EQ(s.risk.daily_loss_limit, (limits{{"KRW", dec("1000000")}}));
  EXPECT_EQ(s.risk.min_balance,
            (limits{{"BTC", dec("0.05")}, {"KRW", dec("1000000")}}));
  EXPECT_EQ(s.supervision.breaker_failures, 5);
  ASSERT_EQ(s.strategies.size(), 1u);
  EXPECT_EQ(s.strategies[0].id, "btc-spread");
  EXPECT_EQ(s.strategies[0].symbols, std::vector<std::string>{"BTC"});
}

TEST(ConfigLoad, ProductionFileUsesRealVenueUrls) {
  auto r = load(prod_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->find_venue("upbit")->rest_url, "https://api.upbit.com");
  EXPECT_EQ(r.value->find_venue("bithumb")->ws_url,
            "wss://ws-api.bithumb.com/websocket/v1");
}

TEST(ConfigLoad, AuditFileDefaultsNextToTheStoreAndIsChecked) {
  auto r = load(prod_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.audit_file, "/var/lib/karb/audit.jsonl");
  // Absent: the default, beside the default store.
  r = load_text(dev_with("  audit_file: var/audit.jsonl   # JSONL copy of "
                         "the audit trail\n", ""),
                "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.audit_file, "var/audit.jsonl");
  EXPECT_EQ(node_settings{}.audit_file, "var/audit.jsonl");
  // Empty: no audit file.
  r = load_text(dev_with("audit_file: var/audit.jsonl", "audit_file: \"\""),
                "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.audit_file, "");
  // The store's own file is refused.
  r = load_text(dev_with("audit_file: var/audit.jsonl",
                         "audit_file: var/karb.db"),
                "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.audit_file");
  EXPECT_EQ(e.message, "must not be the store's file");
}

TEST(ConfigLoad, AuditRotationHasDefaultsAndIsChecked) {
  auto r = load(prod_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.audit_rotation.max_size_mb, 100);
  EXPECT_EQ(r.value->node.audit_rotation.max_files, 100);
  r = load_text(dev_with("store_sync: normal", "store_sync: normal"),
                "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.audit_rotation.max_size_mb, 100);
  EXPECT_EQ(r.value->node.audit_rotation.max_files, 10);
  r = load_text(dev_with("store_sync: normal",
                         "store_sync: normal\n  audit_rotation: "
                         "{max_size_mb: 5, max_files: 0}"),
                "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.audit_rotation.max_files");
  r = load_text(dev_with("store_sync: normal",
                         "store_sync: normal\n  audit_rotation: "
                         "{max_size_mb: 5, files: 2}"),
                "dev.yaml", lookup);
  EXPECT_EQ(only_error(r).path, "node.audit_rotation.files");
}

TEST(ConfigLoad, StoreKeepHoursDefaultsToThirtyDaysAndIsChecked) {
  EXPECT_EQ(node_settings{}.store_keep_hours, 720);
  auto r = load(prod_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.store_keep_hours, 720);
  const std::string line = "  store_keep_hours: 720   # then finished trades "
                           "move to karb.archive-YYYY-MM.db\n";
  r = load_text(dev_with(line, ""), "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.store_keep_hours, 720);
  for (int64_t hours : {48, 876'000}) {
    r = load_text(dev_with(line, "  store_keep_hours: " + std::to_string(hours)
                                   + "\n"),
                  "dev.yaml", lookup);
    ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
    EXPECT_EQ(r.value->node.store_keep_hours, hours);
  }
  for (int64_t hours : {47, 876'001}) {
    r = load_text(dev_with(line, "  store_keep_hours: " + std::to_string(hours)
                                   + "\n"),
                  "dev.yaml", lookup);
    auto e = only_error(r);
    EXPECT_EQ(e.path, "node.store_keep_hours");
    EXPECT_EQ(e.message, "out of range: " + std::to_string(hours)
                           + " not in [48, 876000] (karb report --date "
                             "reads yesterday from the live store, in any "
                             "time zone)");
  }
}

TEST(ConfigLoad, SchedulerIsSharingByDefaultAndChecked) {
  auto r = load_text(dev_with("store_sync: normal", "store_sync: normal"),
                     "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.scheduler, "sharing");
  EXPECT_EQ(r.value->node.scheduler_threads, 2);
  r = load_text(dev_with("store_sync: normal",
                         "store_sync: normal\n  scheduler: stealing\n"
                         "  scheduler_threads: 1"),
                "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.scheduler, "stealing");
  EXPECT_EQ(r.value->node.scheduler_threads, 1);
  r = load_text(dev_with("store_sync: normal",
                         "store_sync: normal\n  scheduler: fifo"),
                "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.scheduler");
  EXPECT_EQ(e.message, "expected sharing or stealing, got 'fifo'");
  r = load_text(dev_with("store_sync: normal",
                         "store_sync: normal\n  scheduler_threads: 0"),
                "dev.yaml", lookup);
  EXPECT_EQ(only_error(r).path, "node.scheduler_threads");
}

TEST(ConfigLoad, UnknownKeyIsNamedWithItsPath) {
  auto r = load_text(dev_with("max_position: {BTC", "max_positon: {BTC"),
                     "dev.yaml", lookup);
  ASSERT_FALSE(r.errors.empty());
  auto e = r.errors.front();
  EXPECT_EQ(e.file, "dev.yaml");
  EXPECT_EQ(e.path, "risk.max_positon");
  EXPECT_EQ(e.message, "unknown key");
  EXPECT_FALSE(r.value);
}

TEST(ConfigLoad, AKeyThatIsNotTextIsNamedNotThrown) {
  // A list or a map as a key: yaml-cpp throws when it is read as text,
  // which had escaped load_text (found by the config_yaml fuzzer).
  auto e = only_error(load_text(dev_with("max_position: {BTC",
                                         "[max_position]: {BTC"),
                                "dev.yaml", lookup));
  EXPECT_EQ(e.path, "risk");
  EXPECT_EQ(e.message, "expected a text key, got a list");
  auto r = load_text(dev_with("min_balance: {BTC: 0.05, KRW: 1000000}",
                              "min_balance: {{BTC: 1}: 0.05, KRW: 1000000}"),
                     "dev.yaml", lookup);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.front().path, "risk.min_balance");
  EXPECT_EQ(r.errors.front().message, "expected a text key, got a map");
  EXPECT_FALSE(r.value);
  r = load_text(dev_with("  upbit:", "  [upbit]:"), "dev.yaml", lookup);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.front().path, "venues");
  EXPECT_EQ(r.errors.front().message, "expected a text key, got a list");
}

TEST(ConfigLoad, WrongTypeIsNamed) {
  auto r = load_text(dev_with("fees: {maker: 0.0005, taker: 0.0005}\n    heartbeat_s: 60\n    request_timeout_ms: 5000\n    rate_limit_per_s: 8",
                              "fees: {maker: 0.0005, taker: [1]}\n    heartbeat_s: 60\n    request_timeout_ms: 5000\n    rate_limit_per_s: 8"),
                     "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "venues.upbit.fees.taker");
  EXPECT_EQ(e.message, "expected a decimal number, got a list");
}

TEST(ConfigLoad, OutOfRangeIsNamed) {
  auto r = load_text(dev_with("port: 4242", "port: 70000"), "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.inspect.port");
  EXPECT_EQ(e.message, "out of range: 70000 not in [0, 65535]");
}

TEST(ConfigLoad, MoneyWithMoreThanEightDecimalsIsRefused) {
  auto r = load_text(dev_with("min_balance: {BTC: 0.05", "min_balance: {BTC: 0.050000001"),
                     "dev.yaml", lookup);
  EXPECT_EQ(only_error(r).path, "risk.min_balance.BTC");
}

TEST(ConfigLoad, RiskLimitsArePerCurrencyAndEveryTradedOneHasThem) {
  // A strategy trading SOL without a SOL position limit is refused.
  auto sol = load_text(dev_with("symbols: [BTC]", "symbols: [BTC, SOL]"),
                       "dev.yaml", lookup);
  ASSERT_FALSE(sol.errors.empty());
  EXPECT_EQ(sol.errors.front().path, "risk.max_position");
  EXPECT_EQ(sol.errors.front().message,
            "no limit for SOL, which strategy 'btc-spread' trades");
  // Nor may a strategy trade a quote without its limits (USDT here).
  auto usdt = load_text(dev_with("max_notional: {KRW: 5000000}",
                                 "max_notional: {USDT: 5000}"),
                        "dev.yaml", lookup);
  ASSERT_FALSE(usdt.errors.empty());
  EXPECT_EQ(usdt.errors.front().path, "risk.max_notional");
  EXPECT_EQ(usdt.errors.front().message,
            "no limit for KRW, which strategy 'btc-spread' trades");
  // The old single-currency keys name their replacement.
  auto old = load_text(dev_with("max_position: {BTC: 0.1, ETH: 2, XRP: 10000}",
                                "max_position_btc: 0.1"),
                       "dev.yaml", lookup);
  ASSERT_FALSE(old.errors.empty());
  EXPECT_EQ(old.errors.front().path, "risk.max_position_btc");
  EXPECT_EQ(old.errors.front().message,
            "limits are per currency now: write max_position: {BTC: ..}");
}

TEST(ConfigLoad, MissingSecretNamesTheVariableButNoValue) {
  auto r = load(dev_file, empty_env);
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].path, "venues.upbit.access_key_env");
  EXPECT_EQ(r.errors[1].path, "venues.upbit.secret_key_env");
  EXPECT_EQ(r.errors[1].message,
            "missing secret: environment variable KARB_UPBIT_SECRET_KEY is "
            "not set");
}

TEST(ConfigLoad, SecretValuesNeverAppearInErrors) {
  auto r = load_text(dev_with("port: 4242", "port: x"), "dev.yaml", lookup);
  ASSERT_FALSE(r.errors.empty());
  for (auto& e : r.errors)
    EXPECT_EQ(to_string(e).find("SECRET-value"), std::string::npos);
  EXPECT_EQ(to_string(secret{"SECRET-value"}), "***");
}

TEST(ConfigLoad, ACredentialWithANewlineOrSpaceIsRefusedWithoutItsValue) {
  for (std::string bad : {"bt-SECRET-value\n", "bt-SECRET value",
                          "bt-SECRET-\x7f", "bt-SECRET-\xc3\xa9"}) {
    fake_env["KARB_BITHUMB_SECRET_KEY"] = bad;
    auto r = load(dev_file, lookup);
    auto e = only_error(r);
    EXPECT_EQ(e.path, "venues.bithumb.secret_key_env");
    EXPECT_NE(e.message.find("environment variable KARB_BITHUMB_SECRET_KEY"),
              std::string::npos) << e.message;
    EXPECT_EQ(to_string(e).find("-SECRET"), std::string::npos);
  }
  fake_env["KARB_BITHUMB_SECRET_KEY"] = "bt-SECRET-value";
  fake_env["KARB_API_TOKEN"] = "tok-SECRET-value\r\n";
  auto r = load(dev_file, lookup);
  fake_env.erase("KARB_API_TOKEN");
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.api.token_env");
  EXPECT_EQ(to_string(e).find("-SECRET"), std::string::npos);
  // The clean values load (the guard is not refusing everything).
  EXPECT_TRUE(load(dev_file, lookup).errors.empty());
}

TEST(ConfigLoad, SecretsFileMustBeMode0600) {
  auto dir = std::filesystem::temp_directory_path()
             / ("karb-secrets-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "secrets.yaml").string();
  std::ofstream{path} << "venues:\n"
                         "  upbit: {access_key: fa, secret_key: fs}\n"
                         "  bithumb: {access_key: ba, secret_key: bs}\n";
  auto text = dev_with("store: var/karb.db",
                       "store: var/karb.db\n  secrets_file: " + path);
  ::chmod(path.c_str(), 0644);
  auto loose = load_text(text, "dev.yaml", empty_env);
  ASSERT_FALSE(loose.errors.empty());
  EXPECT_EQ(loose.errors.front().path, "node.secrets_file");
  ::chmod(path.c_str(), 0600);
  auto strict = load_text(text, "dev.yaml", empty_env);
  ASSERT_TRUE(strict.errors.empty()) << to_string(strict.errors.front());
  EXPECT_EQ(strict.value->find_venue("bithumb")->secret_key.reveal(), "bs");
  EXPECT_EQ(strict.value->find_venue("upbit")->access_key, "fa");
  std::filesystem::remove_all(dir);
}

TEST(ConfigLoad, AnUnknownStrategyTypeNamesTheAvailableOnes) {
  auto r = load_text(dev_with("type: spread_arbitrage", "type: market_making"),
                     "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "strategies[0].type");
  EXPECT_EQ(e.message, "unknown strategy type 'market_making' (available: "
                       "spread_arbitrage, spot_perp_basis, perp_perp, "
                       "funding_rate)");
}

TEST(ConfigLoad, ADerivativesTypeOnTwoSpotVenuesIsRefused) {
  // Upbit and Bithumb are spot venues: funding_rate needs a perpetual one.
  auto r = load_text(dev_with("type: spread_arbitrage", "type: funding_rate"),
                     "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "strategies[0].venues");
  EXPECT_EQ(e.message, "funding_rate needs a spot venue then a perpetual one, "
                       "or two perpetual venues");
}

TEST(ConfigLoad, StrategyMustNameConfiguredVenues) {
  auto r = load_text(dev_with("venues: [upbit, bithumb]", "venues: [upbit, okx]"),
                     "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "strategies[0].venues");
  EXPECT_EQ(e.message, "venue 'okx' is not configured under venues");
}

TEST(ConfigLoad, AVenueWithoutAnImplementationIsRefusedWithTheReason) {
  auto as = [](const std::string& name) {
    return load_text(dev_with("  bithumb:\n", "  " + name + ":\n"),
                     "dev.yaml", lookup);
  };
  auto huobi = as("huobi");
  ASSERT_FALSE(huobi.errors.empty());
  EXPECT_EQ(huobi.errors.front().message,
            "no HTX gateway: karb does not implement the HTX (Huobi) API");
  auto nowhere = as("nowhere");
  ASSERT_FALSE(nowhere.errors.empty());
  EXPECT_EQ(nowhere.errors.front().message,
            "unknown venue (upbit, bithumb, binance_spot, binance_usdm, "
            "okx_spot, okx_swap, bybit_spot, bybit_linear)");
}

TEST(ConfigLoad, TheBinanceFileLoadsWithUsdtStrategies) {
  auto env = [](const char* n) -> const char* {
    std::string name{n};
    return name.find("BINANCE") != std::string::npos ? "set" : nullptr;
  };
  auto r = load(std::string{KARB_SOURCE_DIR} + "/config/binance.yaml", env);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  auto& s = *r.value;
  ASSERT_EQ(s.venues.size(), 2u);
  EXPECT_EQ(s.venues[0].venue, exchange::binance_spot);
  EXPECT_EQ(s.venues[1].venue, exchange::binance_usdm);
  EXPECT_EQ(s.venues[1].leverage, 1);
  ASSERT_EQ(s.strategies.size(), 1u);
  EXPECT_EQ(s.strategies[0].quote, "USDT"); // filled from the venues
}

TEST(ConfigLoad, AStrategyRefusesVenuesOfAnotherQuote) {
  auto text = read_file(dev_file);
  text.replace(text.find("strategies:"), 0, R"(  binance_spot:
    rest_url: "http://127.0.0.1:18200"
    ws_url: "ws://127.0.0.1:18200/ws"
    access_key_env: KARB_UPBIT_ACCESS_KEY
    secret_key_env: KARB_UPBIT_SECRET_KEY

)");
  auto from = std::string{"venues: [upbit, bithumb]"};
  text.replace(text.find(from), from.size(), "venues: [upbit, binance_spot]");
  auto e = only_error(load_text(text, "dev.yaml", lookup));
  EXPECT_EQ(e.path, "strategies[0].quote");
  EXPECT_EQ(e.message, "venue 'binance_spot' trades USDT markets, not KRW");
}

TEST(ConfigLoad, InspectorBeyondLoopbackNeedsCertificates) {
  auto r = load_text(dev_with("bind: 127.0.0.1, port: 4242",
                              "bind: 0.0.0.0, port: 4242"),
                     "dev.yaml", lookup);
  EXPECT_EQ(only_error(r).path, "node.inspect.bind");
}

TEST(ConfigLoad, BrokenYamlAndMissingFileAreRefused) {
  auto r = load_text("node: {name: [", "broken.yaml", lookup);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("not valid YAML"), std::string::npos);
  auto m = load("/nonexistent/karb.yaml", lookup);
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].message, "cannot open file");
}

TEST(ConfigLoad, UrlSchemesAreChecked) {
  auto r = load_text(dev_with("rest_url: \"http://127.0.0.1:18100\"",
                              "rest_url: \"ftp://127.0.0.1:18100\""),
                     "dev.yaml", lookup);
  EXPECT_EQ(only_error(r).path, "venues.upbit.rest_url");
}

TEST(ConfigLoad, VenueLimitsHaveDefaultsAndAreRead) {
  auto r = load(dev_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->execution.place_queue_deadline_ms, 1000);
  EXPECT_EQ(r.value->find_venue("upbit")->ban_default_s, 60);
  EXPECT_EQ(r.value->find_venue("upbit")->rate_limited_pause_ms, 1000);
  EXPECT_EQ(r.value->find_venue("upbit")->rate_limited_slow_s, 60);
  auto s = load_text(dev_with("    ban_default_s: 60", "    ban_default_s: 300"),
                     "dev.yaml", lookup);
  ASSERT_TRUE(s.errors.empty()) << to_string(s.errors.front());
  EXPECT_EQ(s.value->find_venue("upbit")->ban_default_s, 300);
  auto z = load_text(dev_with("    ban_default_s: 60", "    ban_default_s: 0"),
                     "dev.yaml", lookup);
  EXPECT_EQ(only_error(z).path, "venues.upbit.ban_default_s");
}

TEST(ConfigLoad, PlaceQueueDeadlineMustStayUnderTheOrderTimeout) {
  // A place written after its order actor stopped waiting would be an
  // order nobody tracks: the deadline must be shorter than the wait.
  auto equal = load_text(dev_with("place_queue_deadline_ms: 1000",
                                  "place_queue_deadline_ms: 3000"),
                         "dev.yaml", lookup);
  auto e = only_error(equal);
  EXPECT_EQ(e.path, "execution.place_queue_deadline_ms");
  EXPECT_NE(e.message.find("less than execution.order_timeout_ms (3000)"),
            std::string::npos)
    << e.message;
  auto shorter_timeout = load_text(dev_with("order_timeout_ms: 3000",
                                            "order_timeout_ms: 800"),
                                   "dev.yaml", lookup);
  EXPECT_EQ(only_error(shorter_timeout).path,
            "execution.place_queue_deadline_ms");
  auto zero = load_text(dev_with("place_queue_deadline_ms: 1000",
                                 "place_queue_deadline_ms: 0"),
                        "dev.yaml", lookup);
  EXPECT_EQ(only_error(zero).path, "execution.place_queue_deadline_ms");
  auto fine = load_text(dev_with("place_queue_deadline_ms: 1000",
                                 "place_queue_deadline_ms: 2999"),
                        "dev.yaml", lookup);
  EXPECT_TRUE(fine.errors.empty());
}

TEST(ConfigLoad, TheDemoFileTradesSpotAndDerivativesAcrossEightVenues) {
  auto all_set = [](const char*) -> const char* { return "set"; };
  auto r = load(std::string{KARB_SOURCE_DIR} + "/config/demo.yaml", all_set);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  auto& s = *r.value;
  ASSERT_EQ(s.venues.size(), 8u);
  EXPECT_EQ(s.find_venue("okx_spot")->passphrase.reveal(), "set");
  EXPECT_EQ(s.find_venue("okx_swap")->passphrase.reveal(), "set");
  EXPECT_EQ(s.find_venue("bybit_linear")->margin_mode, "isolated");
  ASSERT_EQ(s.strategies.size(), 5u);
  EXPECT_EQ(s.strategies[0].quote, "KRW");
  EXPECT_EQ(s.strategies[1].quote, "USDT");
  EXPECT_EQ(s.strategies[1].venues,
            (std::vector<std::string>{"binance_spot", "okx_spot",
                                      "bybit_spot"}));
  std::vector<std::string> types;
  for (const auto& st : s.strategies)
    types.push_back(st.type);
  EXPECT_EQ(types, (std::vector<std::string>{
                     "spread_arbitrage", "spread_arbitrage",
                     "spot_perp_basis", "perp_perp", "funding_rate"}));
  EXPECT_EQ(s.strategies[2].venues,
            (std::vector<std::string>{"okx_spot", "okx_swap"}));
  EXPECT_EQ(s.node.funding_payments_s, 5);
  EXPECT_EQ(s.risk.max_open_position.at("BTC"), dec("0.05"));
  // OKX keys come with a passphrase: without its variable, refused.
  std::ifstream in{std::string{KARB_SOURCE_DIR} + "/config/demo.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  auto at = text.find("    passphrase_env: KARB_OKX_PASSPHRASE\n");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, std::string{"    passphrase_env: KARB_OKX_PASSPHRASE\n"}.size());
  auto bad = load_text(text, "demo.yaml", all_set);
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_EQ(bad.errors.front().path, "venues.okx_spot.passphrase_env");
}

TEST(ConfigLoad, PortfolioRiskKeysDefaultToOffForSpotOnlyFiles) {
  auto r = load(dev_file, lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  const auto& risk = r.value->risk;
  EXPECT_TRUE(risk.var_limit.empty());
  EXPECT_EQ(risk.correlation_limit, 0.0);
  EXPECT_EQ(risk.stop_loss_threshold, 0.0);
  EXPECT_EQ(risk.take_profit_threshold, 0.0);
  EXPECT_TRUE(risk.max_open_position.empty());
  EXPECT_TRUE(risk.max_open_notional.empty());
  EXPECT_EQ(risk.liquidation_guard.distance, 0.05);
  EXPECT_EQ(risk.liquidation_guard.reduce_fraction, 0.5);
  EXPECT_EQ(risk.liquidation_guard.cooldown_s, 30);
}

namespace {

const std::string portfolio_keys
  = "leverage_limit: 3\n"
    "  var_limit: {USDT: 250}\n"
    "  correlation_limit: 0.8\n"
    "  stop_loss_threshold: 0.02\n"
    "  take_profit_threshold: 0.01\n"
    "  max_open_position: {BTC: 0.5, ETH: 5}\n"
    "  max_open_notional: {USDT: 30000}\n"
    "  liquidation_guard: {distance: 0.08, reduce_fraction: 0.25, "
    "cooldown_s: 60}";

load_result dev_with_portfolio(const std::string& from = {},
                               const std::string& to = {}) {
  auto keys = portfolio_keys;
  if (!from.empty())
    keys.replace(keys.find(from), from.size(), to);
  return load_text(dev_with("leverage_limit: 1", keys), "dev.yaml", lookup);
}

} // namespace

TEST(ConfigLoad, PortfolioRiskKeysAreRead) {
  auto r = dev_with_portfolio();
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  const auto& risk = r.value->risk;
  using limits = std::map<std::string, decimal>;
  EXPECT_EQ(risk.leverage_limit, 3.0);
  EXPECT_EQ(risk.var_limit, (limits{{"USDT", dec("250")}}));
  EXPECT_EQ(risk.correlation_limit, 0.8);
  EXPECT_EQ(risk.stop_loss_threshold, 0.02);
  EXPECT_EQ(risk.take_profit_threshold, 0.01);
  EXPECT_EQ(risk.max_open_position,
            (limits{{"BTC", dec("0.5")}, {"ETH", dec("5")}}));
  EXPECT_EQ(risk.max_open_notional, (limits{{"USDT", dec("30000")}}));
  EXPECT_EQ(risk.liquidation_guard.distance, 0.08);
  EXPECT_EQ(risk.liquidation_guard.reduce_fraction, 0.25);
  EXPECT_EQ(risk.liquidation_guard.cooldown_s, 60);
}

TEST(ConfigLoad, PortfolioRiskNonsenseIsRefusedWithItsPath) {
  auto e = only_error(dev_with_portfolio("correlation_limit: 0.8",
                                         "correlation_limit: 1.5"));
  EXPECT_EQ(e.path, "risk.correlation_limit");
  EXPECT_EQ(e.message, "out of range: 1.500000 not in [0.000000, 1.000000]");
  e = only_error(dev_with_portfolio("stop_loss_threshold: 0.02",
                                    "stop_loss_threshold: -0.02"));
  EXPECT_EQ(e.path, "risk.stop_loss_threshold");
  e = only_error(dev_with_portfolio("var_limit: {USDT: 250}",
                                    "var_limit: {USDT: 0}"));
  EXPECT_EQ(e.path, "risk.var_limit.USDT");
  e = only_error(dev_with_portfolio("max_open_position: {BTC: 0.5",
                                    "max_open_position: {BTC: -1"));
  EXPECT_EQ(e.path, "risk.max_open_position.BTC");
  e = only_error(dev_with_portfolio("reduce_fraction: 0.25",
                                    "reduce_fraction: 0"));
  EXPECT_EQ(e.path, "risk.liquidation_guard.reduce_fraction");
  EXPECT_EQ(e.message, "expected a share of the position in (0, 1], got "
                       "0.000000");
  e = only_error(dev_with_portfolio("distance: 0.08", "distance: 0.7"));
  EXPECT_EQ(e.path, "risk.liquidation_guard.distance");
  e = only_error(dev_with_portfolio("cooldown_s: 60", "cooldown_s: 0"));
  EXPECT_EQ(e.path, "risk.liquidation_guard.cooldown_s");
  e = only_error(dev_with_portfolio("distance: 0.08", "distnce: 0.08"));
  EXPECT_EQ(e.path, "risk.liquidation_guard.distnce");
  EXPECT_EQ(e.message, "unknown key");
  // 0 turns the guard and the correlation limit off.
  auto off = dev_with_portfolio("distance: 0.08", "distance: 0");
  ASSERT_TRUE(off.errors.empty()) << to_string(off.errors.front());
  EXPECT_EQ(off.value->risk.liquidation_guard.distance, 0.0);
}

// -- node.api ---------------------------------------------------------------------

namespace {

const std::string dev_api = "api: {bind: 127.0.0.1, port: 9464, grpc_port: 9465}";

} // namespace

TEST(ConfigLoad, TheOldMetricsKeyIsAClearError) {
  auto r = load_text(dev_with(dev_api, "metrics: {bind: 127.0.0.1, port: 9464}"),
                     "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.metrics");
  EXPECT_NE(e.message.find("node.metrics was renamed node.api"),
            std::string::npos)
    << e.message;
}

TEST(ConfigLoad, ApiKeysAreReadAndChecked) {
  auto r = load_text(dev_with(dev_api,
                              "api: {bind: localhost, port: 0, grpc_port: -1, "
                              "token_env: MY_TOKEN, snapshot_ms: 250}"),
                     "dev.yaml", lookup);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  auto& api = r.value->node.api;
  EXPECT_EQ(api.bind, "localhost");
  EXPECT_EQ(api.port, 0);
  EXPECT_EQ(api.grpc_port, -1);
  EXPECT_EQ(api.token_env, "MY_TOKEN");
  EXPECT_EQ(api.snapshot_ms, 250);
  EXPECT_TRUE(api.token.empty()); // MY_TOKEN is not set: controls refused
  auto bad = load_text(dev_with(dev_api, "api: {port: 70000, grpc_port: -2, "
                                         "snapshot_ms: 1, colour: red}"),
                       "dev.yaml", lookup);
  std::set<std::string> paths;
  for (auto& e : bad.errors)
    paths.insert(e.path);
  EXPECT_EQ(paths, (std::set<std::string>{"node.api.port", "node.api.grpc_port",
                                          "node.api.snapshot_ms",
                                          "node.api.colour"}));
  auto same = load_text(dev_with(dev_api, "api: {port: 9000, grpc_port: 9000}"),
                        "dev.yaml", lookup);
  ASSERT_EQ(same.errors.size(), 1u);
  EXPECT_EQ(same.errors.front().path, "node.api.grpc_port");
}

TEST(ConfigLoad, TheApiTokenComesFromTheEnvironmentAndIsASecret) {
  fake_env["KARB_API_TOKEN"] = "tok-SECRET-value";
  auto r = load(dev_file, lookup);
  fake_env.erase("KARB_API_TOKEN");
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.api.token.reveal(), "tok-SECRET-value");
  EXPECT_EQ(to_string(r.value->node.api.token), "***");
}

TEST(ConfigLoad, TheApiTokenFallsBackToTheSecretsFile) {
  auto dir = std::filesystem::temp_directory_path()
             / ("karb-api-secrets-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "secrets.yaml").string();
  std::ofstream{path} << "api_token: file-token\n";
  ::chmod(path.c_str(), 0600);
  auto text = dev_with("store: var/karb.db",
                       "store: var/karb.db\n  secrets_file: " + path);
  auto r = load_text(text, "dev.yaml", lookup);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.errors.empty()) << to_string(r.errors.front());
  EXPECT_EQ(r.value->node.api.token.reveal(), "file-token");
}

TEST(ConfigLoad, ApiBeyondLoopbackNeedsTlsAndAToken) {
  auto open = dev_with(dev_api, "api: {bind: 0.0.0.0, port: 9464}");
  auto r = load_text(open, "dev.yaml", lookup);
  auto e = only_error(r);
  EXPECT_EQ(e.path, "node.api.bind");
  EXPECT_NE(e.message.find("certificate"), std::string::npos) << e.message;
  auto tls = dev_with(dev_api, "api: {bind: 0.0.0.0, port: 9464, "
                               "certificate: c.pem, key: k.pem}");
  auto no_token = load_text(tls, "dev.yaml", lookup);
  EXPECT_EQ(only_error(no_token).path, "node.api.token_env");
  EXPECT_NE(only_error(no_token).message.find("KARB_API_TOKEN"),
            std::string::npos);
  fake_env["KARB_API_TOKEN"] = "tok-SECRET-value";
  auto ok = load_text(tls, "dev.yaml", lookup);
  fake_env.erase("KARB_API_TOKEN");
  EXPECT_TRUE(ok.errors.empty()) << to_string(ok.errors.front());
  for (auto& err : no_token.errors)
    EXPECT_EQ(to_string(err).find("SECRET-value"), std::string::npos);
}
