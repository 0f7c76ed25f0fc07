#include "selfcrm/scores/transaction_line.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/ndjson.hpp"

namespace selfcrm::scores {
namespace {

/// Raw field texts found by the fast scanner.
struct RawFields {
  std::optional<std::string_view> customerId, at;
  std::optional<double> amount, margin;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// A JSON number with at most 15 significant digits and a decimal exponent within ±22: both the
/// digits and 10^e are exact doubles, so one multiplication or division rounds correctly — the
/// same value strtod gives. Anything else returns nullopt (the slow path handles it).
std::optional<double> scanNumber(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  bool negative = false;
  if (i < s.size() && s[i] == '-') negative = true, ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
  if (s[i] == '0' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') return std::nullopt;
  std::uint64_t digits = 0;
  int significant = 0, exponent = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (digits == 0 && s[i] == '0') continue;
    digits = digits * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (++significant > 15) return std::nullopt;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      --exponent;
      if (digits == 0 && s[i] == '0') continue;
      digits = digits * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (++significant > 15) return std::nullopt;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) return std::nullopt;
  if (exponent < -22 || i == start) return std::nullopt;
  double v = static_cast<double>(digits) / kPow10[-exponent];
  return negative ? -v : v;
}

/// The fast scanner: a flat object of string and number members without escapes.
std::optional<RawFields> scanFlat(std::string_view s) {
  RawFields f;
  std::size_t i = 0;
  auto skip = [&] { while (i < s.size() && isSpace(s[i])) ++i; };
  auto string = [&]() -> std::optional<std::string_view> {
    if (i >= s.size() || s[i] != '"') return std::nullopt;
    const std::size_t begin = ++i;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '"') return s.substr(begin, i++ - begin);
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    }
    return std::nullopt;
  };
  // Keys seen so far: a repeated one takes the slow path, whose parser refuses it with its path.
  std::array<std::string_view, 8> keys;
  std::size_t keyCount = 0;
  skip();
  if (i >= s.size() || s[i++] != '{') return std::nullopt;
  skip();
  if (i < s.size() && s[i] == '}') return std::nullopt;  // {} takes the slow path's schema error
  for (;;) {
    skip();
    auto key = string();
    if (!key || keyCount == keys.size()) return std::nullopt;
    for (std::size_t k = 0; k < keyCount; ++k) {
      if (keys[k] == *key) return std::nullopt;
    }
    keys[keyCount++] = *key;
    skip();
    if (i >= s.size() || s[i++] != ':') return std::nullopt;
    skip();
    if (i < s.size() && s[i] == '"') {
      auto value = string();
      if (!value) return std::nullopt;
      if (*key == "customerId") f.customerId = value;
      else if (*key == "at") f.at = value;
      else if (*key == "amount" || *key == "margin") return std::nullopt;
    } else {
      auto value = scanNumber(s, i);
      if (!value) return std::nullopt;
      if (*key == "amount") f.amount = value;
      else if (*key == "margin") f.margin = value;
      else if (*key == "customerId" || *key == "at") return std::nullopt;
    }
    skip();
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == '}') break;
    return std::nullopt;
  }
  ++i;
  skip();
  if (i != s.size()) return std::nullopt;
  return f;
}

TransactionLine fromRaw(std::string_view customerId, std::string_view at, double amount, double margin) {
  if (customerId.empty()) throw Error(ErrorCode::Schema, "/customerId", "customerId must not be empty");
  if (!std::isfinite(amount)) throw Error(ErrorCode::Range, "/amount", "amount must be finite");
  TransactionLine t;
  t.customerId.assign(customerId);
  t.at = parseIsoTime(at, "/at");
  t.amount = amount;
  t.margin = margin;
  return t;
}

TransactionLine slowPath(std::string_view line) {
  const nlohmann::json record = parseJsonLine(line);
  if (!record.is_object()) throw Error(ErrorCode::Schema, "", "a transaction must be a JSON object");
  auto field = [&](const char* name, bool required) -> const nlohmann::json* {
    auto it = record.find(name);
    if (it == record.end()) {
      if (required) throw Error(ErrorCode::Schema, std::string("/") + name, std::string(name) + " is required");
      return nullptr;
    }
    return &*it;
  };
  const auto* id = field("customerId", true);
  // Exports (and CSV cells typed as numbers) often carry numeric customer ids: 12345 is "12345".
  const bool wholeNumber = id->is_number_integer() || id->is_number_unsigned();
  if (!id->is_string() && !wholeNumber) {
    throw Error(ErrorCode::Schema, "/customerId", "customerId must be a string or a whole number");
  }
  const auto* at = field("at", true);
  if (!at->is_string()) throw Error(ErrorCode::Schema, "/at", "at must be an ISO-8601 string");
  const auto* amount = field("amount", true);
  if (!amount->is_number()) throw Error(ErrorCode::Schema, "/amount", "amount must be a number");
  const auto* margin = field("margin", false);
  if (margin && !margin->is_number()) throw Error(ErrorCode::Schema, "/margin", "margin must be a number");
  return fromRaw(wholeNumber ? id->dump() : id->get_ref<const std::string&>(), at->get_ref<const std::string&>(), amount->get<double>(),
                 margin ? margin->get<double>() : 0.0);
}

}  // namespace

TransactionLine parseTransactionLine(std::string_view line) {
  if (auto f = scanFlat(line); f && f->customerId && f->at && f->amount) {
    return fromRaw(*f->customerId, *f->at, *f->amount, f->margin.value_or(0.0));
  }
  return slowPath(line);
}

}  // namespace selfcrm::scores
