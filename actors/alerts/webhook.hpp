#pragma once

// Posts alerts as JSON to a webhook URL with karb's HTTP client (on the
// node's io_runner). Failures are logged, never retried into a storm: the
// engine's re-notification is the retry.

#include <memory>
#include <string>

#include "actors/alerts/alerter.hpp"

namespace karb::net {
class io_runner;
class http_client;
} // namespace karb::net

namespace karb::alerts {

/// An alert_sink that POSTs to `url` (http:// or https://).
/// Throws std::invalid_argument for a bad URL.
alert_sink make_webhook_sink(net::io_runner& io, const std::string& url,
                             const std::string& node_name);

} // namespace karb::alerts
