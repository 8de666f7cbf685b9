#include "exchanges/bybit/errors.hpp"

#include "exchanges/common/json_text.hpp"

namespace karb::bybit {

namespace {

venue_errc by_status(int status) {
  if (status == 429 || status == 403)
    return venue_errc::rate_limited;
  if (status == 401)
    return venue_errc::auth;
  return status >= 500 ? venue_errc::server_error : venue_errc::bad_request;
}

struct envelope {
  int64_t code = 0;
  std::string msg;
};

/// The documented envelope, if `body` is one.
std::optional<envelope> read_envelope(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc || !doc->is_object())
    return std::nullopt;
  auto code = doc->find("retCode");
  auto msg = doc->find("retMsg");
  if (code == doc->end() || !code->is_number_integer() || msg == doc->end()
      || !msg->is_string())
    return std::nullopt;
  return envelope{code->get<int64_t>(), msg->get<std::string>()};
}

} // namespace

venue_errc classify(int64_t ret_code) {
  switch (ret_code) {
    case 10002:
    case 10003:
    case 10004:
    case 10005:
    case 10007:
    case 10010: return venue_errc::auth;
    case 10006:
    case 10018: return venue_errc::rate_limited;
    case 10008:
    case 10009:
    case 10027: return venue_errc::blocked;
    case 10016: return venue_errc::server_error;
    case 110001:
    case 110008:
    case 110010:
    case 170213: return venue_errc::unknown_order;
    case 110003:
    case 170133:
    case 170134: return venue_errc::invalid_price;
    case 170136:
    case 170137: return venue_errc::invalid_volume;
    case 110094:
    case 170140: return venue_errc::under_min_total;
    case 110004:
    case 110006:
    case 110007:
    case 110012:
    case 110014:
    case 110044:
    case 110045:
    case 170131: return venue_errc::insufficient_funds;
    case 110072:
    case 170141: return venue_errc::duplicate_client_id;
    case 170121: return venue_errc::unknown_market;
    default: return venue_errc::bad_request;
  }
}

std::optional<venue_error> check_reply(const http::response& res) {
  auto body = read_envelope(res.body);
  bool ok_status = res.status >= 200 && res.status < 300;
  if (ok_status && body && body->code == 0)
    return std::nullopt;
  venue_error e;
  e.http_status = res.status;
  if (res.status >= 500) {
    e.code = venue_errc::server_error;
    e.name = "http_" + std::to_string(res.status);
    return e;
  }
  if (!body || body->code == 0) {
    e.code = ok_status ? venue_errc::malformed : by_status(res.status);
    e.name = "http_" + std::to_string(res.status);
    e.message = res.status == 403 ? "IP rate limit ban or refused region: "
                                    "stop and wait at least 10 minutes"
                                  : "reply without the venue's envelope";
    return e;
  }
  e.from_venue = true;
  e.code = classify(body->code);
  e.name = std::to_string(body->code);
  e.message = std::move(body->msg);
  return e;
}

bool is_already_set(const venue_error& e) {
  return e.from_venue
         && (e.name == "110025" || e.name == "110026" || e.name == "110043");
}

} // namespace karb::bybit
