#pragma once
// Shared checks for the JSON packs (segments, plans, personas): members, names, version.
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace selfcrm::segments::pack {

/// Parses pack text; Error(E_PARSE, "") when it is not JSON.
nlohmann::json parse(std::string_view text);
/// Requires an object; Error(E_SCHEMA, at) otherwise.
void requireObject(const nlohmann::json& v, const std::string& at, const char* what);
/// Rejects members other than `allowed` with Error(E_SCHEMA, pointer of the member).
void allowOnly(const nlohmann::json& v, const std::string& at, std::initializer_list<const char*> allowed);
/// A required non-empty string member.
std::string name(const nlohmann::json& v, const std::string& at, const char* member);
/// An optional string member ("" when absent).
std::string optionalText(const nlohmann::json& v, const std::string& at, const char* member);
/// A required finite number member.
double number(const nlohmann::json& v, const std::string& at, const char* member);
/// Checks "version" (absent or 1); Error(E_VERSION) for a newer one.
void version(const nlohmann::json& v);
/// A required array member (may be empty).
const nlohmann::json& array(const nlohmann::json& v, const std::string& at, const char* member);

}  // namespace selfcrm::segments::pack
