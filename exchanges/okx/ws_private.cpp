#include "exchanges/okx/ws_private.hpp"

#include "exchanges/common/json_text.hpp"
#include "exchanges/okx/account_parse.hpp"
#include "exchanges/okx/order_parse.hpp"

namespace karb::okx {

using json_text::json;
using venue::private_frame;

namespace {

private_frame failure(std::string reason) {
  private_frame f;
  f.kind = private_frame::failure;
  f.error = std::move(reason);
  return f;
}

private_frame of_kind(private_frame::kind_t kind) {
  private_frame f;
  f.kind = kind;
  return f;
}

std::string text_at(const json& obj, const char* key) {
  auto i = obj.find(key);
  return i != obj.end() && i->is_string() ? i->get<std::string>()
                                          : std::string{};
}

private_frame event_frame(const json& doc, const std::string& event) {
  if (event == "login" && text_at(doc, "code") == "0")
    return of_kind(private_frame::authenticated);
  if (event == "login" || event == "error")
    return failure("OKX " + event + " error " + text_at(doc, "code") + ": "
                   + text_at(doc, "msg"));
  return private_frame{};
}

private_frame orders_frame(const json& data, exchange venue,
                           const venue::contract_size_fn& sizes,
                           int64_t ts_recv_ns) {
  if (data.empty())
    return private_frame{};
  auto s = read_order(data[0], venue, sizes);
  if (!s)
    return failure("orders push: " + s.error().message);
  private_frame f = of_kind(private_frame::order);
  f.update.state = std::move(s->o);
  f.update.fills = std::move(s->fills);
  f.update.origin = "stream";
  f.update.ts_recv_ns = ts_recv_ns;
  return f;
}

private_frame account_frame(const json& data, exchange venue) {
  private_frame f = of_kind(private_frame::assets);
  for (auto& account : data) {
    auto list = read_balances(account, venue);
    if (!list)
      return failure("account push: " + list.error().message);
    if (!list->rejected.empty())
      return failure("account push: " + list->rejected.front());
    for (auto& b : list->items)
      f.balances.push_back(std::move(b));
  }
  return f;
}

private_frame positions_frame(const json& data,
                              const venue::contract_size_fn& sizes) {
  auto list = read_positions(data, sizes);
  if (!list)
    return failure("positions push: " + list.error().message);
  if (!list->rejected.empty())
    return failure("positions push: " + list->rejected.front());
  private_frame f = of_kind(private_frame::positions);
  f.position_list = std::move(list->items);
  return f;
}

} // namespace

private_frame parse_private(std::string_view text, exchange venue,
                            const venue::contract_size_fn& sizes,
                            int64_t ts_recv_ns) {
  if (text == "pong")
    return private_frame{};
  auto doc = json_text::parse(text);
  if (!doc)
    return failure(to_string(doc.error()));
  if (!doc->is_object())
    return failure("private frame: expected an object");
  if (auto event = text_at(*doc, "event"); !event.empty())
    return event_frame(*doc, event);
  auto arg = doc->find("arg");
  auto data = doc->find("data");
  if (arg == doc->end() || !arg->is_object() || data == doc->end()
      || !data->is_array())
    return private_frame{};
  auto channel = text_at(*arg, "channel");
  if (channel == "orders")
    return orders_frame(*data, venue, sizes, ts_recv_ns);
  if (channel == "account")
    return account_frame(*data, venue);
  if (channel == "positions")
    return positions_frame(*data, sizes);
  return private_frame{};
}

} // namespace karb::okx
