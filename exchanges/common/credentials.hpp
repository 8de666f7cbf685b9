#pragma once

// API credentials for one venue account. The secret half is a karb::secret
// (messages/secret.hpp): its text form is always "***".

#include <string>

#include "messages/secret.hpp"

namespace karb {

/// An API key pair for one venue account.
struct credentials {
  std::string access_key;
  secret secret_key;
  secret passphrase; ///< OKX: chosen at key creation; empty elsewhere
};

} // namespace karb
