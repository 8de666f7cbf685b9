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

void append_level(std::string& out, const l2_book& book, book_side_id side,
                  size_t i, decimal contract_size) {
  auto l = book.level(side, i);
  auto size = contract_size == decimal::from_int(1)
                ? l.volume
                : decimal::div(l.volume, contract_size).value_or(decimal{});
  if (!out.empty())
    out += ':';
  out += l.price.to_string();
  out += ':';
  out += size.to_string();
}

} // namespace

uint32_t crc32(std::string_view bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes)
    c = crc_table[(c ^ b) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string okx_checksum_string(const l2_book& book, decimal contract_size) {
  std::string out;
  out.reserve(okx_checksum_depth * 2 * 24);
  for (size_t i = 0; i < okx_checksum_depth; ++i) {
    if (i < book.bid_levels())
      append_level(out, book, book_side_id::bid, i, contract_size);
    if (i < book.ask_levels())
      append_level(out, book, book_side_id::ask, i, contract_size);
  }
  return out;
}

int32_t okx_checksum(const l2_book& book, decimal contract_size) {
  return static_cast<int32_t>(crc32(okx_checksum_string(book, contract_size)));
}

} // namespace karb::book
