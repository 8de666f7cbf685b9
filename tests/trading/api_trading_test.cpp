// The control API end to end: the karb binary against karb-sim, read and
// driven through node.api's REST routes, its WebSocket stream and its gRPC
// service, as a dashboard or a script would. Every response is kept and
// searched for the venue secrets and the token at the end.

#include <cstdlib>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include "actors/api/grpc/karb.grpc.pb.h"
#include "tests/api/api_fixture.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using nlohmann::json;

const std::string token = "api-e2e-token-5c1d0f";
// The paper keys node_process puts in the node's environment.
const std::vector<std::string> secrets{
  "karb-dev-upbit-secret-0123456789", "karb-dev-bithumb-secret-0123456789",
  token};

int port_logged(const trading_env& env, const std::string& event) {
  for (auto& j : events_named(env.log(), event))
    if (auto& p = j["fields"]["port"]; p.is_number())
      return p.get<int>();
  return 0;
}

/// The API as a client sees it: every body it received is kept.
class api_client {
public:
  explicit api_client(int port)
    : base_("http://127.0.0.1:" + std::to_string(port)) {}

  net::http_result call(const std::string& method, const std::string& target,
                        const std::string& body = {},
                        std::optional<std::string> bearer = {}) {
    auto r = http_call(io_, base_, request(method, target, body, bearer));
    seen_ += r.response.body;
    return r;
  }

  /// GET `target` as JSON (discarded when not 200 or not JSON).
  json get(const std::string& target) {
    auto r = call("GET", target);
    if (r.response.status != 200)
      return json::value_t::discarded;
    return json::parse(r.response.body, nullptr, false);
  }

  net::io_runner& io() { return io_; }
  std::string& seen() { return seen_; }

private:
  net::io_runner io_{1};
  std::string base_;
  std::string seen_;
};

bool has_trade(const json& trades, const std::string& id) {
  return trades.dump().find(id) != std::string::npos;
}

TEST(ApiEndToEnd, RestStreamGrpcAndControlOnALiveNode) {
  ::setenv("KARB_API_TOKEN", token.c_str(), 1);
  trading_env env{"api"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.start_node();
  ASSERT_TRUE(env.wait_books(20s)) << env.dump();
  int port = 0, grpc_port = 0;
  ASSERT_TRUE(wait_until([&] {
    port = port_logged(env, "api_serving");
    grpc_port = port_logged(env, "grpc_serving");
    return port > 0 && grpc_port > 0;
  }, 10s));
  api_client api{port};

  // REST: the status the publisher refreshed, with both venues.
  json status;
  ASSERT_TRUE(wait_until([&] {
    status = api.get("/api/v1/status");
    return !status.is_discarded() && status.value("venues", json::array())
                                         .size() == 2;
  }, 10s)) << status.dump();
  auto health = api.call("GET", "/health");
  EXPECT_EQ(health.response.status, 200) << health.response.body;

  // The stream: live spread points for the pair, both directions and the
  // fee threshold, then the trade a forced spread makes.
  ws_probe ws{api.io(), "ws://127.0.0.1:" + std::to_string(port)
                          + "/api/v1/stream"};
  ASSERT_TRUE(ws.wait_open());
  ws.send(R"({"op":"subscribe","topics":["spread:*","trades"]})");
  int spread_points = 0;
  json last_spread;
  std::vector<json> trade_updates;
  auto drain = [&](std::chrono::milliseconds t) {
    while (auto m = ws.next(t)) {
      api.seen() += *m;
      auto j = json::parse(*m, nullptr, false);
      if (j.is_discarded())
        continue;
      auto topic = j.value("topic", "");
      if (topic.rfind("spread:", 0) == 0) {
        ++spread_points;
        last_spread = j["data"];
      } else if (topic == "trades") {
        trade_updates.push_back(j["data"]);
      }
      t = std::chrono::milliseconds{1};
    }
  };
  ASSERT_TRUE(wait_until([&] {
    drain(200ms);
    return spread_points >= 3;
  }, 15s)) << spread_points;
  EXPECT_TRUE(last_spread.contains("a_to_b_bp")) << last_spread.dump();
  EXPECT_TRUE(last_spread.contains("b_to_a_bp")) << last_spread.dump();
  // Decimals travel as strings.
  auto threshold = last_spread.value("threshold_bp", json{});
  ASSERT_TRUE(threshold.is_string()) << last_spread.dump();
  EXPECT_GT(std::stod(threshold.get<std::string>()), 0.0) << last_spread.dump();

  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  ASSERT_TRUE(env.wait_final_trades(1, 20s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  auto trade_id = store_trades(env.db()).at(0).trade_id;
  EXPECT_TRUE(wait_until([&] {
    drain(200ms);
    for (auto& t : trade_updates)
      if (has_trade(t, trade_id))
        return true;
    return false;
  }, 10s)) << "no stream update with trade " << trade_id;
  EXPECT_TRUE(has_trade(api.get("/api/v1/trades"), trade_id));

  // Control: refused without the token, obeyed with it.
  auto body = R"({"reason":"api end to end"})";
  EXPECT_EQ(api.call("POST", "/api/v1/risk/halt", body).response.status, 401);
  EXPECT_EQ(api.call("POST", "/api/v1/risk/halt", body, "wrong-token")
              .response.status,
            401);
  auto halted = api.call("POST", "/api/v1/risk/halt", body, token);
  EXPECT_EQ(halted.response.status, 200) << halted.response.body;
  EXPECT_TRUE(wait_until([&] {
    return api.get("/api/v1/risk").value("halted", false);
  }, 10s));

  // gRPC: the same node through the generated client.
  auto stub = v1::Karb::NewStub(grpc::CreateChannel(
    "127.0.0.1:" + std::to_string(grpc_port),
    grpc::InsecureChannelCredentials()));
  auto deadline = [] {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + 5s);
    return c;
  };
  v1::Snapshot risk;
  {
    auto c = deadline();
    ASSERT_TRUE(stub->GetRisk(c.get(), v1::Empty{}, &risk).ok());
  }
  EXPECT_TRUE(risk.data().fields().at("halted").bool_value());
  v1::ControlReply reply;
  {
    auto c = deadline();
    auto st = stub->Resume(c.get(), v1::Empty{}, &reply);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    auto c = deadline();
    c->AddMetadata("authorization", "Bearer " + token);
    auto st = stub->Resume(c.get(), v1::Empty{}, &reply);
    EXPECT_TRUE(st.ok()) << st.error_message();
  }
  EXPECT_TRUE(wait_until([&] {
    return !api.get("/api/v1/risk").value("halted", true);
  }, 10s));
  v1::Snapshot config;
  {
    auto c = deadline();
    ASSERT_TRUE(stub->GetConfig(c.get(), v1::Empty{}, &config).ok());
  }
  std::string config_json;
  (void) google::protobuf::util::MessageToJsonString(config.data(),
                                                      &config_json);
  api.seen() += config_json;

  // Nothing the API said contains a secret.
  for (auto* target : {"/api/v1/config", "/api/v1/status", "/api/v1/actors",
                       "/api/v1/events?limit=500", "/metrics"})
    api.call("GET", target);
  for (auto& s : secrets)
    EXPECT_EQ(api.seen().find(s), std::string::npos) << "leaked: " << s;
  EXPECT_NE(api.seen().find("\"***\""), std::string::npos)
    << "the config shows no masked secret";
  EXPECT_EQ(env.stop_node(), 0);
  ::unsetenv("KARB_API_TOKEN");
}

} // namespace
} // namespace karb::test
