#include "exchanges/korea/errors.hpp"

#include <charconv>

#include "exchanges/common/json_text.hpp"

namespace karb::korea {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

bool contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

venue_errc by_status(int status) {
  switch (status) {
    case 401: return venue_errc::auth;
    case 403: return venue_errc::blocked;
    case 404: return venue_errc::unknown_order;
    case 418:
    case 429: return venue_errc::rate_limited;
    case 422: return venue_errc::order_not_ready;
    default: break;
  }
  return status >= 500 ? venue_errc::server_error : venue_errc::bad_request;
}

} // namespace

venue_errc classify(int http_status, std::string_view name) {
  if (http_status == 429 || http_status == 418)
    return venue_errc::rate_limited;
  if (starts_with(name, "insufficient_funds")
      || name == "withdraw_insufficient_balance")
    return venue_errc::insufficient_funds;
  if (starts_with(name, "under_min_total"))
    return venue_errc::under_min_total;
  if (starts_with(name, "invalid_price") || starts_with(name, "under_price_limit"))
    return venue_errc::invalid_price;
  if (starts_with(name, "invalid_volume"))
    return venue_errc::invalid_volume;
  if (name == "order_not_found")
    return venue_errc::unknown_order;
  if (name == "order_not_ready")
    return venue_errc::order_not_ready;
  if (name == "invalid_query_payload" || name == "jwt_verification"
      || name == "expired_access_key" || name == "expired_jwt"
      || name == "nonce_used" || name == "no_authorization_i_p"
      || name == "NotAllowIP" || name == "out_of_scope"
      || name == "INVALID_AUTH")
    return venue_errc::auth;
  if (name == "blocked_member_id")
    return venue_errc::blocked;
  // The exact names of these two are not in the reference [UNVERIFIED]:
  // match the documented wording loosely.
  if (contains(name, "identifier") || contains(name, "client_order_id")
      || contains(name, "duplicate"))
    return venue_errc::duplicate_client_id;
  if (contains(name, "market") && (contains(name, "not_found")
                                   || contains(name, "not_exist")))
    return venue_errc::unknown_market;
  if (http_status >= 200 && http_status < 300)
    return venue_errc::bad_request;
  return by_status(http_status);
}

std::optional<venue_error> error_body(std::string_view body, int http_status) {
  auto doc = json_text::parse(body);
  if (!doc || !doc->is_object())
    return std::nullopt;
  auto it = doc->find("error");
  if (it == doc->end() || !it->is_object())
    return std::nullopt;
  venue_error e;
  e.http_status = http_status;
  // Bithumb may send numeric-looking names: keep their text.
  if (auto n = it->find("name"); n != it->end()) {
    if (n->is_string())
      e.name = n->get<std::string>();
    else if (auto t = json_text::number_text(*n))
      e.name = *t;
  }
  if (auto m = it->find("message"); m != it->end() && m->is_string())
    e.message = m->get<std::string>();
  e.code = classify(http_status, e.name);
  e.from_venue = !e.name.empty(); // the documented shape names the error
  return e;
}

std::optional<venue_error> check_reply(int http_status, std::string_view body) {
  if (auto e = error_body(body, http_status))
    return e;
  if (http_status >= 200 && http_status < 300)
    return std::nullopt;
  return venue_error{by_status(http_status), http_status, "", ""};
}

std::optional<venue_error> check_reply(const http::response& res) {
  return check_reply(res.status, res.body);
}


} // namespace karb::korea
