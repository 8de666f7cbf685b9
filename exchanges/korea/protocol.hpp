#pragma once

// The protocol table of the Upbit family: Upbit and Bithumb API 2.0.

#include "exchanges/common/venue_protocol.hpp"

namespace karb::korea {

/// Upbit (exchange::upbit) or Bithumb API 2.0 (exchange::bithumb); throws
/// std::invalid_argument for another venue.
venue::venue_protocol korea_protocol(exchange venue);

} // namespace karb::korea
