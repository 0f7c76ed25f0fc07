#include "pack_json.hpp"

#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm::segments::pack {

using nlohmann::json;

json parse(std::string_view text) { return parseJson(text, "the pack"); }

void requireObject(const json& v, const std::string& at, const char* what) {
  if (!v.is_object()) throw Error(ErrorCode::Schema, at, std::string(what) + " must be an object");
}

void allowOnly(const json& v, const std::string& at, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : v.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) throw Error(ErrorCode::Schema, pointerAppend(at, key), "unknown member \"" + key + "\"");
  }
}

std::string name(const json& v, const std::string& at, const char* member) {
  auto it = v.find(member);
  if (it == v.end()) throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("missing \"") + member + "\"");
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("\"") + member + "\" must be a non-empty string");
  }
  return it->get<std::string>();
}

std::string optionalText(const json& v, const std::string& at, const char* member) {
  auto it = v.find(member);
  if (it == v.end()) return "";
  if (!it->is_string()) throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("\"") + member + "\" must be a string");
  return it->get<std::string>();
}

double number(const json& v, const std::string& at, const char* member) {
  auto it = v.find(member);
  if (it == v.end()) throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("missing \"") + member + "\"");
  if (!it->is_number()) throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("\"") + member + "\" must be a number");
  return it->get<double>();
}

void version(const json& v) {
  auto it = v.find("version");
  if (it == v.end()) return;
  if (!it->is_number_integer() && !it->is_number_unsigned()) throw Error(ErrorCode::Schema, "/version", "\"version\" must be an integer");
  if (it->get<std::int64_t>() > 1) throw Error(ErrorCode::Version, "/version", "this reader knows pack version 1 only");
  if (it->get<std::int64_t>() < 1) throw Error(ErrorCode::Range, "/version", "\"version\" starts at 1");
}

const json& array(const json& v, const std::string& at, const char* member) {
  auto it = v.find(member);
  if (it == v.end() || !it->is_array()) {
    throw Error(ErrorCode::Schema, pointerAppend(at, member), std::string("\"") + member + "\" must be an array");
  }
  return *it;
}

}  // namespace selfcrm::segments::pack
