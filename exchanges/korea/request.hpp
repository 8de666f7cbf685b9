#pragma once

// Request assembly for the Upbit family: parameter lists become the exact
// query string (GET/DELETE) or JSON body (POST), and private requests get
// `Authorization: Bearer <JWT>` whose query_hash covers exactly those bytes.
//
// Values are written unescaped: the builders only pass market codes,
// decimals, UUIDs and client ids restricted to [A-Za-z0-9_-], so the wire
// text and the hashed text (Upbit hashes the unescaped query) coincide.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/jwt.hpp"
#include "exchanges/common/signing_context.hpp"

namespace karb::korea {

using param = std::pair<std::string, std::string>;
using params = std::vector<param>;

using karb::signing_context;

/// How a venue signs: JWT algorithm, and whether it adds `timestamp`.
struct auth_scheme {
  jwt::alg algorithm = jwt::alg::hs512;
  bool with_timestamp = false;
};

/// "k=v&k=v" in the given order, unescaped.
std::string join_query(const params& ps);

/// {"k":"v",...} in the given order, all values JSON strings.
std::string json_body(const params& ps);

/// An unsigned GET.
http::request public_get(std::string_view path, const params& ps);

/// A signed request: GET/DELETE put `ps` in the target, POST in the body.
http::request signed_request(std::string_view method, std::string_view path,
                             const params& ps, const credentials& creds,
                             const signing_context& ctx, auth_scheme scheme);

/// Client ids we send: 1-36 characters of [A-Za-z0-9_-].
bool is_valid_client_id(std::string_view id);

} // namespace karb::korea
