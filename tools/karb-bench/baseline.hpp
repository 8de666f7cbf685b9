#pragma once

// Same-run baselines (performance.md §5.L1, §5.L2): round trips of a small
// message over a loopback TCP socket and over a Boost.Beast WebSocket
// (server thread + client, no TLS), with their percentiles.

#include <cstddef>
#include <vector>

namespace karb::bench {

struct rtt_summary {
  size_t count = 0;
  double p50_us = 0;
  double p99_us = 0;
  double p999_us = 0;
};

/// Percentiles of round-trip samples in ns.
rtt_summary summarize_ns(std::vector<long long> samples);

/// `n` ping-pongs of a `bytes`-byte message over 127.0.0.1 TCP (NODELAY).
rtt_summary tcp_rtt(size_t n, size_t bytes = 64);

/// `n` echoes of a `bytes`-byte binary message over a Beast WebSocket.
rtt_summary ws_rtt(size_t n, size_t bytes = 128);

} // namespace karb::bench
