// How the node starts node.api's gRPC server.

#include "actors/api/grpc/serve.hpp"

#include <gtest/gtest.h>

#include "actors/api/snapshot_board.hpp"

namespace karb::api {
namespace {

config::api_settings settings(int64_t grpc_port) {
  config::api_settings s;
  s.grpc_port = grpc_port;
  return s;
}

TEST(ServeGrpc, IsOffAtPortMinusOne) {
  snapshot_board board;
  std::string error = "stale";
  EXPECT_EQ(serve_grpc(settings(-1), board, {}, error), nullptr);
  EXPECT_EQ(error, "");
}

TEST(ServeGrpc, ListensOnAFreePortAtPortZero) {
  snapshot_board board;
  std::string error;
  auto server = serve_grpc(settings(0), board, {}, error);
  ASSERT_NE(server, nullptr) << error;
  EXPECT_NE(server->port(), 0);
}

TEST(ServeGrpc, SaysWhyItCannotListen) {
  snapshot_board board;
  std::string error;
  auto first = serve_grpc(settings(0), board, {}, error);
  ASSERT_NE(first, nullptr) << error;
  auto second = serve_grpc(settings(first->port()), board, {}, error);
  EXPECT_EQ(second, nullptr);
  EXPECT_EQ(error,
            "cannot listen on 127.0.0.1:" + std::to_string(first->port()));
  EXPECT_EQ(serve_grpc(settings(70000), board, {}, error), nullptr);
  EXPECT_EQ(error, "grpc_port 70000 is not a port");
}

TEST(ServeGrpc, RefusesACertificateWithoutAKey) {
  snapshot_board board;
  auto s = settings(0);
  s.certificate = "/nonexistent/cert.pem";
  std::string error;
  EXPECT_EQ(serve_grpc(s, board, {}, error), nullptr);
  EXPECT_EQ(error, "TLS needs both a certificate and a key");
  s.key = "/nonexistent/key.pem";
  EXPECT_EQ(serve_grpc(s, board, {}, error), nullptr);
  EXPECT_EQ(error, "cannot read the certificate /nonexistent/cert.pem");
}

} // namespace
} // namespace karb::api
