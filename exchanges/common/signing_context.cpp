#include "exchanges/common/signing_context.hpp"

#include "exchanges/common/crypto.hpp"

namespace karb {

signing_context signing_context::fresh(int64_t now_ms) {
  return signing_context{crypto::uuid_v4(), now_ms};
}

} // namespace karb
