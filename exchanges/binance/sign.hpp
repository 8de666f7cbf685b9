#pragma once

// Binance request assembly and HMAC signing (exchanges.md §3.1, same on
// USD-M): parameters become a query string with every byte outside the
// unreserved set percent-encoded; a SIGNED request appends `recvWindow`
// and `timestamp`, signs the query string followed by the body (no
// separator) with HMAC-SHA256 in lowercase hex, and sends the result as
// the last parameter `signature`. GET and DELETE carry everything in the
// target; POST and PUT carry it in an x-www-form-urlencoded body. The API
// key travels in the `X-MBX-APIKEY` header.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/signing_context.hpp"

namespace karb::binance {

using param = std::pair<std::string, std::string>;
using params = std::vector<param>;

/// The venue's default validity window of a signed request, in ms.
inline constexpr int default_recv_window_ms = 5000;

inline constexpr std::string_view api_key_header = "X-MBX-APIKEY";

/// `text` with every byte except A-Z a-z 0-9 - . _ ~ written as %XX.
std::string percent_encode(std::string_view text);

/// "k=v&k=v" in the given order, keys and values percent-encoded.
std::string join_query(const params& ps);

/// Lowercase hex HMAC-SHA256 of `query` immediately followed by `body`.
std::string sign(std::string_view secret, std::string_view query,
                 std::string_view body = {});

/// An unsigned request (public market data): parameters in the target.
http::request public_request(std::string_view method, std::string_view path,
                             const params& ps = {});

/// A request that carries only the API key header (listen keys).
http::request keyed_request(std::string_view method, std::string_view path,
                            const credentials& creds);

/// A SIGNED request: `ps`, then recvWindow and timestamp (venue time from
/// `ctx`), then signature. Reads are idempotent, writes are not.
http::request signed_request(std::string_view method, std::string_view path,
                             params ps, const credentials& creds,
                             const signing_context& ctx,
                             int recv_window_ms = default_recv_window_ms);

} // namespace karb::binance
