#pragma once

// A real karb.v1.Karb server on a free loopback port over a snapshot board,
// with a recording control function at the edge, and a generated client
// stub over a real channel.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "actors/api/grpc/grpc_server.hpp"
#include "actors/api/grpc/karb.grpc.pb.h"
#include "actors/api/snapshot_board.hpp"

namespace karb::api::test {

inline const std::string token = "s3cret-token";

class grpc_fixture : public ::testing::Test {
protected:
  ~grpc_fixture() override {
    if (server)
      server->stop();
  }

  /// Starts the server (fails the test if it cannot).
  void start(secret tok = secret{token}, std::string bind = "127.0.0.1") {
    grpc_server_setup setup;
    setup.bind = std::move(bind);
    setup.token = std::move(tok);
    std::string error;
    server = grpc_server::start(setup, board, recording_control(), error);
    ASSERT_NE(server, nullptr) << error;
    ASSERT_NE(server->port(), 0);
  }

  std::unique_ptr<v1::Karb::Stub>
  stub(const grpc::ChannelArguments& args = {}) {
    auto channel = grpc::CreateCustomChannel(
      "127.0.0.1:" + std::to_string(server->port()),
      grpc::InsecureChannelCredentials(), args);
    return v1::Karb::NewStub(channel);
  }

  /// A context with a deadline, so that no test waits forever, and the
  /// bearer token when given.
  static std::unique_ptr<grpc::ClientContext>
  context(const std::string& bearer = "",
          std::chrono::seconds deadline = std::chrono::seconds{10}) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + deadline);
    if (!bearer.empty())
      ctx->AddMetadata("authorization", "Bearer " + bearer);
    return ctx;
  }

  /// The commands the control function was called with, in order.
  std::vector<std::vector<std::string>> commands() {
    std::lock_guard<std::mutex> guard{mtx_};
    return commands_;
  }

  /// What the control function answers next.
  void reply_with(std::string json) {
    std::lock_guard<std::mutex> guard{mtx_};
    reply_ = std::move(json);
  }

  snapshot_board board;
  std::unique_ptr<grpc_server> server;

private:
  control_fn recording_control() {
    return [this](std::vector<std::string> args, control_done done) {
      std::string reply;
      {
        std::lock_guard<std::mutex> guard{mtx_};
        commands_.push_back(std::move(args));
        reply = reply_;
      }
      done(reply);
    };
  }

  std::mutex mtx_;
  std::vector<std::vector<std::string>> commands_;
  std::string reply_ = R"({"command": "ok"})";
};

/// A field of a Struct; fails the test when it is missing.
inline const google::protobuf::Value& field(const google::protobuf::Struct& s,
                                            const std::string& name) {
  static const google::protobuf::Value missing;
  auto i = s.fields().find(name);
  EXPECT_NE(i, s.fields().end()) << "no field " << name;
  return i == s.fields().end() ? missing : i->second;
}

} // namespace karb::api::test
