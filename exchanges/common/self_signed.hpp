#pragma once

// A self-signed P-256 certificate made in memory (OpenSSL 3), for the
// simulator's TLS ports and TLS tests. Never used against a real venue.

#include <string>
#include <vector>

namespace karb::tls {

struct pem_pair {
  std::string cert_pem;
  std::string key_pem;
};

/// A certificate valid for `days` days, with the given DNS names and IP
/// addresses as subject alternative names (e.g. {"localhost"},
/// {"127.0.0.1"}). It is its own CA: trust `cert_pem` to verify it.
/// Throws std::runtime_error if OpenSSL fails.
pem_pair make_self_signed(const std::vector<std::string>& dns_names,
                          const std::vector<std::string>& ip_addresses,
                          int days = 30);

} // namespace karb::tls
