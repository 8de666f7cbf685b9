#include "actors/api/grpc/access.hpp"
#include "config/api_settings.hpp"

#include <gtest/gtest.h>

namespace karb::api {
namespace {

TEST(Access, GrantsTheConfiguredBearerToken) {
  secret token{"s3cret"};
  EXPECT_EQ(check_bearer("Bearer s3cret", token), access::granted);
  EXPECT_EQ(check_bearer("bearer s3cret", token), access::granted);
}

TEST(Access, RefusesAWrongMissingOrMalformedToken) {
  secret token{"s3cret"};
  EXPECT_EQ(check_bearer("", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("Bearer ", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("Bearer s3cre", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("Bearer s3cret2", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("Bearer S3cret", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("Basic s3cret", token), access::unauthenticated);
  EXPECT_EQ(check_bearer("s3cret", token), access::unauthenticated);
}

TEST(Access, IsDisabledWithoutAConfiguredToken) {
  EXPECT_EQ(check_bearer("Bearer ", secret{}), access::disabled);
  EXPECT_EQ(check_bearer("Bearer x", secret{}), access::disabled);
}

TEST(Access, KnowsLoopbackBinds) {
  EXPECT_TRUE(config::is_loopback("127.0.0.1"));
  EXPECT_TRUE(config::is_loopback("::1"));
  EXPECT_TRUE(config::is_loopback("localhost"));
  EXPECT_FALSE(config::is_loopback("0.0.0.0"));
  EXPECT_FALSE(config::is_loopback("::"));
  EXPECT_FALSE(config::is_loopback("10.0.0.7"));
}

} // namespace
} // namespace karb::api
