#pragma once

// The REST API of an OKX venue (/api/v5/...): endpoint table with
// per-endpoint rate limits (2 s windows, 50011 over them), signed
// requests (okx_auth), the in-venue faults, and the endpoints
// (router_okx.cpp: public and account; router_okx_trade.cpp: trading).

#include <string>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/okx_json.hpp"
#include "tools/karb-sim/router.hpp"

namespace karb::sim::okx {

reply dispatch(venue& v, const http::request& req, time_ms now);

/// One parsed call.
struct call {
  const http::request& req;
  std::string path;
  std::vector<std::pair<std::string, std::string>> args; ///< query
  time_ms now;
  std::string key; ///< API key when signed

  std::string get(std::string_view k) const;
};

/// {"code":"0","msg":"","data":[...]} with status 200.
http::response ok_reply(const ojson& data);
/// {"code":code,"msg":msg,"data":[]} with `status`.
http::response error_reply(int status, const std::string& code,
                           const std::string& msg);

// router_okx_trade.cpp
void place_order(venue& v, const call& c, reply& out);
/// POST /trade/batch-orders: an array of up to 20 orders, one result each.
void place_batch(venue& v, const call& c, const nlohmann::json& body,
                 reply& out);
void cancel_order(venue& v, const call& c, reply& out);
void amend_order(venue& v, const call& c, reply& out);
http::response get_order(venue& v, const call& c);
http::response list_orders(venue& v, const call& c, bool pending);
/// GET /trade/fills, or (`history`) /trade/fills-history.
http::response fills(venue& v, const call& c, bool history);

} // namespace karb::sim::okx
