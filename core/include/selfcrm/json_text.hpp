#pragma once
/// @file
/// Building and appending JSON trees fast. Appending a JSON tree as text, byte for byte what `value.dump(-1, ' ', false, replace)` writes,
/// in a fraction of the time for the trees the core builds (explanations: short ASCII keys and
/// strings, many numbers). Recursive: for trees the core builds, not for untrusted input.

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace selfcrm {

void appendJson(std::string& out, const nlohmann::json& value);

/// {"key": value, …} from alternating keys and values. nlohmann's initializer lists build a
/// temporary array per member and copy nested values; this moves each value in once.
inline void addMembers(nlohmann::json&) {}
template <class Value, class... Rest>
void addMembers(nlohmann::json& object, const char* key, Value&& value, Rest&&... rest) {
  object.emplace(key, std::forward<Value>(value));
  addMembers(object, std::forward<Rest>(rest)...);
}
template <class... Members>
nlohmann::json jsonObject(Members&&... members) {
  nlohmann::json object = nlohmann::json::object();
  addMembers(object, std::forward<Members>(members)...);
  return object;
}

}  // namespace selfcrm
