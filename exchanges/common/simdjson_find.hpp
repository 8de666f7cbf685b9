#pragma once

// One field of a simdjson on-demand object, for the decoders compiled once
// per simdjson target (a template: each target has its own object and
// value types). Forward first: when the fields come in the order the
// caller asks for them (each venue's documented order), one pass finds
// them all. Only when the forward pass reached the end cleanly is the
// wrap-around search tried: simdjson 3.0.1's find_field_unordered asserts
// when a forward pass stopped on a malformed value (a fuzz finding,
// tests/fuzz/crashes/feed_okx), and after any error other than a missing
// field the document is abandoned and must not be read again.

#include <string_view>

#include <simdjson.h>

namespace karb {

template <class Object, class Value>
simdjson::error_code find_any_order(Object& obj, std::string_view key,
                                    Value& v) {
  auto err = obj.find_field(key).get(v);
  if (err != simdjson::NO_SUCH_FIELD)
    return err;
  return obj.find_field_unordered(key).get(v);
}

} // namespace karb
