#include "exchanges/common/http_client.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/self_signed.hpp"
#include "exchanges/common/tls_context.hpp"
#include "exchanges/common/ws_client.hpp"

#include "net_helpers.hpp"
#include "test_server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace karb;
using namespace karb::net;
using namespace karb::test;

namespace {

http_action ok(const seen_request& r) {
  http_action a;
  a.body = r.method + " " + r.target;
  return a;
}

/// A certificate for 127.0.0.1 and a client context trusting it.
struct trusted_pki {
  tls::pem_pair pems = tls::make_self_signed({"localhost"}, {"127.0.0.1"});
  temp_file ca{"ca.pem", pems.cert_pem};
  std::shared_ptr<tls_context> ctx = make_tls_context({ca.path()});
};

http_client_config cfg(const std::string& url) {
  http_client_config c;
  c.base_url = url;
  c.request_timeout = 3000ms;
  c.retry.base = 5ms;
  return c;
}

} // namespace

TEST(Tls, HttpsKeepAliveRoundTripWithTrustedCa) {
  trusted_pki pki;
  http_test_server srv{ok, pki.pems};
  io_runner io;
  http_client c{io, cfg(srv.url()), pki.ctx};
  auto a = send_wait(c, get("/v1/accounts"));
  ASSERT_TRUE(a && a->ok()) << (a ? a->error.message : "no result");
  EXPECT_EQ(a->response.body, "GET /v1/accounts");
  auto b = send_wait(c, post("/v1/orders", "{}"));
  ASSERT_TRUE(b && b->ok()) << (b ? b->error.message : "no result");
  EXPECT_TRUE(b->reused_connection);
  EXPECT_EQ(srv.log().accepts(), 1);
}

TEST(Tls, CertificateForAnotherHostFailsVerification) {
  auto pems = tls::make_self_signed({"other.example"}, {});
  temp_file ca{"ca.pem", pems.cert_pem};
  http_test_server srv{ok, pems};
  io_runner io;
  http_client c{io, cfg(srv.url()), make_tls_context({ca.path()})};
  auto r = send_wait(c, post("/v1/orders", "{}"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::tls) << r->error.message;
  EXPECT_NE(r->error.message.find("mismatch"), std::string::npos)
    << r->error.message;
  EXPECT_EQ(r->attempts, 1);
  auto g = send_wait(c, get("/v1/ticker"));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->error.kind, error_kind::tls);
  EXPECT_EQ(g->attempts, 1); // a verification failure is never retried
  EXPECT_TRUE(srv.log().requests().empty());
}

TEST(Tls, UntrustedCaFailsVerification) {
  auto server_pems = tls::make_self_signed({"localhost"}, {"127.0.0.1"});
  auto other = tls::make_self_signed({"localhost"}, {"127.0.0.1"});
  temp_file ca{"ca.pem", other.cert_pem};
  http_test_server srv{ok, server_pems};
  io_runner io;
  http_client c{io, cfg(srv.url()), make_tls_context({ca.path()})};
  auto r = send_wait(c, get("/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::tls) << r->error.message;
  EXPECT_NE(r->error.message.find("certificate verify failed"),
            std::string::npos)
    << r->error.message;
  EXPECT_TRUE(srv.log().requests().empty());
}

TEST(Tls, SystemTrustStoreDoesNotTrustTheSimulatorCert) {
  trusted_pki pki;
  http_test_server srv{ok, pki.pems};
  io_runner io;
  http_client c{io, cfg(srv.url())}; // no context: system trust store
  auto r = send_wait(c, get("/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::tls) << r->error.message;
}

TEST(Tls, MissingCaFileThrowsAtStartUp) {
  EXPECT_THROW(make_tls_context({"/nonexistent/karb/ca.pem"}),
               std::runtime_error);
}

TEST(Tls, SecureWebSocketEchoWithTrustedCa) {
  trusted_pki pki;
  ws_test_server srv{ws_test_server::echo, pki.pems};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_config wc;
  wc.url = srv.url("/websocket/v1");
  ws_client ws{io, wc, probe->handlers(), pki.ctx};
  ws.connect();
  ws.send_text("[{\"ticket\":\"t\"}]");
  ASSERT_TRUE(probe->wait([&] { return probe->frames.size() == 1; }));
  EXPECT_EQ(probe->frames[0].data, "[{\"ticket\":\"t\"}]");
  EXPECT_EQ(probe->opens, 1);
}

TEST(Tls, SecureWebSocketHostMismatchReportsTlsError) {
  auto pems = tls::make_self_signed({"other.example"}, {});
  temp_file ca{"ca.pem", pems.cert_pem};
  ws_test_server srv{ws_test_server::echo, pems};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_config wc;
  wc.url = srv.url();
  ws_client ws{io, wc, probe->handlers(), make_tls_context({ca.path()})};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return !probe->closes.empty(); }));
  ASSERT_EQ(probe->errors.size(), 1u);
  EXPECT_EQ(probe->errors[0].kind, error_kind::tls);
  EXPECT_NE(probe->errors[0].message.find("mismatch"), std::string::npos);
  EXPECT_EQ(probe->opens, 0);
}
