#include "actors/risk/reasons.hpp"

#include <iterator>

namespace karb::risk {

namespace {

constexpr bool table_in_enum_order() {
  for (int i = 0; i < deny_reason_count; ++i)
    if (static_cast<int>(reason_table[i].reason) != i)
      return false;
  return true;
}

} // namespace

static_assert(std::size(reason_table) == deny_reason_count);
static_assert(table_in_enum_order());

std::optional<deny_reason> deny_reason_from_code(std::string_view code) {
  for (const auto& row : reason_table)
    if (row.code == code)
      return row.reason;
  return std::nullopt;
}

} // namespace karb::risk
