#include "actors/book/okx_checksum.hpp"

#include <array>

namespace karb::book {

namespace {

constexpr std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}

constexpr auto crc_table = make_crc_table();

void append_level(std::string& out, const okx_level_text& text,
                  book_side_id side, int64_t price_raw) {
  auto [px, sz] = text.get(side, price_raw);
  if (!out.empty())
    out += ':';
  out.append(px);
  out += ':';
  out.append(sz);
}

} // namespace

uint32_t crc32(std::string_view bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes)
    c = crc_table[(c ^ b) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void okx_level_text::clear() {
  bids_.clear();
  asks_.clear();
}

void okx_level_text::set(book_side_id side, int64_t price_raw,
                         std::string_view px, std::string_view sz,
                         bool remove) {
  auto& m = side == book_side_id::bid ? bids_ : asks_;
  if (remove) {
    m.erase(price_raw);
    return;
  }
  auto& entry = m[price_raw];
  entry.first.assign(px);
  entry.second.assign(sz);
}

std::pair<std::string_view, std::string_view>
okx_level_text::get(book_side_id side, int64_t price_raw) const {
  const auto& m = side == book_side_id::bid ? bids_ : asks_;
  auto it = m.find(price_raw);
  if (it == m.end())
    return {};
  return {it->second.first, it->second.second};
}

size_t okx_level_text::size(book_side_id side) const {
  return side == book_side_id::bid ? bids_.size() : asks_.size();
}

std::string okx_checksum_string(const l2_book& book,
                                const okx_level_text& text) {
  std::string out;
  out.reserve(okx_checksum_depth * 2 * 24);
  for (size_t i = 0; i < okx_checksum_depth; ++i) {
    if (i < book.bid_levels())
      append_level(out, text, book_side_id::bid,
                   book.level(book_side_id::bid, i).price.raw);
    if (i < book.ask_levels())
      append_level(out, text, book_side_id::ask,
                   book.level(book_side_id::ask, i).price.raw);
  }
  return out;
}

int32_t okx_checksum(const l2_book& book, const okx_level_text& text) {
  return static_cast<int32_t>(crc32(okx_checksum_string(book, text)));
}

} // namespace karb::book

namespace karb::book {

bool apply_okx_level(l2_book& book, okx_level_text& text, book_side_id side,
                     std::string_view px, std::string_view sz) {
  auto price = decimal::parse_exact(px);
  auto qty = decimal::parse_exact(sz);
  if (!price || !qty || !book.apply(side, *price, *qty))
    return false;
  text.set(side, price->raw, px, sz, qty->is_zero());
  return true;
}

} // namespace karb::book
