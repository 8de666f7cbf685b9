#include "messages/execution.hpp"

namespace karb {

std::string to_string(ack_kind x) {
  switch (x) {
    case ack_kind::accepted:
      return "accepted";
    case ack_kind::rejected:
      return "rejected";
    case ack_kind::maybe_sent:
      return "maybe_sent";
    case ack_kind::not_sent:
      return "not_sent";
    case ack_kind::not_found:
      return "not_found";
  }
  return "invalid";
}

} // namespace karb
