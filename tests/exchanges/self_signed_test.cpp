#include "exchanges/common/self_signed.hpp"

#include <memory>

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

TEST(SelfSigned, CertificateVerifiesForItsIpAndNames) {
  auto pair = karb::tls::make_self_signed({"localhost"}, {"127.0.0.1"});
  ASSERT_NE(pair.cert_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  ASSERT_NE(pair.key_pem.find("PRIVATE KEY"), std::string::npos);
  BIO* bio = BIO_new_mem_buf(pair.cert_pem.data(),
                             static_cast<int>(pair.cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(X509_check_ip_asc(cert, "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "127.0.0.2", 0), 0);
  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(cert, "api.upbit.com", 0, 0, nullptr), 0);
  // Self-issued and signed by its own key.
  EXPECT_EQ(X509_verify(cert, X509_get0_pubkey(cert)), 1);
  X509_free(cert);
}
