#include "selfcrm/aggregates/partial_header.hpp"

#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

namespace {

std::string member(const nlohmann::json& part, const char* name) {
  const auto it = part.find(name);
  if (it == part.end() || !it->is_string()) throw Error(ErrorCode::Schema, std::string("/") + name, "expected a string");
  return it->get<std::string>();
}

void same(const std::string& got, const std::string& want, const char* name, const char* what) {
  if (got != want) {
    throw Error(ErrorCode::Conflict, std::string("/") + name,
                std::string("written with ") + what + " \"" + got + "\", the others with \"" + want + "\": parts of different runs cannot be merged");
  }
}

}  // namespace

void writeHeader(nlohmann::ordered_json& out, const PartialHeader& h) {
  out["format"] = h.format;
  out["version"] = h.version;
  out["engine"] = h.engine;
  out["rulesHash"] = h.rulesHash;
  out["asOf"] = h.asOf;
}

PartialHeader readHeader(const nlohmann::json& part, const PartialHeader& expected) {
  if (!part.is_object()) throw Error(ErrorCode::Schema, "", "a partial summary is a JSON object");
  PartialHeader h;
  h.format = member(part, "format");
  if (h.format != expected.format) {
    throw Error(ErrorCode::Schema, "/format", "this is a \"" + h.format + "\" document, not a \"" + expected.format + "\"");
  }
  const auto version = part.find("version");
  if (version == part.end() || !version->is_number_integer()) throw Error(ErrorCode::Schema, "/version", "expected an integer");
  h.version = version->get<int>();
  if (h.version != expected.version) {
    throw Error(ErrorCode::Version, "/version", "version " + std::to_string(h.version) + " of the format; this engine reads version " + std::to_string(expected.version));
  }
  h.engine = member(part, "engine");
  h.rulesHash = member(part, "rulesHash");
  h.asOf = member(part, "asOf");
  same(h.engine, expected.engine, "engine", "engine");
  same(h.rulesHash, expected.rulesHash, "rulesHash", "rules");
  same(h.asOf, expected.asOf, "asOf", "as-of time");
  return h;
}

void PartGate::admit(const nlohmann::json& part) {
  PartialHeader want = expected_;
  if (parts_ == 0 && part.is_object()) {
    // Rules and as-of the merging run did not give: the first part's, checked for shape only.
    if (want.rulesHash.empty() && part.contains("rulesHash") && part["rulesHash"].is_string()) want.rulesHash = part["rulesHash"].get<std::string>();
    if (want.asOf.empty() && part.contains("asOf") && part["asOf"].is_string()) want.asOf = part["asOf"].get<std::string>();
  }
  readHeader(part, want);
  expected_ = std::move(want);
  ++parts_;
}

std::uint64_t countMember(const nlohmann::json& object, const char* name, const std::string& at) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_unsigned()) throw Error(ErrorCode::Schema, at + "/" + name, "expected a whole count");
  return it->get<std::uint64_t>();
}

void addCountsMember(const nlohmann::json& object, const char* name, std::map<std::string, std::uint64_t>& into) {
  const std::string at = std::string("/") + name;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_object()) throw Error(ErrorCode::Schema, at, "expected an object of counts");
  for (const auto& [key, value] : it->items()) {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() == 0) throw Error(ErrorCode::Schema, pointerAppend(at, key), "expected a positive whole count");
    into[key] += value.get<std::uint64_t>();
  }
}

nlohmann::json parsePartial(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorCode::Parse, "", std::string("not a JSON document: ") + e.what());
  }
}

}  // namespace selfcrm::aggregates
