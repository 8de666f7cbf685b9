#include "exchanges/korea/ws_build.hpp"

#include <nlohmann/json.hpp>

namespace karb::korea {

std::string subscribe_request(std::string_view ticket,
                              const std::vector<ws_subscription>& subs,
                              ws_format format) {
  using nlohmann::ordered_json;
  auto req = ordered_json::array();
  req.push_back({{"ticket", std::string{ticket}}});
  for (auto& s : subs) {
    ordered_json item;
    item["type"] = s.type;
    if (!s.codes.empty())
      item["codes"] = s.codes;
    if (s.only_snapshot)
      item["is_only_snapshot"] = true;
    if (s.only_realtime)
      item["is_only_realtime"] = true;
    req.push_back(std::move(item));
  }
  req.push_back({{"format", format == ws_format::full ? "DEFAULT" : "SIMPLE"}});
  return req.dump();
}

std::string market_data_request(std::string_view ticket,
                                const std::vector<std::string>& codes,
                                ws_format format) {
  return subscribe_request(ticket, {{"orderbook", codes}, {"trade", codes}},
                           format);
}

std::string private_request(std::string_view ticket) {
  return subscribe_request(ticket, {{"myOrder", {}}, {"myAsset", {}}});
}

} // namespace karb::korea
