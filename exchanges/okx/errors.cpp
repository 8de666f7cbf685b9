#include "exchanges/okx/errors.hpp"

#include <array>

#include "exchanges/common/json_text.hpp"

namespace karb::okx {

using json_text::json;

namespace {

struct code_kind {
  std::string_view code;
  venue_errc kind;
};

constexpr std::array<code_kind, 31> known_codes{{
  {"50100", venue_errc::blocked},
  {"50102", venue_errc::auth},
  {"50103", venue_errc::auth},
  {"50104", venue_errc::auth},
  {"50105", venue_errc::auth},
  {"50106", venue_errc::auth},
  {"50107", venue_errc::auth},
  {"50111", venue_errc::auth},
  {"50112", venue_errc::auth},
  {"50113", venue_errc::auth},
  {"50114", venue_errc::auth},
  {"60009", venue_errc::auth},
  {"50011", venue_errc::rate_limited},
  {"50013", venue_errc::rate_limited},
  {"50061", venue_errc::rate_limited},
  {"50001", venue_errc::server_error},
  {"50004", venue_errc::server_error},
  {"50026", venue_errc::server_error},
  {"51001", venue_errc::unknown_market},
  {"51006", venue_errc::invalid_price},
  {"51121", venue_errc::invalid_volume},
  {"51020", venue_errc::under_min_total},
  {"51008", venue_errc::insufficient_funds},
  {"51131", venue_errc::insufficient_funds},
  {"51400", venue_errc::unknown_order},
  {"51401", venue_errc::unknown_order},
  {"51402", venue_errc::unknown_order},
  {"51410", venue_errc::unknown_order},
  {"51503", venue_errc::unknown_order},
  {"51603", venue_errc::unknown_order},
  {"51016", venue_errc::duplicate_client_id},
}};

venue_errc by_status(int status) {
  if (status == 429)
    return venue_errc::rate_limited;
  if (status == 401)
    return venue_errc::auth;
  if (status == 403)
    return venue_errc::blocked;
  return status >= 500 ? venue_errc::server_error : venue_errc::bad_request;
}

struct venue_body {
  std::string code;
  std::string msg;
};

std::string text_of(const json& obj, const char* key) {
  auto i = obj.find(key);
  return i != obj.end() && i->is_string() ? i->get<std::string>()
                                          : std::string{};
}

/// The documented body, if `body` is one; its code is the first failing
/// item's sCode where data[] carries per-item results.
std::optional<venue_body> read_body(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc || !doc->is_object())
    return std::nullopt;
  auto code = doc->find("code");
  if (code == doc->end() || !code->is_string())
    return std::nullopt;
  venue_body out{code->get<std::string>(), text_of(*doc, "msg")};
  auto data = doc->find("data");
  if (data == doc->end() || !data->is_array())
    return out;
  bool per_item = false;
  for (auto& item : *data) {
    if (!item.is_object() || !item.contains("sCode"))
      continue;
    per_item = true;
    auto s_code = text_of(item, "sCode");
    if (s_code != "0")
      return venue_body{s_code.empty() ? out.code : s_code,
                        text_of(item, "sMsg")};
  }
  if (per_item)
    out.code = "0";
  return out;
}

} // namespace

venue_errc classify(std::string_view code) {
  for (auto& k : known_codes)
    if (k.code == code)
      return k.kind;
  return venue_errc::bad_request;
}

std::optional<venue_error> check_reply(const http::response& res) {
  auto body = read_body(res.body);
  bool ok_status = res.status >= 200 && res.status < 300;
  if (ok_status && body && body->code == "0")
    return std::nullopt;
  venue_error e;
  e.http_status = res.status;
  if (body) {
    e.name = body->code;
    e.message = std::move(body->msg);
  }
  if (res.status >= 500 || !body) {
    e.code = by_status(res.status);
    if (ok_status) // 2xx without the envelope
      e.code = venue_errc::malformed;
    return e;
  }
  e.from_venue = true;
  e.code = res.status == 429 ? venue_errc::rate_limited : classify(e.name);
  return e;
}

bool is_already_set(const venue_error& e) {
  return e.from_venue && e.name == "59000";
}

} // namespace karb::okx
