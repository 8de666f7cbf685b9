#pragma once

// The one list of venue names: which the node implements, and for the
// others why not. Configuration refuses a venue without an implementation
// with that reason; the venue actors get their protocol table from here.

#include <optional>
#include <span>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::venue {

struct venue_entry {
  exchange id = exchange::custom;
  std::string_view name;        ///< as written in configuration
  std::string_view unavailable; ///< "" when implemented, else the reason
  contract_type contracts = contract_type::spot;
  std::string_view quote;       ///< the quote currency of its markets
  book_model books = book_model::full_snapshot; ///< how its books arrive
  bool passphrase = false; ///< its API keys come with a passphrase (OKX)
};

/// Every venue name, implemented or not.
std::span<const venue_entry> venue_entries();

/// The entry named `name`; nullptr for a name no one knows.
const venue_entry* find_venue(std::string_view name);
const venue_entry& entry_of(exchange venue);

/// The protocol table of an implemented venue; throws std::invalid_argument
/// for one without an implementation (configuration refuses those first).
/// `sizes` gives the contract size of a venue symbol to the venues that
/// count in contracts (OKX swaps): their parsers and builders convert to
/// and from base units with it; without it such a venue's conversions fail
/// with a clear error.
venue_protocol protocol_for(exchange venue, contract_size_fn sizes = {});

/// The instrument `base`/`quote` on `venue` (its contract kind and its own
/// symbol spelling).
instrument instrument_on(exchange venue, std::string_view base,
                         std::string_view quote);

} // namespace karb::venue
