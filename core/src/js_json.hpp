#pragma once
// Internal: JSON text as a JavaScript host would write it (JSON.stringify of what JSON.parse gave),
// and text as its TextDecoder and String.prototype.trim read it, for core paths that replaced
// host code and must keep its bytes.
#include <string>
#include <string_view>

#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm::detail {

/// JSON.stringify(x): the shortest digits that read back as x, in Number::toString's layout
/// (1, 0.25, 1e-7, 1.5e+21); "null" for NaN and the infinities.
void appendJsNumber(std::string& out, double x);

/// JSON.stringify(JSON.parse(text of value)): numbers as doubles, object members with array-index
/// keys first (ascending), then the others in document order.
void appendJsValue(std::string& out, JsonView value);

/// `text` as TextDecoder("utf-8") decodes it, re-encoded: each maximal ill-formed subsequence is
/// U+FFFD. Returns false (and leaves `out` alone) when `text` is well-formed already.
bool replaceIllFormedUtf8(std::string_view text, std::string& out);

/// `text` without the leading (trailing) characters String.prototype.trim removes: ECMAScript
/// WhiteSpace and LineTerminator. `text` must be well-formed UTF-8.
std::string_view jsTrimStart(std::string_view text);
std::string_view jsTrimEnd(std::string_view text);

}  // namespace selfcrm::detail
