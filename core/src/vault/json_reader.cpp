#include "vault/json_reader.hpp"

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

bool ObjectReader::find(std::string_view key, JsonView& out) {
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
  // Every member found, each once: nothing unknown and nothing repeated (a repeated field is
  // found once only). The members themselves are walked when that count falls short.
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < foundCount_; ++i) {
    bool repeat = false;
    for (std::size_t j = 0; j < i && !repeat; ++j) repeat = found_[j] == found_[i];
    distinct += !repeat;
  }
  if (foundCount_ < found_.size() && distinct == object_.visibleSize()) return;
  // Reading stops at the first match, so a repeated field is refused here rather than half read.
  std::uint32_t matched = 0;  // bit i: a member matched seen_[i]
  object_.forEachMember([&](std::string_view name, const JsonView&) {
    for (std::size_t i = 0; i < seenCount_; ++i) {
      if (name != std::string_view(seen_[i].data, seen_[i].size)) continue;
      if (matched & (1u << i)) {
        throw Error(ErrorCode::Schema, Path(pointer_, name).str(), "a second field \"" + std::string(name) + "\"");
      }
      matched |= 1u << i;
      return;
    }
    throw Error(ErrorCode::Schema, Path(pointer_, name).str(), "unknown field \"" + std::string(name) + "\"");
  });
}

}  // namespace selfcrm::detail
