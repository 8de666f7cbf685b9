#include "exchanges/okx/client_id.hpp"

namespace karb::okx {

namespace {

constexpr std::string_view our_prefix = "karb-";
constexpr char prefix_code = 'K';
constexpr char dash_code = 'D';
constexpr char underscore_code = 'U';
constexpr size_t max_venue_length = 32;

bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

venue_error refuse(std::string message) {
  return venue_error{venue_errc::bad_request, 0, "bad_client_id",
                     std::move(message)};
}

} // namespace

result<std::string> encode_client_id(std::string_view ours) {
  if (ours.empty())
    return refuse("client order id is empty");
  std::string out;
  out.reserve(ours.size());
  if (ours.starts_with(our_prefix)) {
    out += prefix_code;
    ours.remove_prefix(our_prefix.size());
  }
  for (char c : ours) {
    if (lower_or_digit(c))
      out += c;
    else if (c == '-')
      out += dash_code;
    else if (c == '_')
      out += underscore_code;
    else
      return refuse("client order id '" + std::string{ours}
                    + "' has a character outside [a-z0-9_-]; OKX clOrdId "
                      "cannot carry it");
  }
  if (out.size() > max_venue_length)
    return refuse("client order id is " + std::to_string(out.size())
                  + " characters once encoded; OKX clOrdId allows 32");
  return out;
}

std::string decode_client_id(std::string_view venue_id) {
  std::string out;
  out.reserve(venue_id.size() + our_prefix.size());
  auto rest = venue_id;
  if (rest.starts_with(prefix_code)) {
    out += our_prefix;
    rest.remove_prefix(1);
  }
  for (char c : rest) {
    if (c == dash_code)
      out += '-';
    else if (c == underscore_code)
      out += '_';
    else if (lower_or_digit(c))
      out += c;
    else
      return std::string{venue_id}; // not one of ours
  }
  return out;
}

} // namespace karb::okx
