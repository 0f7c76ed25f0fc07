#include "selfcrm/nps_ndjson.hpp"

namespace selfcrm {

std::vector<LineReject> tallyNpsNdjson(NpsTally& tally, std::string_view text, std::size_t firstLine) {
  return forEachRecord(text, firstLine, [&](std::size_t, const nlohmann::json& record) {
    if (!record.is_object()) throw Error(ErrorCode::Schema, "", "a record must be a JSON object");
    auto id = record.find("id");
    if (id != record.end() && !id->is_string() && !id->is_number()) {
      throw Error(ErrorCode::Schema, "/id", "id must be a string or a number");
    }
    auto score = record.find("score");
    if (score == record.end()) throw Error(ErrorCode::Schema, "/score", "score is required");
    if (!score->is_number()) throw Error(ErrorCode::Schema, "/score", "score must be a number");
    tally.add(score->get<double>(), "/score");
  });
}

}  // namespace selfcrm
