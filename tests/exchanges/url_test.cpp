#include "exchanges/common/url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace karb::net;

TEST(Url, ParsesHttpsWithDefaults) {
  auto u = parse_url("https://api.upbit.com");
  EXPECT_EQ(u.scheme, url_scheme::https);
  EXPECT_EQ(u.host, "api.upbit.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.path, "/");
  EXPECT_TRUE(u.tls);
  EXPECT_FALSE(u.websocket());
  EXPECT_EQ(u.host_header(), "api.upbit.com");
}

TEST(Url, ParsesHttpDefaultPortAndQuery) {
  auto u = parse_url("HTTP://Example.COM/v1/ticker?markets=KRW-BTC#frag");
  EXPECT_EQ(u.scheme, url_scheme::http);
  EXPECT_EQ(u.host, "example.com");
  EXPECT_EQ(u.port, 80);
  EXPECT_EQ(u.path, "/v1/ticker?markets=KRW-BTC");
  EXPECT_FALSE(u.tls);
}

TEST(Url, ParsesWebSocketSchemesAndExplicitPorts) {
  auto a = parse_url("wss://api.upbit.com/websocket/v1");
  EXPECT_EQ(a.scheme, url_scheme::wss);
  EXPECT_EQ(a.port, 443);
  EXPECT_EQ(a.path, "/websocket/v1");
  EXPECT_TRUE(a.tls && a.websocket());
  auto b = parse_url("ws://127.0.0.1:8080");
  EXPECT_EQ(b.scheme, url_scheme::ws);
  EXPECT_EQ(b.host, "127.0.0.1");
  EXPECT_EQ(b.port, 8080);
  EXPECT_EQ(b.path, "/");
  EXPECT_FALSE(b.tls);
  EXPECT_EQ(b.host_header(), "127.0.0.1:8080");
}

TEST(Url, QueryWithoutPathGetsLeadingSlash) {
  EXPECT_EQ(parse_url("http://h?x=1").path, "/?x=1");
}

TEST(Url, ParsesBracketedIpv6) {
  auto u = parse_url("https://[::1]:9443/x");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 9443);
  EXPECT_EQ(u.host_header(), "[::1]:9443");
}

TEST(Url, RejectsUnsupportedSchemeWithClearReason) {
  std::string err;
  EXPECT_FALSE(try_parse_url("ftp://x.com/", &err));
  EXPECT_EQ(err, "unsupported scheme 'ftp'");
  EXPECT_THROW(parse_url("ftp://x.com/"), std::invalid_argument);
}

TEST(Url, RejectsMalformedAuthorities) {
  std::string err;
  EXPECT_FALSE(try_parse_url("api.upbit.com/v1", &err));
  EXPECT_NE(err.find("missing scheme"), std::string::npos);
  EXPECT_FALSE(try_parse_url("https:///v1", &err));
  EXPECT_NE(err.find("empty host"), std::string::npos);
  EXPECT_FALSE(try_parse_url("https://h:0/", &err));
  EXPECT_FALSE(try_parse_url("https://h:65536/", &err));
  EXPECT_FALSE(try_parse_url("https://h:12ab/", &err));
  EXPECT_NE(err.find("invalid port"), std::string::npos);
  EXPECT_FALSE(try_parse_url("https://h:/", &err));
  EXPECT_FALSE(try_parse_url("https://user@h/", &err));
  EXPECT_FALSE(try_parse_url("https://[::1/", &err));
}
