#include "tools/karb-sim/okx_book.hpp"

#include <array>

namespace karb::sim {

namespace {

std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}

/// Levels of `next` that differ from `prev` (same ordering), removed ones
/// with size "0"; `desc` for bids.
std::vector<okx_level> diff(const std::vector<okx_level>& prev,
                            const std::vector<okx_level>& next, bool desc) {
  std::vector<okx_level> out;
  size_t i = 0, j = 0;
  auto before = [desc](decimal a, decimal b) { return desc ? a > b : a < b; };
  while (i < prev.size() || j < next.size()) {
    if (j == next.size()
        || (i < prev.size() && before(prev[i].price, next[j].price))) {
      out.push_back({prev[i].price, prev[i].px, "0", "0"});
      ++i;
    } else if (i == prev.size() || before(next[j].price, prev[i].price)) {
      out.push_back(next[j++]);
    } else {
      if (prev[i].sz != next[j].sz || prev[i].count != next[j].count
          || prev[i].px != next[j].px)
        out.push_back(next[j]);
      ++i;
      ++j;
    }
  }
  return out;
}

void append_data(std::string& out, const std::vector<okx_level>& asks,
                 const std::vector<okx_level>& bids, time_ms ts,
                 int32_t checksum, int64_t prev_seq, int64_t seq) {
  out += "{\"asks\":";
  append_levels(out, asks);
  out += ",\"bids\":";
  append_levels(out, bids);
  out += ",\"ts\":\"" + std::to_string(ts) + "\",\"checksum\":"
         + std::to_string(checksum) + ",\"prevSeqId\":"
         + std::to_string(prev_seq) + ",\"seqId\":" + std::to_string(seq)
         + "}";
}

} // namespace

uint32_t crc32_zlib(std::string_view bytes) {
  static const auto table = make_crc_table();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : bytes)
    c = table[(c ^ ch) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string okx_checksum_text(const std::vector<okx_level>& bids,
                              const std::vector<okx_level>& asks) {
  std::string s;
  for (size_t k = 0; k < 25; ++k) {
    for (auto* side : {&bids, &asks})
      if (k < side->size()) {
        if (!s.empty())
          s += ':';
        s += (*side)[k].px;
        s += ':';
        s += (*side)[k].sz;
      }
  }
  return s;
}

int32_t okx_checksum(const std::vector<okx_level>& bids,
                     const std::vector<okx_level>& asks) {
  return static_cast<int32_t>(crc32_zlib(okx_checksum_text(bids, asks)));
}

void append_levels(std::string& out, const std::vector<okx_level>& levels) {
  out += '[';
  for (size_t k = 0; k < levels.size(); ++k) {
    if (k)
      out += ',';
    out += "[\"" + levels[k].px + "\",\"" + levels[k].sz + "\",\"0\",\""
           + levels[k].count + "\"]";
  }
  out += ']';
}

std::optional<std::string> okx_book_seq::update(std::vector<okx_level> bids,
                                                std::vector<okx_level> asks,
                                                time_ms ts) {
  if (!ready_) {
    bids_ = std::move(bids);
    asks_ = std::move(asks);
    ts_ = ts;
    ready_ = true;
    return std::nullopt;
  }
  auto db = diff(bids_, bids, true);
  auto da = diff(asks_, asks, false);
  if (db.empty() && da.empty())
    return std::nullopt;
  bids_ = std::move(bids);
  asks_ = std::move(asks);
  ts_ = ts;
  auto prev = seq_;
  seq_ += static_cast<int64_t>(db.size() + da.size());
  if (gaps > 0) {
    --gaps;
    return std::nullopt;
  }
  auto sum = okx_checksum(bids_, asks_);
  if (bad_checksums > 0) {
    --bad_checksums;
    sum = static_cast<int32_t>(static_cast<uint32_t>(sum) ^ 0x5A5A5A5Au);
  }
  std::string out;
  append_data(out, da, db, ts_, sum, prev, seq_);
  return out;
}

std::string okx_book_seq::snapshot() const {
  std::string out;
  append_data(out, asks_, bids_, ts_, okx_checksum(bids_, asks_), -1, seq_);
  return out;
}

} // namespace karb::sim
