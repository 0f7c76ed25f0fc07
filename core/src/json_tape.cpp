#include "selfcrm/json_tape.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "selfcrm/error.hpp"

// RapidJSON checks its own invariants with assert(); one failing must be an error, not an abort.
#define RAPIDJSON_ASSERT(x) \
  ((x) ? static_cast<void>(0) : throw selfcrm::Error(selfcrm::ErrorCode::Internal, "", "JSON reader invariant: " #x))
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace selfcrm {
namespace {
// Deeper documents are refused rather than walked: copying one to nlohmann::json recurses, and a
// wasm stack is small. No document SelfCRM reads comes near it.
constexpr std::size_t kMaxDepth = 512;
}  // namespace

/// Appends nodes for a stream of JSON events; containers are closed from a stack of indices.
class TapeBuilder {
 public:
  explicit TapeBuilder(JsonTape& tape) : tape_(tape) {
    tape_.nodes_.clear();
    tape_.strings_.clear();
  }

  void null() { leaf(JsonTape::Type::Null); }
  void boolean(bool b) { leaf(JsonTape::Type::Boolean).boolean = b; }
  void integer(std::int64_t i) { leaf(JsonTape::Type::Integer).integer = i; }
  void unsignedInteger(std::uint64_t u) { leaf(JsonTape::Type::Unsigned).unsigned_ = u; }
  void real(double d) { leaf(JsonTape::Type::Float).real = d; }
  void string(std::string_view s) { text(leaf(JsonTape::Type::String), s); }
  void key(std::string_view s) {
    // A key is a string node; its value follows it. Only the value counts as a member.
    JsonTape::Node& node = push(JsonTape::Type::String);
    node.end = static_cast<std::uint32_t>(tape_.nodes_.size());
    text(node, s);
  }
  /// False, and nothing opened, past kMaxDepth (remembered in tooDeep()).
  bool open(JsonTape::Type type) {
    if (open_.size() >= kMaxDepth) {
      tooDeep_ = true;
      return false;
    }
    leaf(type);
    open_.push_back(static_cast<std::uint32_t>(tape_.nodes_.size() - 1));
    return true;
  }
  bool tooDeep() const { return tooDeep_; }
  void close() {
    tape_.nodes_[open_.back()].end = static_cast<std::uint32_t>(tape_.nodes_.size());
    open_.pop_back();
  }

 private:
  JsonTape::Node& push(JsonTape::Type type) {
    if (tape_.nodes_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::Range, "", "a JSON document with more than 4 billion values");
    }
    JsonTape::Node& node = tape_.nodes_.emplace_back();
    node.type = type;
    return node;
  }
  // A scalar (or a container's head): counted in its container, closed at once.
  JsonTape::Node& leaf(JsonTape::Type type) {
    if (!open_.empty()) ++tape_.nodes_[open_.back()].count;
    JsonTape::Node& node = push(type);
    node.end = static_cast<std::uint32_t>(tape_.nodes_.size());
    return node;
  }
  void text(JsonTape::Node& node, std::string_view s) {
    if (tape_.strings_.size() + s.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::Range, "", "a JSON document with more than 4 GB of text");
    }
    node.text = {static_cast<std::uint32_t>(tape_.strings_.size()), static_cast<std::uint32_t>(s.size())};
    tape_.strings_ += s;
  }

  JsonTape& tape_;
  std::vector<std::uint32_t> open_;
  bool tooDeep_ = false;
};

namespace {

// Strings are validated here rather than by RapidJSON: most are ASCII, checked eight bytes at a
// time. This also refuses what RapidJSON 1.1 lets through, a lone low surrogate escape
// (\uDC00 written as ED B0 80), as nlohmann::json does.
bool validUtf8(const char* text, std::size_t n) {
  const auto* s = reinterpret_cast<const unsigned char*>(text);
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t block;
      std::memcpy(&block, s + i, 8);
      if ((block & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the first continuation byte
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (extra >= n - i) return false;  // truncated sequence
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (std::size_t k = 2; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/// RapidJSON's SAX events onto a TapeBuilder; false stops the parse.
struct RapidHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RapidHandler> {
  explicit RapidHandler(TapeBuilder& b) : builder(b) {}
  bool Null() { return builder.null(), true; }
  bool Bool(bool b) { return builder.boolean(b), true; }
  // Numbers arrive as text (RapidJSON has checked the grammar) and are converted as nlohmann::json
  // converts them: RapidJSON 1.1's own conversion gets a long mantissa with a large exponent wrong.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return number(std::string_view(s, n)); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (!validUtf8(s, n)) return false;
    return builder.string(std::string_view(s, n)), true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (!validUtf8(s, n)) return false;
    return builder.key(std::string_view(s, n)), true;
  }
  bool StartObject() { return builder.open(JsonTape::Type::Object); }
  bool EndObject(rapidjson::SizeType) { return builder.close(), true; }
  bool StartArray() { return builder.open(JsonTape::Type::Array); }
  bool EndArray(rapidjson::SizeType) { return builder.close(), true; }
  bool number(std::string_view text) {
    char small[64];
    std::string large;
    const char* z = small;  // strtod and strtoull want a terminated string
    if (text.size() < sizeof small) {
      std::memcpy(small, text.data(), text.size());
      small[text.size()] = '\0';
    } else {
      large.assign(text);
      z = large.c_str();
    }
    const bool integral = text.find_first_of(".eE") == std::string_view::npos;
    if (integral) {
      // Negative integers are signed, the rest unsigned; one that overflows both is a double.
      char* end = nullptr;
      errno = 0;
      if (text[0] == '-') {
        const long long i = std::strtoll(z, &end, 10);
        if (errno == 0) return builder.integer(i), true;
      } else {
        const unsigned long long u = std::strtoull(z, &end, 10);
        if (errno == 0) return builder.unsignedInteger(u), true;
      }
    }
    char* end = nullptr;
    const double d = std::strtod(z, &end);
    if (!std::isfinite(d)) return false;  // nlohmann: "number overflow"
    return builder.real(d), true;
  }
  TapeBuilder& builder;
};

/// nlohmann's SAX events onto a TapeBuilder: the slow path for the numbers RapidJSON refuses and
/// nlohmann reads (a zero with a huge exponent, "0e999", is 0.0 to strtod).
struct NlohmannHandler {
  using json = nlohmann::json;
  bool null() { return builder.null(), true; }
  bool boolean(bool b) { return builder.boolean(b), true; }
  bool number_integer(json::number_integer_t i) { return builder.integer(i), true; }
  bool number_unsigned(json::number_unsigned_t u) { return builder.unsignedInteger(u), true; }
  bool number_float(json::number_float_t d, const json::string_t&) { return builder.real(d), true; }
  bool string(json::string_t& s) { return builder.string(s), true; }
  bool binary(json::binary_t&) { return false; }
  bool key(json::string_t& s) { return builder.key(s), true; }
  bool start_object(std::size_t) { return builder.open(JsonTape::Type::Object); }
  bool end_object() { return builder.close(), true; }
  bool start_array(std::size_t) { return builder.open(JsonTape::Type::Array); }
  bool end_array() { return builder.close(), true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
  TapeBuilder& builder;
};

}  // namespace

void JsonTape::parse(std::string_view text) {
  bool tooDeep = false;
  {
    TapeBuilder builder(*this);
    RapidHandler handler(builder);
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    // Iterative: no recursion, whatever the nesting.
    constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
    // MemoryStream ends at a NUL byte as at the end of text: a NUL after the value is not JSON.
    if (ok && stream.Tell() == text.size()) return;
    tooDeep = builder.tooDeep();
    // nlohmann stops at a NUL byte; no JSON text holds one, so that never takes the slow path.
    if (ok.Code() == rapidjson::kParseErrorNumberTooBig && text.find('\0') == std::string_view::npos) {
      TapeBuilder again(*this);
      NlohmannHandler slow{again};
      if (nlohmann::json::sax_parse(text.begin(), text.end(), &slow)) return;
      tooDeep = again.tooDeep();
    }
  }
  nodes_.clear();
  strings_.clear();
  if (tooDeep) throw Error(ErrorCode::Parse, "", "the JSON is nested more than 512 levels deep");
  throw Error(ErrorCode::Parse, "", "the line is not valid JSON");
}

namespace {
void feed(TapeBuilder& b, const nlohmann::json& v) {
  using json = nlohmann::json;
  switch (v.type()) {
    case json::value_t::object:
      if (!b.open(JsonTape::Type::Object)) throw Error(ErrorCode::Schema, "", "the JSON is nested more than 512 levels deep");
      for (const auto& item : v.items()) {
        b.key(item.key());
        feed(b, item.value());
      }
      b.close();
      return;
    case json::value_t::array:
      if (!b.open(JsonTape::Type::Array)) throw Error(ErrorCode::Schema, "", "the JSON is nested more than 512 levels deep");
      for (const auto& element : v) feed(b, element);
      b.close();
      return;
    case json::value_t::string: b.string(v.get_ref<const std::string&>()); return;
    case json::value_t::boolean: b.boolean(v.get<bool>()); return;
    case json::value_t::number_integer: b.integer(v.get<std::int64_t>()); return;
    case json::value_t::number_unsigned: b.unsignedInteger(v.get<std::uint64_t>()); return;
    case json::value_t::number_float: b.real(v.get<double>()); return;
    default: b.null(); return;  // null; binary and discarded values never come from JSON text
  }
}

nlohmann::json toJsonAt(const JsonView& v) {
  using Type = JsonTape::Type;
  switch (v.type()) {
    case Type::Object: {
      nlohmann::json out = nlohmann::json::object();
      v.forEachMember([&](std::string_view key, const JsonView& value) { out[std::string(key)] = toJsonAt(value); });
      return out;
    }
    case Type::Array: {
      nlohmann::json out = nlohmann::json::array();
      v.forEachElement([&](std::size_t, const JsonView& element) { out.push_back(toJsonAt(element)); });
      return out;
    }
    case Type::String: return std::string(v.string());
    case Type::Boolean: return v.boolean();
    case Type::Integer: return v.integer();
    case Type::Unsigned: return v.unsignedInteger();
    case Type::Float: return v.number();
    default: return nullptr;
  }
}
}  // namespace

void JsonTape::assign(const nlohmann::json& value) {
  TapeBuilder builder(*this);
  feed(builder, value);
}

std::string_view JsonView::string() const {
  const auto& t = node().text;
  return std::string_view(tape_->strings_).substr(t.offset, t.size);
}

double JsonView::number() const {
  switch (type()) {
    case Type::Integer: return static_cast<double>(node().integer);
    case Type::Unsigned: return static_cast<double>(node().unsigned_);
    default: return node().real;
  }
}

bool JsonView::find(std::string_view key, JsonView& out) const {
  bool found = false;
  forEachMember([&](std::string_view k, const JsonView& value) {
    if (k == key) {
      out = value;
      found = true;
    }
  });
  return found;
}

bool JsonView::findFrom(std::string_view key, std::uint32_t& cursor, JsonView& out) const {
  const std::uint32_t begin = index_ + 1;
  const std::uint32_t end = node().end;
  if (begin == end) return false;
  if (cursor < begin || cursor >= end) cursor = begin;
  std::uint32_t i = cursor;
  do {
    const JsonView value(*tape_, i + 1);
    const std::uint32_t next = value.node().end;
    if (i != hidden_ && JsonView(*tape_, i).string() == key) {
      out = value;
      cursor = next;
      return true;
    }
    i = next == end ? begin : next;
  } while (i != cursor);
  return false;
}

JsonView JsonView::without(std::string_view key) const {
  JsonView out = *this;
  for (std::uint32_t i = index_ + 1; i < node().end; i = JsonView(*tape_, i + 1).node().end) {
    if (JsonView(*tape_, i).string() == key) {
      out.hidden_ = i;
      break;
    }
  }
  return out;
}

nlohmann::json JsonView::toJson() const { return toJsonAt(*this); }

}  // namespace selfcrm
