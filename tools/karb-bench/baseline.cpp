#include "tools/karb-bench/baseline.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace karb::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

rtt_summary summarize_ns(std::vector<long long> s) {
  rtt_summary out;
  out.count = s.size();
  if (s.empty())
    return out;
  std::sort(s.begin(), s.end());
  auto at = [&](double q) {
    auto i = static_cast<size_t>(q * static_cast<double>(s.size() - 1));
    return static_cast<double>(s[i]) / 1000.0;
  };
  out.p50_us = at(0.50);
  out.p99_us = at(0.99);
  out.p999_us = at(0.999);
  return out;
}

namespace {

long long since_ns(clock_type::time_point t0) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           clock_type::now() - t0)
    .count();
}

} // namespace

rtt_summary tcp_rtt(size_t n, size_t bytes) {
  asio::io_context ioc;
  tcp::acceptor acc{ioc, {asio::ip::make_address("127.0.0.1"), 0}};
  auto port = acc.local_endpoint().port();
  std::thread server([&] {
    tcp::socket s{ioc};
    acc.accept(s);
    s.set_option(tcp::no_delay(true));
    std::string buf(bytes, '\0');
    boost::system::error_code ec;
    while (!ec) {
      asio::read(s, asio::buffer(buf), ec);
      if (!ec)
        asio::write(s, asio::buffer(buf), ec);
    }
  });
  std::vector<long long> samples;
  {
    asio::io_context cio;
    tcp::socket c{cio};
    c.connect({asio::ip::make_address("127.0.0.1"), port});
    c.set_option(tcp::no_delay(true));
    std::string msg(bytes, 'x'), back(bytes, '\0');
    samples.reserve(n);
    for (size_t i = 0; i < n + n / 10; ++i) { // the first 10 % warm up
      auto t0 = clock_type::now();
      asio::write(c, asio::buffer(msg));
      asio::read(c, asio::buffer(back));
      if (i >= n / 10)
        samples.push_back(since_ns(t0));
    }
  }
  server.join();
  return summarize_ns(std::move(samples));
}

rtt_summary ws_rtt(size_t n, size_t bytes) {
  asio::io_context ioc;
  tcp::acceptor acc{ioc, {asio::ip::make_address("127.0.0.1"), 0}};
  auto port = acc.local_endpoint().port();
  std::thread server([&] {
    try {
      tcp::socket s{ioc};
      acc.accept(s);
      s.set_option(tcp::no_delay(true));
      websocket::stream<tcp::socket> ws{std::move(s)};
      ws.accept();
      beast::flat_buffer buf;
      for (;;) {
        ws.read(buf);
        ws.binary(true);
        ws.write(buf.data());
        buf.consume(buf.size());
      }
    } catch (const std::exception&) { // the client closed
    }
  });
  std::vector<long long> samples;
  {
    asio::io_context cio;
    tcp::socket s{cio};
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    s.set_option(tcp::no_delay(true));
    websocket::stream<tcp::socket> ws{std::move(s)};
    ws.handshake("127.0.0.1", "/");
    ws.binary(true);
    std::string msg(bytes, 'x');
    beast::flat_buffer buf;
    samples.reserve(n);
    for (size_t i = 0; i < n + n / 10; ++i) {
      auto t0 = clock_type::now();
      ws.write(asio::buffer(msg));
      ws.read(buf);
      buf.consume(buf.size());
      if (i >= n / 10)
        samples.push_back(since_ns(t0));
    }
    boost::system::error_code ec;
    ws.close(websocket::close_code::normal, ec);
  }
  server.join();
  return summarize_ns(std::move(samples));
}

} // namespace karb::bench
