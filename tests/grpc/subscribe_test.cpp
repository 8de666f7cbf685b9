// karb.v1.Karb's Subscribe stream over a real server and channel.

#include <future>

#include "tests/grpc/grpc_fixture.hpp"

namespace karb::api::test {
namespace {

using namespace std::chrono_literals;
using grpc::StatusCode;

class GrpcSubscribe : public grpc_fixture {
protected:
  std::unique_ptr<grpc::ClientReader<v1::Update>>
  subscribe(v1::Karb::Stub& client, grpc::ClientContext& ctx,
            std::vector<std::string> topics) {
    v1::SubscribeRequest req;
    for (auto& t : topics)
      req.add_topics(t);
    return client.Subscribe(&ctx, req);
  }
};

TEST_F(GrpcSubscribe, SendsTheCurrentSnapshotsThenEveryChange) {
  board.put("status", R"({"v": 1})");
  board.put("orders", R"({"orders": []})");
  board.put("spread:upbit-bithumb:BTC", R"({"a_to_b_bp": "12.5"})");
  start();
  auto client = stub();
  auto ctx = context();
  auto reader = subscribe(*client, *ctx, {"status", "spread:*", "events"});
  // The current snapshots first (in topic order), not the orders.
  v1::Update u;
  ASSERT_TRUE(reader->Read(&u));
  EXPECT_EQ(u.topic(), "spread:upbit-bithumb:BTC");
  ASSERT_TRUE(u.has_snapshot());
  EXPECT_EQ(field(u.snapshot().data(), "a_to_b_bp").string_value(), "12.5");
  ASSERT_TRUE(reader->Read(&u));
  EXPECT_EQ(u.topic(), "status");
  EXPECT_EQ(field(u.snapshot().data(), "v").number_value(), 1);
  // Then each change: a new status, an event; a topic not asked for is not
  // sent.
  board.put("status", R"({"v": 2})");
  ASSERT_TRUE(reader->Read(&u));
  EXPECT_EQ(u.topic(), "status");
  EXPECT_EQ(field(u.snapshot().data(), "v").number_value(), 2);
  EXPECT_EQ(u.snapshot().seq(), board.get("status")->seq);
  board.put("orders", R"({"orders": [{"client_order_id": "c1"}]})");
  board.append("events", R"({"type": "order_filled", "source": "exec",
                             "ts_ns": 5, "data": {"qty": "1"}})");
  ASSERT_TRUE(reader->Read(&u));
  EXPECT_EQ(u.topic(), "events");
  ASSERT_TRUE(u.has_event());
  EXPECT_EQ(u.event().type(), "order_filled");
  EXPECT_EQ(u.event().ts_ns(), 5);
  EXPECT_EQ(field(u.event().data(), "qty").string_value(), "1");
  ctx->TryCancel();
}

TEST_F(GrpcSubscribe, RefusesAnEmptyTopicList) {
  start();
  auto client = stub();
  auto ctx = context();
  auto reader = subscribe(*client, *ctx, {});
  v1::Update u;
  EXPECT_FALSE(reader->Read(&u));
  EXPECT_EQ(reader->Finish().error_code(), StatusCode::INVALID_ARGUMENT);
}

TEST_F(GrpcSubscribe, AClientThatDoesNotReadNeverBlocksTheBoardAndIsEnded) {
  board.put("status", R"({"v": 1})");
  start();
  auto client = stub();
  auto ctx = context("", 20s);
  auto reader = subscribe(*client, *ctx, {"status", "events"});
  v1::Update u;
  ASSERT_TRUE(reader->Read(&u)); // the stream is open on the server
  // Far more than the transport buffers and the 1,000-item backlog hold.
  constexpr int appended = 3000;
  auto event = R"({"type": "tick", "data": {"pad": ")"
               + std::string(16 * 1024, 'x') + R"("}})";
  auto writer = std::async(std::launch::async, [&] {
    for (int i = 0; i < appended; ++i)
      board.append("events", event);
  });
  ASSERT_EQ(writer.wait_for(30s), std::future_status::ready)
    << "the board's writer is blocked by a slow subscriber";
  int received = 0;
  while (reader->Read(&u))
    ++received;
  auto st = reader->Finish();
  EXPECT_EQ(st.error_code(), StatusCode::RESOURCE_EXHAUSTED)
    << st.error_message();
  EXPECT_EQ(st.error_message(), "too slow");
  EXPECT_LT(received, appended);
}

TEST_F(GrpcSubscribe, StoppingTheServerEndsAnOpenStreamPromptly) {
  board.put("status", R"({"v": 1})");
  start();
  auto client = stub();
  auto ctx = context();
  auto reader = subscribe(*client, *ctx, {"*"});
  v1::Update u;
  ASSERT_TRUE(reader->Read(&u));
  auto t0 = std::chrono::steady_clock::now();
  server->stop();
  // Without ending the stream first, Shutdown waits for its 1 s deadline.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
  EXPECT_FALSE(reader->Read(&u));
  auto st = reader->Finish();
  EXPECT_EQ(st.error_code(), StatusCode::UNAVAILABLE);
  EXPECT_EQ(st.error_message(), "server shutting down");
}

TEST_F(GrpcSubscribe, AStreamCancelledByTheClientLeavesTheBoardServing) {
  board.put("status", R"({"v": 1})");
  start();
  auto client = stub();
  auto ctx = context();
  auto reader = subscribe(*client, *ctx, {"status"});
  v1::Update u;
  ASSERT_TRUE(reader->Read(&u));
  ctx->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), StatusCode::CANCELLED);
  board.put("status", R"({"v": 2})");
  // A second subscriber still gets the new value.
  auto ctx2 = context();
  auto reader2 = subscribe(*client, *ctx2, {"status"});
  ASSERT_TRUE(reader2->Read(&u));
  EXPECT_EQ(field(u.snapshot().data(), "v").number_value(), 2);
  ctx2->TryCancel();
}

} // namespace
} // namespace karb::api::test
