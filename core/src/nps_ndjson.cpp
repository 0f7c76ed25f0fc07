#include "selfcrm/nps_ndjson.hpp"

#include <optional>

#include "selfcrm/detail/json_text.hpp"
#include "tape_records.hpp"

namespace selfcrm {

namespace {

struct Answer {
  std::optional<JsonView> id;  ///< absent when the record has none
  JsonView scoreJson;          ///< kept as written (9 stays 9, not 9.0)
  double score;
  NpsCategory category;
};

// Read on the JSON tape: a repeated key counts by its last value, as nlohmann::json keeps it.
Answer readAnswer(JsonView record) {
  if (!record.isObject()) throw Error(ErrorCode::Schema, "", "a record must be a JSON object");
  JsonView id = record;
  const bool hasId = record.find("id", id);
  if (hasId && !id.isString() && !id.isNumber()) throw Error(ErrorCode::Schema, "/id", "id must be a string or a number");
  JsonView score = record;
  if (!record.find("score", score)) throw Error(ErrorCode::Schema, "/score", "score is required");
  if (!score.isNumber()) throw Error(ErrorCode::Schema, "/score", "score must be a number");
  const double value = score.number();
  return {hasId ? std::optional<JsonView>(id) : std::nullopt, score, value, classifyNps(value, "/score")};
}

}  // namespace

std::vector<LineReject> tallyNpsNdjson(NpsTally& tally, std::string_view text, std::size_t firstLine) {
  return forEachTapeRecord(text, firstLine, [&](std::size_t, JsonView record) { tally.add(readAnswer(record).score); });
}

NpsClassified classifyNpsNdjson(std::string_view text, std::size_t firstLine) {
  NpsClassified out;
  out.rejects = forEachTapeRecord(text, firstLine, [&](std::size_t, JsonView record) {
    const Answer a = readAnswer(record);
    // Keys in nlohmann::json's order, as the line was written when it was a JSON tree.
    out.ndjson += "{\"category\":\"";
    out.ndjson += categoryName(a.category);
    out.ndjson += '"';
    if (a.id) {
      out.ndjson += ",\"id\":";
      appendJson(out.ndjson, a.id->toJson());
    }
    out.ndjson += ",\"score\":";
    appendJson(out.ndjson, a.scoreJson.toJson());
    out.ndjson += "}\n";
    ++out.results;
  });
  return out;
}

}  // namespace selfcrm
