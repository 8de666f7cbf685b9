#include "exchanges/common/http_pool.hpp"

#include "exchanges/common/tls_context.hpp"

#include <algorithm>

namespace karb::net {

http_pool::http_pool(io_runner& io, const http_client_config& cfg, int size,
                     std::shared_ptr<tls_context> tls) {
  if (!tls && parse_url(cfg.base_url).tls)
    tls = make_tls_context(); // one context for all connections
  for (int i = 0; i < std::max(1, size); ++i) {
    clients_.push_back(std::make_unique<http_client>(io, cfg, tls));
    slots_.push_back(std::make_shared<std::atomic<int>>(0));
  }
}

void http_pool::async_send(http::request req, http_callback cb) {
  size_t best = 0;
  for (size_t i = 1; i < slots_.size(); ++i)
    if (slots_[i]->load() < slots_[best]->load())
      best = i;
  auto slot = slots_[best];
  ++*slot;
  clients_[best]->async_send(std::move(req),
                             [slot, cb = std::move(cb)](http_result r) {
                               --*slot;
                               if (cb)
                                 cb(std::move(r));
                             });
}

void http_pool::close() {
  for (auto& c : clients_)
    c->close();
}

http_client_stats http_pool::stats() const {
  http_client_stats sum;
  for (auto& c : clients_) {
    auto s = c->stats();
    sum.connects += s.connects;
    sum.requests += s.requests;
    sum.retries += s.retries;
  }
  return sum;
}

} // namespace karb::net
