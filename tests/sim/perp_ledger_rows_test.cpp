// OKX bills and the Bybit transaction log in the simulator: a funding
// settlement is listed with the documented type, its amount what /state
// booked.

#include <gtest/gtest.h>

#include "by_test_client.hpp"
#include "okx_test_client.hpp"

namespace {

karb::decimal num(const nlohmann::json& j) {
  return karb::dec(j.get<std::string>());
}

karb::http::request admin_post(const std::string& path, std::string body) {
  karb::http::request r;
  r.method = "POST";
  r.target = path;
  r.body = std::move(body);
  return r;
}

} // namespace

TEST(OkxBills, AFundingSettlementIsABillOfTypeEight) {
  okxtest::fixture f;
  auto now = karb::sim::now_ms();
  f.sim.step(now);
  auto placed = okxtest::body(f.call(
    "POST", "/api/v5/trade/order",
    R"({"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy",)"
    R"("ordType":"market","sz":"1"})"));
  ASSERT_EQ(placed["code"], "0") << placed.dump();
  EXPECT_EQ(f.sim.handle_admin(admin_post("/funding", R"({"venue":"okx"})"),
                               now)
              .status,
            200);
  auto bills = okxtest::body(
    f.call("GET", "/api/v5/account/bills?instType=SWAP&type=8"));
  ASSERT_EQ(bills["code"], "0") << bills.dump();
  ASSERT_EQ(bills["data"].size(), 1u) << bills.dump();
  auto b = bills["data"][0];
  EXPECT_EQ(b["type"], "8");
  EXPECT_EQ(b["instId"], "BTC-USDT-SWAP");
  EXPECT_EQ(b["subType"], num(b["balChg"]).is_negative() ? "173" : "174");
  auto booked = f.state()["funding"]["payments"];
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(num(b["balChg"]), num(booked[0]["amount"]));
  EXPECT_EQ(b["billId"], std::to_string(booked[0]["id"].get<int64_t>()));
  // Other types and later begins are filtered out.
  EXPECT_TRUE(okxtest::body(f.call("GET", "/api/v5/account/bills?type=2"))
                ["data"].empty());
  EXPECT_TRUE(okxtest::body(f.call("GET", "/api/v5/account/bills?begin="
                                            + std::to_string(now + 1)))
                ["data"].empty());
}

TEST(BybitTransactionLog, AFundingSettlementIsASettlementRow) {
  bytest::fixture f;
  f.step(5);
  auto placed = bytest::body(f.post(
    "/v5/order/create", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                         {"side", "Sell"}, {"orderType", "Market"},
                         {"qty", "0.01"}}));
  ASSERT_EQ(placed["retCode"], 0) << placed.dump();
  f.admin("POST", "/fault", R"({"venue":"bybit","fault":"funding_rate",)"
                            R"("market":"BTCUSDT","rate":"0.0002"})");
  f.admin("POST", "/funding", R"({"venue":"bybit"})");
  auto log = bytest::result(f.get(
    "/v5/account/transaction-log",
    "accountType=UNIFIED&category=linear&type=SETTLEMENT"));
  ASSERT_EQ(log["list"].size(), 1u) << log.dump();
  auto row = log["list"][0];
  EXPECT_EQ(row["type"], "SETTLEMENT");
  EXPECT_EQ(row["symbol"], "BTCUSDT");
  EXPECT_EQ(row["feeRate"], "0.0002");
  EXPECT_EQ(row["side"], "Sell");
  // A short receives a positive rate: + 0.01 * mark * 0.0002.
  EXPECT_TRUE(num(row["funding"]).is_positive());
  EXPECT_EQ(row["change"], row["funding"]);
  auto booked = f.state()["funding"]["payments"];
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(num(row["funding"]), num(booked[0]["amount"]));
  // More than 7 days apart is refused; a window before it is empty.
  EXPECT_NE(bytest::ret(f.get("/v5/account/transaction-log",
                              "startTime=0&endTime="
                                + std::to_string(f.now))),
            0);
  EXPECT_TRUE(bytest::result(f.get("/v5/account/transaction-log",
                                   "endTime=" + std::to_string(f.now - 60000)))
                ["list"].empty());
}

// -- liquidation on OKX and Bybit ---------------------------------------------------

namespace {

/// Contracts (OKX, ctVal 0.01) or base units (Bybit, step 0.001) worth
/// about 15x a 100 USDT wallet at `mark`.
karb::decimal fifteen_x(karb::decimal mark, const char* step) {
  return karb::decimal::round_to(*karb::decimal::div(karb::dec("1500"), mark),
                                 karb::dec(step), karb::rounding::down);
}

} // namespace

TEST(OkxLiquidation, ALiquidatedLongIsABillOfTypeFiveAndAFullLiquidation) {
  okxtest::fixture f;
  auto now = karb::sim::now_ms();
  f.sim.step(now);
  ASSERT_EQ(f.sim.handle_admin(admin_post("/balance",
                                          R"({"venue":"okx","currency":)"
                                          R"("USDT","balance":"100"})"),
                               now)
              .status,
            200);
  auto mark = num(okxtest::body(f.pub(
    "/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP"))
                    ["data"][0]["markPx"]);
  auto contracts = *karb::decimal::div(fifteen_x(mark, "0.01"),
                                       karb::dec("0.01"));
  auto placed = okxtest::body(f.call(
    "POST", "/api/v5/trade/order",
    R"({"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy",)"
    R"("ordType":"market","sz":")"
      + contracts.to_string() + "\"}"));
  ASSERT_EQ(placed["code"], "0") << placed.dump();
  f.sim.take_private(0, now);
  f.sim.handle_admin(admin_post("/fault", R"({"venue":"okx","fault":)"
                                          R"("shift_mid","market":"BTCUSDT",)"
                                          R"("bp":-1500})"),
                     now);
  for (int i = 0; i < 60 && f.state()["liquidations"].empty(); ++i)
    f.sim.step(now);
  ASSERT_EQ(f.state()["liquidations"].size(), 1u);
  auto bills = okxtest::body(f.call("GET", "/api/v5/account/bills?type=5"));
  ASSERT_EQ(bills["data"].size(), 1u) << bills.dump();
  auto b = bills["data"][0];
  EXPECT_EQ(b["subType"], "107"); // liquidation sell: a long closed
  EXPECT_EQ(num(b["sz"]), contracts);
  EXPECT_TRUE(num(b["balChg"]).is_negative());
  bool full = false, flat = false;
  for (auto& fr : f.sim.take_private(0, now)) {
    auto data = nlohmann::json::parse(fr.default_text);
    if (fr.type == "orders" && data[0]["category"] == "full_liquidation") {
      full = true;
      EXPECT_EQ(data[0]["side"], "sell");
      EXPECT_EQ(data[0]["state"], "filled");
    }
    if (fr.type == "positions")
      flat = data.empty() || data[0]["pos"] == "0";
  }
  EXPECT_TRUE(full);
  EXPECT_TRUE(flat);
}

TEST(BybitLiquidation, ALiquidatedLongIsALiquidationRowAndABustTrade) {
  bytest::fixture f;
  f.step(5);
  f.admin("POST", "/balance",
          R"({"venue":"bybit","currency":"USDT","balance":"100"})");
  auto tick = bytest::result(
    f.pub("/v5/market/tickers?category=linear&symbol=BTCUSDT"));
  auto qty = fifteen_x(num(tick["list"][0]["markPrice"]), "0.001");
  auto placed = bytest::body(f.post(
    "/v5/order/create", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                         {"side", "Buy"}, {"orderType", "Market"},
                         {"qty", qty.to_string()}}));
  ASSERT_EQ(placed["retCode"], 0) << placed.dump();
  f.sim.take_private(0, f.now);
  f.admin("POST", "/fault", R"({"venue":"bybit","fault":"shift_mid",)"
                            R"("market":"BTCUSDT","bp":-1500})");
  for (int i = 0; i < 60 && f.state()["liquidations"].empty(); ++i)
    f.step();
  ASSERT_EQ(f.state()["liquidations"].size(), 1u);
  auto log = bytest::result(f.get("/v5/account/transaction-log",
                                  "category=linear&type=LIQUIDATION"));
  ASSERT_EQ(log["list"].size(), 1u) << log.dump();
  auto row = log["list"][0];
  EXPECT_EQ(row["side"], "Sell");
  EXPECT_EQ(num(row["qty"]), qty);
  EXPECT_EQ(num(row["change"]), num(row["cashFlow"]) - num(row["fee"]));
  bool bust = false, flat = false;
  for (auto& fr : f.sim.take_private(0, f.now)) {
    auto data = nlohmann::json::parse(fr.default_text);
    if (fr.type == "execution" && data[0]["execType"] == "BustTrade") {
      bust = true;
      EXPECT_EQ(data[0]["createType"], "CreateByLiq");
    }
    if (fr.type == "position")
      flat = num(data[0]["size"]).is_zero();
  }
  EXPECT_TRUE(bust);
  EXPECT_TRUE(flat);
}
