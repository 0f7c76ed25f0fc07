#include "vault/json_reader.hpp"

#include <cmath>

namespace selfcrm::detail {

void requireObject(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_object()) throw Error(ErrorCode::Schema, pointer, "expected an object");
}

void requireArray(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_array()) throw Error(ErrorCode::Schema, pointer, "expected an array");
}

ObjectReader::ObjectReader(const nlohmann::json& object, std::string pointer)
    : object_(object), pointer_(std::move(pointer)) {
  requireObject(object_, pointer_);
}

bool ObjectReader::has(const char* key) const { return object_.contains(key); }

const nlohmann::json* ObjectReader::find(const char* key) {
  seen_.push_back(key);
  const auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

const nlohmann::json& ObjectReader::raw(const char* key) {
  const nlohmann::json* v = find(key);
  if (!v) throw Error(ErrorCode::Schema, path(key), std::string("missing field \"") + key + "\"");
  return *v;
}

std::string ObjectReader::string(const char* key, bool required, const std::string& fallback) {
  const nlohmann::json* v = required ? &raw(key) : find(key);
  if (!v) return fallback;
  if (!v->is_string()) throw Error(ErrorCode::Schema, path(key), "expected a string");
  return v->get<std::string>();
}

bool ObjectReader::boolean(const char* key, bool fallback) {
  const nlohmann::json* v = find(key);
  if (!v) return fallback;
  if (!v->is_boolean()) throw Error(ErrorCode::Schema, path(key), "expected true or false");
  return v->get<bool>();
}

double ObjectReader::number(const char* key, double fallback) {
  const nlohmann::json* v = find(key);
  if (!v) return fallback;
  if (!v->is_number()) throw Error(ErrorCode::Schema, path(key), "expected a number");
  if (!std::isfinite(v->get<double>())) throw Error(ErrorCode::Range, path(key), "expected a finite number");
  return v->get<double>();
}

std::int64_t ObjectReader::integer(const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const nlohmann::json* v = find(key);
  if (!v) return fallback;
  if (!v->is_number()) throw Error(ErrorCode::Schema, path(key), "expected an integer");
  if (v->is_number_float()) {
    const double d = v->get<double>();
    // Whole floats (3.0) are integers; the range check keeps the cast defined.
    if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || d != static_cast<double>(static_cast<std::int64_t>(d))) {
      throw Error(ErrorCode::Range, path(key),
                  "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return static_cast<std::int64_t>(d);
  }
  const bool fits = v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                            : v->get<std::int64_t>() <= max;
  if (!fits || v->get<std::int64_t>() < min) {
    throw Error(ErrorCode::Range, path(key),
                "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v->get<std::int64_t>();
}

Timestamp ObjectReader::time(const char* key) {
  const nlohmann::json& v = raw(key);
  if (!v.is_string()) throw Error(ErrorCode::Schema, path(key), "expected an ISO-8601 date-time string");
  return parseIsoTime(v.get_ref<const std::string&>(), path(key));
}

void ObjectReader::finish() const {
  for (const auto& item : object_.items()) {
    bool asked = false;
    for (const char* key : seen_) asked = asked || item.key() == key;
    if (!asked) {
      throw Error(ErrorCode::Schema, pointerAppend(pointer_, item.key()), "unknown field \"" + item.key() + "\"");
    }
  }
}

}  // namespace selfcrm::detail
