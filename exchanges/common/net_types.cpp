#include "exchanges/common/net_types.hpp"

namespace karb::net {

std::string to_string(error_kind k) {
  switch (k) {
    case error_kind::none: return "none";
    case error_kind::resolve: return "resolve";
    case error_kind::connect: return "connect";
    case error_kind::tls: return "tls";
    case error_kind::handshake: return "handshake";
    case error_kind::timeout: return "timeout";
    case error_kind::closed: return "closed";
    case error_kind::maybe_sent: return "maybe_sent";
    case error_kind::heartbeat: return "heartbeat";
    case error_kind::protocol: return "protocol";
    case error_kind::cancelled: return "cancelled";
    case error_kind::queue_full: return "queue_full";
  }
  return "unknown";
}

} // namespace karb::net
