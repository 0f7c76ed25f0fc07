#include "selfcrm/nps_ndjson.hpp"

namespace selfcrm {

namespace {

struct Answer {
  const nlohmann::json* id;  ///< null when the record has none
  const nlohmann::json* scoreJson;  ///< kept as written (9 stays 9, not 9.0)
  double score;
  NpsCategory category;
};

Answer readAnswer(const nlohmann::json& record) {
  if (!record.is_object()) throw Error(ErrorCode::Schema, "", "a record must be a JSON object");
  auto id = record.find("id");
  if (id != record.end() && !id->is_string() && !id->is_number()) {
    throw Error(ErrorCode::Schema, "/id", "id must be a string or a number");
  }
  auto score = record.find("score");
  if (score == record.end()) throw Error(ErrorCode::Schema, "/score", "score is required");
  if (!score->is_number()) throw Error(ErrorCode::Schema, "/score", "score must be a number");
  const double value = score->get<double>();
  return {id == record.end() ? nullptr : &*id, &*score, value, classifyNps(value, "/score")};
}

}  // namespace

std::vector<LineReject> tallyNpsNdjson(NpsTally& tally, std::string_view text, std::size_t firstLine) {
  return forEachRecord(text, firstLine, [&](std::size_t, const nlohmann::json& record) {
    tally.add(readAnswer(record).score);
  });
}

NpsClassified classifyNpsNdjson(std::string_view text, std::size_t firstLine) {
  NpsClassified out;
  out.rejects = forEachRecord(text, firstLine, [&](std::size_t, const nlohmann::json& record) {
    const Answer a = readAnswer(record);
    nlohmann::json line = {{"score", *a.scoreJson}, {"category", categoryName(a.category)}};
    if (a.id) line["id"] = *a.id;
    out.ndjson += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.ndjson += '\n';
    ++out.results;
  });
  return out;
}

void to_json(nlohmann::json& out, const NpsClassified& c) {
  out = {{"ndjson", c.ndjson}, {"results", c.results}, {"rejects", c.rejects}};
}

}  // namespace selfcrm
