// karb.v1.Karb's reads and controls over a real server and channel.

#include "tests/grpc/grpc_fixture.hpp"

namespace karb::api::test {
namespace {

using grpc::StatusCode;

class GrpcService : public grpc_fixture {};

TEST_F(GrpcService, ReadsReturnTheBoardsDocumentAsStructuredData) {
  board.put("status", R"({"node": "n1", "children": 3,
                         "venues": [{"name": "upbit", "state": "up"}]})");
  start();
  v1::Snapshot out;
  auto st = stub()->GetStatus(context().get(), v1::Empty{}, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.topic(), "status");
  EXPECT_EQ(out.seq(), board.get("status")->seq);
  EXPECT_EQ(out.ts_ms(), board.get("status")->ts_ms);
  EXPECT_EQ(field(out.data(), "node").string_value(), "n1");
  EXPECT_EQ(field(out.data(), "children").number_value(), 3);
  auto& venues = field(out.data(), "venues").list_value();
  ASSERT_EQ(venues.values_size(), 1);
  EXPECT_EQ(field(venues.values(0).struct_value(), "state").string_value(),
            "up");
}

TEST_F(GrpcService, EachReadServesItsTopic) {
  using read = grpc::Status (v1::Karb::Stub::*)(
    grpc::ClientContext*, const v1::Empty&, v1::Snapshot*);
  std::vector<std::pair<std::string, read>> reads{
    {"status", &v1::Karb::Stub::GetStatus},
    {"venues", &v1::Karb::Stub::GetVenues},
    {"spreads", &v1::Karb::Stub::GetSpreads},
    {"strategies", &v1::Karb::Stub::GetStrategies},
    {"orders", &v1::Karb::Stub::GetOrders},
    {"trades", &v1::Karb::Stub::GetTrades},
    {"positions", &v1::Karb::Stub::GetPositions},
    {"balances", &v1::Karb::Stub::GetBalances},
    {"pnl", &v1::Karb::Stub::GetPnl},
    {"risk", &v1::Karb::Stub::GetRisk},
    {"funding", &v1::Karb::Stub::GetFunding},
    {"config", &v1::Karb::Stub::GetConfig},
    {"actors", &v1::Karb::Stub::GetActors}};
  for (auto& [topic, _] : reads)
    board.put(topic, R"({"topic": ")" + topic + R"("})");
  start();
  auto client = stub();
  for (auto& [topic, method] : reads) {
    v1::Snapshot out;
    auto st = (client.get()->*method)(context().get(), v1::Empty{}, &out);
    ASSERT_TRUE(st.ok()) << topic << ": " << st.error_message();
    EXPECT_EQ(out.topic(), topic);
    EXPECT_EQ(field(out.data(), "topic").string_value(), topic);
  }
}

TEST_F(GrpcService, ATopicNotYetPublishedIsUnavailable) {
  start();
  v1::Snapshot out;
  auto st = stub()->GetRisk(context().get(), v1::Empty{}, &out);
  EXPECT_EQ(st.error_code(), StatusCode::UNAVAILABLE);
  EXPECT_NE(st.error_message().find("'risk'"), std::string::npos);
}

TEST_F(GrpcService, ServesABookAndRefusesAnUnknownOneAsNotFound) {
  board.put("book:upbit:KRW-BTC", R"({"bids": [["100", "1"]], "asks": []})");
  start();
  auto client = stub();
  v1::BookRequest req;
  req.set_venue("upbit");
  req.set_symbol("KRW-BTC");
  v1::Snapshot out;
  auto st = client->GetBook(context().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.topic(), "book:upbit:KRW-BTC");
  EXPECT_EQ(field(out.data(), "bids").list_value().values_size(), 1);
  req.set_symbol("KRW-ETH");
  st = client->GetBook(context().get(), req, &out);
  EXPECT_EQ(st.error_code(), StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("upbit KRW-ETH"), std::string::npos);
}

TEST_F(GrpcService, LimitsTheOpportunities) {
  board.put("opportunities",
            R"({"items": [{"id": "a"}, {"id": "b"}, {"id": "c"}]})");
  start();
  v1::LimitRequest req;
  req.set_limit(2);
  v1::Snapshot out;
  auto st = stub()->GetOpportunities(context().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  auto& items = field(out.data(), "items").list_value();
  ASSERT_EQ(items.values_size(), 2);
  EXPECT_EQ(field(items.values(0).struct_value(), "id").string_value(), "a");
  EXPECT_EQ(field(items.values(1).struct_value(), "id").string_value(), "b");
}

TEST_F(GrpcService, FindsAnOrderAmongTheOpenAndRecentOnes) {
  board.put("orders", R"({
    "orders": [{"client_order_id": "c1", "venue_order_id": "v1",
                "status": "open"}],
    "recent": [{"client_order_id": "c2", "venue_order_id": "v2",
                "status": "filled"}]})");
  start();
  auto client = stub();
  v1::IdRequest req;
  req.set_id("v2");
  v1::Snapshot out;
  auto st = client->GetOrder(context().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(field(out.data(), "client_order_id").string_value(), "c2");
  EXPECT_EQ(field(out.data(), "status").string_value(), "filled");
  req.set_id("c1");
  st = client->GetOrder(context().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(field(out.data(), "status").string_value(), "open");
  req.set_id("c9");
  st = client->GetOrder(context().get(), req, &out);
  EXPECT_EQ(st.error_code(), StatusCode::NOT_FOUND);
}

TEST_F(GrpcService, ReturnsTheMostRecentEventsTyped) {
  for (int i = 1; i <= 3; ++i)
    board.append("events", R"({"type": "order_filled", "source": "exec",
                               "ts_ns": 170000000012345678)"
                             + std::to_string(i)
                             + R"(, "correlation_id": "t-)" + std::to_string(i)
                             + R"(", "data": {"qty": ")" + std::to_string(i)
                             + R"("}})");
  start();
  v1::LimitRequest req;
  req.set_limit(2);
  v1::Events out;
  auto st = stub()->GetEvents(context().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(out.events_size(), 2);
  auto& last = out.events(1);
  EXPECT_EQ(last.type(), "order_filled");
  EXPECT_EQ(last.source(), "exec");
  EXPECT_EQ(last.ts_ns(), 1700000000123456783); // exact: not a double
  EXPECT_EQ(last.correlation_id(), "t-3");
  EXPECT_EQ(field(last.data(), "qty").string_value(), "3");
  EXPECT_EQ(out.events(0).correlation_id(), "t-2");
  EXPECT_LT(out.events(0).seq(), last.seq());
}

TEST_F(GrpcService, AlertsAreTheirOwnStream) {
  board.append("events", R"({"type": "order_filled"})");
  board.append("alerts", R"({"type": "risk_alert"})");
  start();
  v1::Events out;
  auto st = stub()->GetAlerts(context().get(), v1::LimitRequest{}, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(out.events_size(), 1);
  EXPECT_EQ(out.events(0).type(), "risk_alert");
}

TEST_F(GrpcService, RefusesAControlWithoutTheRightToken) {
  start();
  auto client = stub();
  v1::ReasonRequest req;
  req.set_reason("maintenance");
  v1::ControlReply out;
  auto st = client->Halt(context().get(), req, &out);
  EXPECT_EQ(st.error_code(), StatusCode::UNAUTHENTICATED);
  st = client->Halt(context("wrong").get(), req, &out);
  EXPECT_EQ(st.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(commands().empty());
}

TEST_F(GrpcService, RefusesEveryControlWhenNoTokenIsConfigured) {
  start(secret{});
  v1::ControlReply out;
  auto st = stub()->Resume(context(token).get(), v1::Empty{}, &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(st.error_message(), "control disabled: no API token configured");
  EXPECT_TRUE(commands().empty());
}

TEST_F(GrpcService, PassesEachControlToTheInspectorAsItsCommand) {
  start();
  auto client = stub();
  v1::ReasonRequest reason;
  reason.set_reason("maintenance window");
  v1::IdRequest id;
  id.set_id("spread-1");
  v1::ControlReply out;
  std::vector<grpc::Status> results{
    client->Halt(context(token).get(), reason, &out),
    client->Resume(context(token).get(), v1::Empty{}, &out),
    client->EmergencyStop(context(token).get(), reason, &out),
    client->StartStrategy(context(token).get(), id, &out),
    client->StopStrategy(context(token).get(), id, &out),
    client->CancelOrder(context(token).get(), id, &out),
    client->CancelAll(context(token).get(), v1::Empty{}, &out),
    client->Reload(context(token).get(), v1::Empty{}, &out)};
  for (auto& st : results)
    EXPECT_TRUE(st.ok()) << st.error_message();
  using cmd = std::vector<std::string>;
  EXPECT_EQ(commands(),
            (std::vector<cmd>{{"halt", "maintenance window"},
                              {"resume"},
                              {"emergency-stop", "maintenance window"},
                              {"strategy", "start", "spread-1"},
                              {"strategy", "stop", "spread-1"},
                              {"cancel", "spread-1"},
                              {"cancel-all"},
                              {"reload"}}));
}

TEST_F(GrpcService, ReturnsTheInspectorsReply) {
  start();
  reply_with(R"({"command": "halt", "risk": {"halted": true}})");
  v1::ReasonRequest req;
  req.set_reason("maintenance");
  v1::ControlReply out;
  auto st = stub()->Halt(context(token).get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(field(out.result(), "command").string_value(), "halt");
  EXPECT_TRUE(
    field(field(out.result(), "risk").struct_value(), "halted").bool_value());
}

TEST_F(GrpcService, AnInspectorErrorIsAFailedPrecondition) {
  start();
  reply_with(R"({"error": "risk is not running"})");
  v1::ControlReply out;
  auto st = stub()->Resume(context(token).get(), v1::Empty{}, &out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(st.error_message(), "risk is not running");
}

TEST_F(GrpcService, ReadsNeedTheTokenBeyondLoopback) {
  board.put("status", R"({"node": "n1"})");
  start(secret{token}, "0.0.0.0");
  auto client = stub();
  v1::Snapshot out;
  auto st = client->GetStatus(context().get(), v1::Empty{}, &out);
  EXPECT_EQ(st.error_code(), StatusCode::UNAUTHENTICATED);
  st = client->GetStatus(context(token).get(), v1::Empty{}, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(GrpcService, RefusesAPortAlreadyTaken) {
  start();
  grpc_server_setup setup;
  setup.port = server->port();
  std::string error;
  auto second = grpc_server::start(setup, board, {}, error);
  EXPECT_EQ(second, nullptr);
  EXPECT_NE(error.find("cannot listen on 127.0.0.1:"), std::string::npos)
    << error;
}

} // namespace
} // namespace karb::api::test
