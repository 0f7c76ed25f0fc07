#include "js_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::detail {
namespace {

// The fewest significant digits (1–17) whose correctly rounded decimal reads back as x, as
// "d.ddde±X" (printf rounds correctly, and among equally short strings the closest is what
// Number::toString asks for). Reading back is monotone in the digit count: bisect.
int shortest(double x, char (&buf)[40]) {
  int low = 1, high = 17;
  while (low < high) {
    const int mid = (low + high) / 2;
    std::snprintf(buf, sizeof buf, "%.*e", mid - 1, x);
    if (std::strtod(buf, nullptr) == x) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return std::snprintf(buf, sizeof buf, "%.*e", low - 1, x);
}

bool isArrayIndex(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return false;
  std::uint64_t n = 0;
  for (const char c : key) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n < 4294967295u;  // 2^32 - 1 is not an index
}

std::uint64_t indexValue(std::string_view key) {
  std::uint64_t n = 0;
  for (const char c : key) n = n * 10 + static_cast<std::uint64_t>(c - '0');
  return n;
}

// Decodes one code point at `at` of well-formed UTF-8; returns its length.
std::size_t codePoint(std::string_view s, std::size_t at, std::uint32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return cp = c, 1;
  if (c < 0xE0) return cp = ((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2;
  if (c < 0xF0) return cp = ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3;
  return cp = ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu), 4;
}

bool isJsSpace(std::uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

}  // namespace

void appendJsNumber(std::string& out, double x) {
  if (!std::isfinite(x)) return void(out += "null");
  if (x == 0) return void(out += '0');  // -0 too
  char buf[40];
  const int length = shortest(x, buf);
  const char* p = buf;
  if (*p == '-') out += '-', ++p;
  const char* e = buf + length;
  while (*--e != 'e') {
  }
  std::string digits;
  for (const char* q = p; q < e; ++q) {
    if (*q != '.') digits += *q;
  }
  const int k = static_cast<int>(digits.size());
  const int n = std::atoi(e + 1) + 1;  // x = 0.digits × 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n), std::string::npos);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) out += '.', out.append(digits, 1, std::string::npos);
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
}

void appendJsValue(std::string& out, JsonView value) {
  if (value.isNumber()) return appendJsNumber(out, value.number());
  if (value.isString()) return appendJsonString(out, value.string());
  if (value.isBoolean()) return void(out += value.boolean() ? "true" : "false");
  if (value.isArray()) {
    out += '[';
    value.forEachElement([&](std::size_t i, JsonView element) {
      if (i > 0) out += ',';
      appendJsValue(out, element);
    });
    return void(out += ']');
  }
  if (!value.isObject()) return void(out += "null");
  // A JS object lists its array-index keys first, in numeric order; a parsed line has no repeats.
  std::vector<std::pair<std::string_view, JsonView>> members;
  value.forEachMember([&](std::string_view key, JsonView member) { members.emplace_back(key, member); });
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (isArrayIndex(members[i].first)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return indexValue(members[a].first) < indexValue(members[b].first);
  });
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!isArrayIndex(members[i].first)) order.push_back(i);
  }
  out += '{';
  bool first = true;
  for (const std::size_t i : order) {
    appendJsonString(out, members[i].first, first ? std::string_view() : std::string_view(","));
    first = false;
    out += ':';
    appendJsValue(out, members[i].second);
  }
  out += '}';
}

bool replaceIllFormedUtf8(std::string_view text, std::string& out) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return false;
  std::string result;
  bool replaced = false;
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    const unsigned char c = byte(i);
    std::size_t need = 0;
    unsigned char lower = 0x80, upper = 0xBF;
    if (c < 0x80) {
      result += static_cast<char>(c), ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) need = 2, lower = 0xA0;
    else if (c == 0xED) need = 2, upper = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) need = 2;
    else if (c == 0xF0) need = 3, lower = 0x90;
    else if (c == 0xF4) need = 3, upper = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    std::size_t j = i + 1;
    bool ok = need > 0;
    for (std::size_t k = 0; ok && k < need; ++k, ++j) {
      if (j >= text.size() || byte(j) < lower || byte(j) > upper) ok = false;
      lower = 0x80, upper = 0xBF;
      if (!ok) break;
    }
    if (ok) {
      result.append(text, i, j - i);
    } else {
      result += kReplacement, replaced = true;
      if (need == 0) j = i + 1;  // a byte that starts nothing; otherwise the offending byte is read again
    }
    i = j;
  }
  if (replaced) out.swap(result);
  return replaced;
}

std::string_view jsTrimStart(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = codePoint(text, at, cp);
    if (!isJsSpace(cp)) break;
    at += n;
  }
  return text.substr(at);
}

std::string_view jsTrimEnd(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::uint32_t cp = 0;
    codePoint(text, start, cp);
    if (!isJsSpace(cp)) break;
    end = start;
  }
  return text.substr(0, end);
}

}  // namespace selfcrm::detail
