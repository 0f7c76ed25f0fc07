#include "vault/json_reader.hpp"

#include "same_bytes.hpp"

#include <algorithm>
#include <cmath>

namespace selfcrm::detail {

std::string Path::str() const {
  if (!parent_) return base_ ? *base_ : std::string();
  return isKey_ ? pointerAppend(parent_->str(), std::string(key_)) : pointerAppend(parent_->str(), index_);
}

void requireObject(JsonView value, const Path& pointer) {
  if (!value.isObject()) throw Error(ErrorCode::Schema, pointer.str(), "expected an object");
}

void requireObject(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_object()) throw Error(ErrorCode::Schema, pointer, "expected an object");
}

void requireArray(JsonView value, const Path& pointer) {
  if (!value.isArray()) throw Error(ErrorCode::Schema, pointer.str(), "expected an array");
}

ObjectReader::ObjectReader(JsonView object, const Path& pointer) : object_(object), pointer_(pointer) {
  requireObject(object_, pointer_);
}

bool ObjectReader::has(std::string_view key) const {
  JsonView unused = object_;
  std::uint32_t cursor = cursor_;
  return object_.findFrom(key, cursor, unused);
}

void ObjectReader::tooManyFields() const {
  throw Error(ErrorCode::Internal, pointer_.str(), "a reader asked for too many fields");
}

namespace {
// Field names are short and mostly differ in length or first letter: those are tested inline.
bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.data() == b.data() || (!a.empty() && a[0] == b[0] && sameBytes(a.data(), b.data(), a.size())));
}
}  // namespace

void ObjectReader::expect(const FieldTable& table) {
  expected_ = &table;
  std::fill_n(expectedAt_.begin(), table.count, 0);
  object_.forEachMember([&](std::string_view name, const JsonView& value) {
    const std::size_t i = expectedIndex(name);
    if (i < table.count && expectedAt_[i] == 0) {
      expectedAt_[i] = value.index();
    } else if (stray_ == 0) {
      stray_ = value.index() - 1;  // its key: a member is its key's node and the value's after it
    }
  });
}

std::size_t ObjectReader::expectedIndex(std::string_view key) const {
  const FieldTable& t = *expected_;
  const std::uint8_t slot = t.slots[fieldSlot(key, t.multiplier)];
  if (slot != 0 && sameName(t.names[slot - 1], key)) return slot - 1;
  std::size_t i = 0;
  while (i < t.count && !sameName(t.names[i], key)) ++i;
  return i;
}

bool ObjectReader::find(std::string_view key, JsonView& out) {
  if (expected_) {
    const bool next = nextExpected_ < expected_->count && sameName(expected_->names[nextExpected_], key);
    const std::size_t i = next ? nextExpected_ : expectedIndex(key);
    if (i < expected_->count) {
      nextExpected_ = i + 1;
      if (expectedAt_[i] == 0) return false;
      out = object_.onSameTape(expectedAt_[i]);
      return true;
    }
  }
  known(key);
  if (!object_.findFrom(key, cursor_, out)) return false;
  if (foundCount_ < found_.size()) found_[foundCount_++] = out.index();
  return true;
}

JsonView ObjectReader::raw(std::string_view key) {
  JsonView v = object_;
  if (!find(key, v)) throw Error(ErrorCode::Schema, path(key), "missing field \"" + std::string(key) + "\"");
  return v;
}

bool ObjectReader::field(std::string_view key, bool required, JsonView& out) {
  if (!required) return find(key, out);
  out = raw(key);
  return true;
}

std::string_view ObjectReader::stringOf(std::string_view key, JsonView value) const {
  if (!value.isString()) throw Error(ErrorCode::Schema, path(key), "expected a string");
  return value.string();
}

std::string_view ObjectReader::text(std::string_view key, bool required, std::string_view fallback) {
  JsonView v = object_;
  return field(key, required, v) ? stringOf(key, v) : fallback;
}

std::string ObjectReader::string(std::string_view key, bool required, const std::string& fallback) {
  JsonView v = object_;
  return field(key, required, v) ? std::string(stringOf(key, v)) : fallback;
}

bool ObjectReader::boolean(std::string_view key, bool fallback) {
  JsonView v = object_;
  if (!find(key, v)) return fallback;
  if (!v.isBoolean()) throw Error(ErrorCode::Schema, path(key), "expected true or false");
  return v.boolean();
}

double ObjectReader::number(std::string_view key, double fallback) {
  JsonView v = object_;
  if (!find(key, v)) return fallback;
  if (!v.isNumber()) throw Error(ErrorCode::Schema, path(key), "expected a number");
  if (!std::isfinite(v.number())) throw Error(ErrorCode::Range, path(key), "expected a finite number");
  return v.number();
}

std::int64_t ObjectReader::integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
  JsonView v = object_;
  if (!find(key, v)) return fallback;
  if (!v.isNumber()) throw Error(ErrorCode::Schema, path(key), "expected an integer");
  const auto outOfRange = [&] {
    return Error(ErrorCode::Range, path(key), "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  };
  if (v.type() == JsonTape::Type::Float) {
    const double d = v.number();
    // Whole floats (3.0) are integers; the range check keeps the cast defined.
    if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || d != static_cast<double>(static_cast<std::int64_t>(d))) {
      throw outOfRange();
    }
    return static_cast<std::int64_t>(d);
  }
  if (v.type() == JsonTape::Type::Unsigned) {
    // JSON text gives every non-negative integer as unsigned.
    if (v.unsignedInteger() > static_cast<std::uint64_t>(max) || (min > 0 && v.unsignedInteger() < static_cast<std::uint64_t>(min))) {
      throw outOfRange();
    }
    return static_cast<std::int64_t>(v.unsignedInteger());
  }
  if (v.integer() > max || v.integer() < min) throw outOfRange();
  return v.integer();
}

Timestamp ObjectReader::time(std::string_view key) {
  const JsonView v = raw(key);
  if (!v.isString()) throw Error(ErrorCode::Schema, path(key), "expected an ISO-8601 date-time string");
  Timestamp t = 0;
  if (!tryParseIsoTime(v.string(), t)) parseIsoTime(v.string(), path(key));  // throws with the reason
  return t;
}

void ObjectReader::finish() const {
  if (expected_) {
    if (stray_ != 0) refuseStrayMember();
    return;  // a field read outside the table would be a stray member if it were there
  }
  // Every member found, each once: nothing unknown and nothing repeated (a repeated field is
  // found once only). The members themselves are walked when that count falls short.
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < foundCount_; ++i) {
    bool repeat = false;
    for (std::size_t j = 0; j < i && !repeat; ++j) repeat = found_[j] == found_[i];
    distinct += !repeat;
  }
  if (foundCount_ < found_.size() && distinct == object_.visibleSize()) return;
  refuseStrayMember();
}

void ObjectReader::refuseStrayMember() const {
  // Reading stops at the first match, so a repeated field is refused here rather than half read.
  // Asked for: the expected names (bits 0…31), then those read outside them (bits 32…63).
  std::uint64_t matched = 0;
  object_.forEachMember([&](std::string_view name, const JsonView&) {
    const std::size_t expected = expected_ ? expected_->count : 0;
    std::size_t bit = expected_ ? expectedIndex(name) : 0;
    if (bit == expected) {
      bit = 32;
      while (bit - 32 < seenCount_ && name != std::string_view(seen_[bit - 32].data, seen_[bit - 32].size)) ++bit;
      if (bit - 32 == seenCount_) {
        throw Error(ErrorCode::Schema, Path(pointer_, name).str(), "unknown field \"" + std::string(name) + "\"");
      }
    }
    if (matched & (std::uint64_t{1} << bit)) {
      throw Error(ErrorCode::Schema, Path(pointer_, name).str(), "a second field \"" + std::string(name) + "\"");
    }
    matched |= std::uint64_t{1} << bit;
  });
  throw Error(ErrorCode::Internal, pointer_.str(), "a member was refused but none is out of place");
}

}  // namespace selfcrm::detail
