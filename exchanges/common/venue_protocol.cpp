#include "exchanges/common/venue_protocol.hpp"

namespace karb::venue {

feed_decoder::~feed_decoder() = default;

} // namespace karb::venue
