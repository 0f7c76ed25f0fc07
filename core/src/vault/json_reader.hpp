#pragma once
// Strict reading of one JSON object: every field is checked for type and range, and a field the
// reader never asked for is an error (finish()), so typos never pass silently.
#include <cstdint>
#include <cstring>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::detail {

/// Largest integer a JS number holds exactly: counts beyond it would not survive the trip to JS.
constexpr std::int64_t kMaxSafeInteger = 9007199254740991LL;

class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string pointer);

  bool has(const char* key) const;
  /// Marks an optional field as known without reading it here.
  void known(const char* key) { seen_.push_back(key); }
  const nlohmann::json& raw(const char* key);  ///< required, any type
  std::string path(const char* key) const { return pointerAppend(pointer_, key); }

  std::string string(const char* key, bool required, const std::string& fallback = "");
  bool boolean(const char* key, bool fallback);
  double number(const char* key, double fallback);
  std::int64_t integer(const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  Timestamp time(const char* key);  ///< required ISO-8601 string

  /// Throws E_SCHEMA at the first field no accessor asked for.
  void finish() const;

 private:
  const nlohmann::json* find(const char* key);
  const nlohmann::json& object_;
  std::string pointer_;
  std::vector<const char*> seen_;  // field names asked for (string literals): no allocation per field
};

/// Throws E_SCHEMA unless `value` is an object.
void requireObject(const nlohmann::json& value, const std::string& pointer);
/// Throws E_SCHEMA unless `value` is an array.
void requireArray(const nlohmann::json& value, const std::string& pointer);

}  // namespace selfcrm::detail
