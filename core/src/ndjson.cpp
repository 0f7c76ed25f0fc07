#include "selfcrm/ndjson.hpp"

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
  nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) throw Error(ErrorCode::Parse, "", "the line is not valid JSON");
  return value;
}

}  // namespace selfcrm
