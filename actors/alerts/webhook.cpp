#include "actors/alerts/webhook.hpp"

#include "actors/log/logging.hpp"
#include "exchanges/common/http_client.hpp"
#include "exchanges/common/url.hpp"

namespace karb::alerts {

alert_sink make_webhook_sink(net::io_runner& io, const std::string& url,
                             const std::string& node_name) {
  auto parsed = net::parse_url(url);
  net::http_client_config cfg;
  cfg.base_url = url;
  cfg.request_timeout = std::chrono::seconds{5};
  auto client = std::make_shared<net::http_client>(io, cfg);
  auto target = parsed.path;
  return [client, target, node_name](const alert& a) {
    http::request req;
    req.method = "POST";
    req.target = target;
    req.body = to_json(a, node_name);
    req.idempotent = false; // a POST is never duplicated by a transport retry
    client->async_send(std::move(req), [key = a.key](net::http_result r) {
      if (!r.ok() || r.response.status >= 300)
        log::warn("alerts", "webhook_failed",
                  {{"key", key},
                   {"status", r.response.status},
                   {"error", r.ok() ? "" : r.error.message}});
    });
  };
}

} // namespace karb::alerts
