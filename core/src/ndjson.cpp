#include "selfcrm/ndjson.hpp"

#include "selfcrm/detail/json_tape.hpp"
#include "tape_records.hpp"

namespace selfcrm {

void to_json(nlohmann::json& out, const LineReject& r) {
  out = {{"line", r.line}, {"code", codeName(r.code)}, {"path", r.path}, {"message", r.message}};
}

void to_json(nlohmann::json& out, const NdjsonResult& r) {
  out = {{"ndjson", r.ndjson}, {"results", r.results}, {"rejects", r.rejects}};
}

bool isBlankLine(std::string_view line) noexcept {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

std::vector<LineReject> jsonLineRejects(std::string_view ndjson, std::size_t firstLine) {
  return forEachTapeRecord(ndjson, firstLine, [](std::size_t, JsonView) {});
}

nlohmann::json parseJsonLine(std::string_view line) {
  JsonTape tape;
  tape.parse(line);
  return tape.root().toJson();
}

}  // namespace selfcrm
