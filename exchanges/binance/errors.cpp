#include "exchanges/binance/errors.hpp"

#include "exchanges/common/json_text.hpp"

namespace karb::binance {

namespace {

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

/// The filter a "Filter failure: X" message names; bad_request if none.
venue_errc by_filter(std::string_view msg) {
  if (contains(msg, "PRICE_FILTER") || contains(msg, "PERCENT_PRICE"))
    return venue_errc::invalid_price;
  if (contains(msg, "LOT_SIZE"))
    return venue_errc::invalid_volume;
  if (contains(msg, "NOTIONAL"))
    return venue_errc::under_min_total;
  return venue_errc::bad_request;
}

venue_errc by_status(int status) {
  if (status == 429 || status == 418)
    return venue_errc::rate_limited;
  if (status == 401)
    return venue_errc::auth;
  if (status == 403)
    return venue_errc::blocked;
  return status >= 500 ? venue_errc::server_error : venue_errc::bad_request;
}

struct venue_body {
  int64_t code = 0;
  std::string msg;
};

/// The documented `{"code":int,"msg":string}` body, if `body` is one.
std::optional<venue_body> read_body(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc || !doc->is_object())
    return std::nullopt;
  auto code = doc->find("code");
  auto msg = doc->find("msg");
  if (code == doc->end() || !code->is_number_integer() || msg == doc->end()
      || !msg->is_string())
    return std::nullopt;
  return venue_body{code->get<int64_t>(), msg->get<std::string>()};
}

} // namespace

venue_errc classify(int64_t code, std::string_view msg) {
  switch (code) {
    case -1021:
    case -1022:
    case -2014:
    case -2015: return venue_errc::auth;
    case -1003:
    case -1015: return venue_errc::rate_limited;
    case -1013:
    case -1111: return by_filter(msg);
    case -4014: return venue_errc::invalid_price;
    case -4023: return venue_errc::invalid_volume;
    case -4164: return venue_errc::under_min_total;
    case -2010:
      if (contains(msg, "Duplicate order"))
        return venue_errc::duplicate_client_id;
      if (contains(msg, "insufficient balance"))
        return venue_errc::insufficient_funds;
      return by_filter(msg);
    case -2019: return venue_errc::insufficient_funds;
    case -2011:
    case -2013: return venue_errc::unknown_order;
    case -1121: return venue_errc::unknown_market;
    case -1000:
    case -1001:
    case -1007: return venue_errc::server_error;
    default: return venue_errc::bad_request;
  }
}

std::optional<venue_error> check_reply(const http::response& res) {
  auto body = read_body(res.body);
  bool ok_status = res.status >= 200 && res.status < 300;
  if (ok_status && (!body || body->code >= 0))
    return std::nullopt;
  venue_error e;
  e.http_status = res.status;
  if (body) {
    e.name = std::to_string(body->code);
    e.message = std::move(body->msg);
  }
  if (res.status >= 500) {
    e.code = venue_errc::server_error;
    return e;
  }
  if (!body) {
    e.code = by_status(res.status);
    return e;
  }
  e.from_venue = true;
  e.code = res.status == 429 || res.status == 418
             ? venue_errc::rate_limited
             : classify(body->code, e.message);
  return e;
}

bool is_already_set(const venue_error& e) {
  return e.from_venue && (e.name == "-4046" || e.name == "-4059");
}

} // namespace karb::binance
