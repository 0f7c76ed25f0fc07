#include "selfcrm/ndjson.hpp"

#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm {

void to_json(nlohmann::json& out, const LineReject& r) {
  out = {{"line", r.line}, {"code", codeName(r.code)}, {"path", r.path}, {"message", r.message}};
}

bool isBlankLine(std::string_view line) noexcept {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

nlohmann::json parseJsonLine(std::string_view line) {
  JsonTape tape;
  tape.parse(line);
  return tape.root().toJson();
}

}  // namespace selfcrm
