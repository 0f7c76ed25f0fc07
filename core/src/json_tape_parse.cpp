// JSON text onto a tape in one pass. The batch paths parse every profile they score, and in wasm
// this is most of their time: RapidJSON (measured before this parser) copied each string byte by
// byte through its stack and then again onto the tape. Here the text is copied once, strings are
// decoded in place and scanned eight bytes at a time, and numbers take the exact fast path of
// strtod when it applies.
//
// What is accepted, and the values read, are exactly nlohmann::json::parse's (RFC 8259 plus a
// leading UTF-8 byte order mark), but for a key repeated in one object, refused:
// tests/native/json_tape_test.cpp and the json_tape fuzz target compare the two on hand cases,
// random documents and mutations.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "json_tape_builder.hpp"

namespace selfcrm {
namespace {

// The text is refused; turned into an Error by JsonTape::parse. Most refusals are syntax errors;
// two kinds of valid-looking text are refused for a reason worth naming.
struct Refused {
  enum class Why : std::uint8_t { Syntax, NumberRange, RepeatedKey } why = Why::Syntax;
  std::uint32_t at = 0;  // NumberRange: where the number starts; RepeatedKey: the key's node
};

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// A byte of `block` that needs a closer look inside a string: a quote, a backslash, a control
// character or a non-ASCII byte. Exact as a yes/no for the block (the subtractions' borrows only
// ever mark bytes above one that qualifies).
inline bool special(std::uint64_t block) {
  const std::uint64_t quote = block ^ (kOnes * '"');
  const std::uint64_t slash = block ^ (kOnes * '\\');
  const std::uint64_t found = ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) | (block - kOnes * 0x20) | block;
  return (found & kHighs) != 0;
}

// One UTF-8 sequence starting at s[0] >= 0x80; its length, or 0 when invalid (overlong forms,
// surrogates, above U+10FFFF, truncated), as nlohmann::json checks.
inline std::size_t utf8Length(const unsigned char* s, const unsigned char* end) {
  const unsigned char c = s[0];
  std::size_t extra;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the first continuation byte
  if (c >= 0xC2 && c <= 0xDF) {
    extra = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    extra = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    extra = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - s) <= extra) return 0;
  if (s[1] < lo || s[1] > hi) return 0;
  for (std::size_t k = 2; k <= extra; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
  }
  return extra + 1;
}

inline int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Powers of ten a double holds exactly: with a mantissa below 2^53, one multiplication or division
// by one of them is correctly rounded, so it gives what strtod gives (Clinger's fast path).
constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// mantissa · 10^power (mantissa < 2^64, |power| ≤ 19) rounded to nearest, ties to even: what strtod
// gives, computed exactly in 128-bit integers. Doubles written with all 17 digits (explanations,
// score cards read back) miss the fast path above; in wasm, strtod is musl's, which works in
// software 128-bit long doubles and cost ~300 ns a number.
double exactDecimal(std::uint64_t mantissa, int power) {
  __extension__ typedef unsigned __int128 u128;  // clang and g++ both have it, wasm32 too
  static constexpr std::uint64_t kPowers[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                              10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                              100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                              100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                              100000000000000000ULL, 1000000000000000000ULL,
                                              10000000000000000000ULL};
  if (mantissa == 0) return 0.0;
  u128 q;
  int exponent2 = 0;  // the value is (q + a fraction when inexact) · 2^exponent2
  bool inexact = false;
  if (power >= 0) {
    q = static_cast<u128>(mantissa) * kPowers[power];
  } else {
    // Shifted so the top bit of the dividend is set: the quotient has at least 64 bits.
    const int shift = 64 + __builtin_clzll(mantissa);
    const u128 dividend = static_cast<u128>(mantissa) << shift;
    const std::uint64_t divisor = kPowers[-power];
    q = dividend / divisor;
    inexact = q * divisor != dividend;
    exponent2 = -shift;
  }
  const auto high = static_cast<std::uint64_t>(q >> 64);
  const int bits = high != 0 ? 128 - __builtin_clzll(high) : 64 - __builtin_clzll(static_cast<std::uint64_t>(q));
  std::uint64_t significand;
  if (bits <= 53) {
    significand = static_cast<std::uint64_t>(q);  // exact (only a product is this short)
  } else {
    const int drop = bits - 53;
    significand = static_cast<std::uint64_t>(q >> drop);
    const u128 rest = q & ((static_cast<u128>(1) << drop) - 1);
    const u128 half = static_cast<u128>(1) << (drop - 1);
    if (rest > half || (rest == half && (inexact || (significand & 1) != 0))) ++significand;
    exponent2 += drop;
    if (significand == (std::uint64_t{1} << 53)) {
      significand >>= 1;
      ++exponent2;
    }
  }
  // Every value reached here is a normal double (between 1e-19 and 2^64 · 1e19).
  return std::ldexp(static_cast<double>(significand), exponent2);
}

// Where a string's bytes sit in the text: offset << 32 | size. One value rather than two
// out-parameters, which in wasm would live in linear memory.
using Span = std::uint64_t;
inline Span span(std::size_t offset, std::size_t size) { return std::uint64_t{offset} << 32 | size; }
inline std::uint32_t spanOffset(Span s) { return static_cast<std::uint32_t>(s >> 32); }
inline std::uint32_t spanSize(Span s) { return static_cast<std::uint32_t>(s); }

class Parser {
 public:
  // Reads `text` where it is; the first escape makes the tape copy it (strings are decoded in place).
  Parser(TapeBuilder& builder, std::string_view text)
      : b_(builder), text_(text), base_(text.data()), p_(base_), end_(base_ + text.size()) {
    b_.borrow(text);
  }

  /// How far the parser read: where a refusal was noticed.
  std::size_t offset() const { return static_cast<std::size_t>(p_ - base_); }

  void document() {
    // nlohmann skips a byte order mark at the very start, as editors on Windows write one.
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
    value();
    // Values follow each other until every container is closed.
    while (!b_.done()) {
      skipSpace();
      if (p_ == end_) throw Refused{};
      const char c = *p_++;
      if (c == ',') {
        if (b_.inObject()) member();
        value();
      } else if (c == (b_.inObject() ? '}' : ']')) {
        if (b_.inObject()) {
          if (const std::uint32_t key = b_.repeatedKey()) throw Refused{Refused::Why::RepeatedKey, key};
        }
        b_.close();
      } else {
        throw Refused{};
      }
    }
    skipSpace();
    if (p_ != end_) throw Refused{};
  }

 private:
  void skipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // A key and its colon; the value is read next. (Inline, with value(), for the reason given at
  // TapeBuilder.)
  [[gnu::always_inline]] void member() {
    skipSpace();
    if (p_ == end_ || *p_ != '"') throw Refused{};
    const Span s = string();
    b_.keyAt(spanOffset(s), spanSize(s));
    skipSpace();
    if (p_ == end_ || *p_++ != ':') throw Refused{};
  }

  // One value; a container is only opened (down to its first scalar or empty container), so deep
  // nesting costs no stack.
  [[gnu::always_inline]] void value() {
    for (;;) {
      skipSpace();
      if (p_ == end_) throw Refused{};
      switch (*p_) {
        case '{':
        case '[': {
          const bool object = *p_++ == '{';
          if (!b_.open(object ? JsonTape::Type::Object : JsonTape::Type::Array)) throw Refused{};
          skipSpace();
          if (p_ != end_ && *p_ == (object ? '}' : ']')) {
            ++p_;
            b_.close();
            return;
          }
          if (object) member();
          continue;  // the first value
        }
        case '"': {
          const Span s = string();
          b_.stringAt(spanOffset(s), spanSize(s));
          return;
        }
        case 't': return literal("true", 4), b_.boolean(true);
        case 'f': return literal("false", 5), b_.boolean(false);
        case 'n': return literal("null", 4), b_.null();
        default: return number();
      }
    }
  }

  void literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) throw Refused{};
    p_ += n;
  }

  // The string at p_ (its opening quote). The common case has no escape: its bytes stay where
  // they are, found eight at a time.
  [[gnu::always_inline]] Span string() {
    const std::size_t start = static_cast<std::size_t>(++p_ - base_);
    for (;;) {
      while (end_ - p_ >= 8) {
        std::uint64_t block;
        std::memcpy(&block, p_, 8);
        if (special(block)) break;
        p_ += 8;
      }
      if (p_ == end_) throw Refused{};
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        const std::size_t size = static_cast<std::size_t>(p_ - base_) - start;
        ++p_;
        return span(start, size);
      }
      if (c == '\\') return escaped(start);
      if (c < 0x20) throw Refused{};
      p_ += c >= 0x80 ? utf8(p_) : 1;
    }
  }

  // The length of the valid UTF-8 sequence at p (>= 0x80); refused when invalid.
  std::size_t utf8(const char* p) {
    const std::size_t n = utf8Length(reinterpret_cast<const unsigned char*>(p), reinterpret_cast<const unsigned char*>(end_));
    if (n == 0) throw Refused{};
    return n;
  }

  // The rest of a string from its first escape: decoded bytes are written behind the reading
  // position, in the tape's copy of the text.
  [[gnu::noinline]] Span escaped(std::size_t start) {
    if (own_ == nullptr) {
      own_ = b_.own(text_);
      p_ = own_ + (p_ - base_);
      end_ = own_ + (end_ - base_);
      base_ = own_;
    }
    char* out = own_ + (p_ - base_);
    for (;;) {
      if (p_ == end_) throw Refused{};
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c < 0x20) throw Refused{};
      if (c >= 0x80) {
        const std::size_t n = utf8(p_);
        std::memmove(out, p_, n);
        out += n;
        p_ += n;
        continue;
      }
      if (c != '\\') {
        *out++ = *p_++;
        continue;
      }
      if (end_ - p_ < 2) throw Refused{};
      const char e = p_[1];
      p_ += 2;
      switch (e) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u': out = codePoint(out); break;
        default: throw Refused{};
      }
    }
    ++p_;
    return span(start, static_cast<std::size_t>(out - own_) - start);
  }

  std::uint32_t hex4() {
    if (end_ - p_ < 4) throw Refused{};
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const int d = hexDigit(p_[k]);
      if (d < 0) throw Refused{};
      v = v << 4 | static_cast<std::uint32_t>(d);
    }
    p_ += 4;
    return v;
  }

  // After "\u": one code point (a surrogate pair spelled as two escapes), written as UTF-8.
  char* codePoint(char* out) {
    std::uint32_t cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) throw Refused{};  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') throw Refused{};
      p_ += 2;
      const std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) throw Refused{};
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out++ = static_cast<char>(0xC0 | cp >> 6);
      *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out++ = static_cast<char>(0xE0 | cp >> 12);
      *out++ = static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out++ = static_cast<char>(0xF0 | cp >> 18);
      *out++ = static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      *out++ = static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, converted as nlohmann converts it: integers
  // with strtoll/strtoull (negative ones signed), the rest, and integers too large for both, with
  // strtod; a number strtod makes infinite is refused ("number overflow").
  void number() {
    const char* const start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    std::uint64_t mantissa = 0;
    int digits = 0;  // significant digits gathered in mantissa (leading zeros not counted)
    bool manyDigits = false;
    const auto gather = [&](char c) {
      if (digits == 0 && c == '0') return;
      if (digits == 19) {
        manyDigits = true;
        return;
      }
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      ++digits;
    };
    if (p_ == end_ || !digit(*p_)) throw Refused{};
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && digit(*p_)) gather(*p_++);
    }
    int fraction = 0;
    bool integral = true;
    if (p_ != end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || !digit(*p_)) throw Refused{};
      while (p_ != end_ && digit(*p_)) {
        if (fraction == 1000000) manyDigits = true;  // strtod reads it; the count cannot overflow
        if (!manyDigits && digits < 19) ++fraction;
        gather(*p_++);
      }
    }
    int exponent = 0;
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      bool negativeExponent = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) negativeExponent = *p_++ == '-';
      if (p_ == end_ || !digit(*p_)) throw Refused{};
      while (p_ != end_ && digit(*p_)) {
        if (exponent < 100000) exponent = exponent * 10 + (*p_ - '0');
        ++p_;
      }
      if (negativeExponent) exponent = -exponent;
    }
    if (integral && !manyDigits && digits <= 18) {
      // Fits both strtoll and strtoull: the value as they would give it.
      if (negative) return b_.integer(-static_cast<std::int64_t>(mantissa));
      return b_.unsignedInteger(mantissa);
    }
    const int power = exponent - fraction;
    if (!integral && !manyDigits && mantissa <= (std::uint64_t{1} << 53) && power >= -22 && power <= 22) {
      double d = static_cast<double>(mantissa);
      d = power < 0 ? d / kExactPowers[-power] : d * kExactPowers[power];
      return b_.real(negative ? -d : d);
    }
    if (!integral && !manyDigits && power >= -19 && power <= 19) {
      const double d = exactDecimal(mantissa, power);
      return b_.real(negative ? -d : d);
    }
    slowNumber(std::string(start, static_cast<const char*>(p_)), integral, static_cast<std::uint32_t>(start - base_));
  }

  void slowNumber(const std::string& text, bool integral, std::uint32_t at) {
    char* end = nullptr;
    if (integral) {
      errno = 0;
      if (text[0] == '-') {
        const long long i = std::strtoll(text.c_str(), &end, 10);
        if (errno == 0) return b_.integer(i);
      } else {
        const unsigned long long u = std::strtoull(text.c_str(), &end, 10);
        if (errno == 0) return b_.unsignedInteger(u);
      }
    }
    const double d = std::strtod(text.c_str(), &end);
    if (!std::isfinite(d)) throw Refused{Refused::Why::NumberRange, at};
    b_.real(d);
  }

  TapeBuilder& b_;
  const std::string_view text_;
  const char* base_;
  const char* p_;
  const char* end_;
  char* own_ = nullptr;  // the tape's copy, once an escape needed one
};

}  // namespace

namespace {
std::string plural(std::size_t n, const char* one) { return std::to_string(n) + " " + one + (n == 1 ? "" : "s"); }
}  // namespace

bool JsonTape::parseOrRefuse(std::string_view text, Refusal& refusal) {
  bool tooDeep = false;
  {
    TapeBuilder builder(*this);
    Parser parser(builder, text);
    try {
      parser.document();
      return true;
    } catch (const Refused& r) {
      tooDeep = builder.tooDeep();
      refusal.at = parser.offset();
      refusal.depth = builder.depth();
      refusal.code = ErrorCode::Parse;
      refusal.path.clear();
      refusal.reason.clear();
      // Said while the tape still holds the keys the path is made of.
      if (r.why == Refused::Why::NumberRange) {
        std::string number(text.substr(r.at, refusal.at - r.at));
        if (number.size() > 40) number = number.substr(0, 37) + "...";
        refusal.code = ErrorCode::Range;
        refusal.path = builder.openPath(true);
        refusal.reason = "the number " + number + " is out of range: a double holds at most about ±1.8e308";
      } else if (r.why == Refused::Why::RepeatedKey) {
        const Text& key = nodes_[r.at].text;
        refusal.code = ErrorCode::Schema;
        refusal.path = builder.keyPath(r.at);
        refusal.reason = "the key \"" + std::string(text_ + key.offset, key.size) + "\" appears twice in one object";
      } else if (refusal.at >= text.size() && text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        // The text stops mid-value (a cut line, an unclosed bracket): say where, inside what.
        refusal.path = builder.openPath(false);
        refusal.reason = "ends before the JSON is complete";
        if (refusal.depth > 0) refusal.reason += " (" + plural(refusal.depth, "bracket") + " still open)";
      }
    }
  }
  nodes_.clear();
  strings_.clear();
  text_ = strings_.data();
  if (tooDeep) throw Error(ErrorCode::Parse, "", "the JSON is nested more than 512 levels deep");
  return false;
}

void JsonTape::parseBorrowing(std::string_view text) {
  Refusal refusal;
  if (parseOrRefuse(text, refusal)) return;
  if (refusal.code != ErrorCode::Parse) throw Error(refusal.code, refusal.path, refusal.reason);
  if (!refusal.reason.empty()) {
    throw Error(ErrorCode::Parse, refusal.path,
                "the line " + refusal.reason + ": it is cut off after " + plural(text.size(), "byte"));
  }
  throw Error(ErrorCode::Parse, "", "the line is not valid JSON");
}

void JsonTape::keepCopy(std::string_view text) {
  if (text_ == strings_.data()) return;  // an escape made the copy already
  strings_.assign(text.data(), text.size());
  text_ = strings_.data();
}

void JsonTape::parse(std::string_view text) {
  parseBorrowing(text);
  keepCopy(text);
}

void JsonTape::parseDocument(std::string_view text, std::string_view what) {
  Refusal refusal;
  if (parseOrRefuse(text, refusal)) return keepCopy(text);
  if (refusal.code != ErrorCode::Parse) throw Error(refusal.code, refusal.path, std::string(what) + ": " + refusal.reason);
  // Line and column (from 1, in bytes) of where the parser stopped.
  const std::string_view before = text.substr(0, std::min(refusal.at, text.size()));
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t lineStart = before.rfind('\n');
  const std::size_t column = before.size() - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
  const std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
  if (!refusal.reason.empty()) {
    throw Error(ErrorCode::Parse, refusal.path, std::string(what) + " " + refusal.reason + ": the text stops at " + where);
  }
  throw Error(ErrorCode::Parse, "", std::string(what) + " is not JSON: syntax error near " + where);
}

nlohmann::json parseJson(std::string_view text, std::string_view what) {
  JsonTape tape;
  tape.parseDocument(text, what);
  return tape.root().toJson();
}

}  // namespace selfcrm
