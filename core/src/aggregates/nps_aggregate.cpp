#include "selfcrm/aggregates/nps_aggregate.hpp"

#include <utility>

#include "selfcrm/error.hpp"
#include "selfcrm/nps_ndjson.hpp"

namespace selfcrm::aggregates {

NpsAggregate::NpsAggregate(std::string engine)
    : gate_(PartialHeader{kNpsPartialFormat, kNpsPartialVersion, std::move(engine), "", ""}) {}

std::vector<LineReject> NpsAggregate::addNdjson(std::string_view text, std::size_t firstLine) {
  return tallyNpsNdjson(tally_, text, firstLine);
}

nlohmann::json NpsAggregate::totals() const {
  return {{"lines", lines_}, {"rejected", rejected_}, {"answers", tally_.count()}};
}

std::string NpsAggregate::partialText() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  writeHeader(out, gate_.header());
  out["lines"] = lines_;
  out["rejected"] = rejected_;
  out["promoters"] = tally_.promoters();
  out["passives"] = tally_.passives();
  out["detractors"] = tally_.detractors();
  return out.dump();
}

void NpsAggregate::mergePartial(const std::string& text) {
  const nlohmann::json part = parsePartial(text);
  PartGate gate = gate_;
  gate.admit(part);
  const auto lines = countMember(part, "lines"), rejected = countMember(part, "rejected");
  const auto counted = NpsTally::fromCounts(countMember(part, "promoters"), countMember(part, "passives"), countMember(part, "detractors"));
  gate_ = std::move(gate);
  tally_.merge(counted);
  lines_ += lines;
  rejected_ += rejected;
}

std::string NpsAggregate::summaryText() const {
  // The summary's members as nps has always written them (sorted), then the rejects.
  auto out = nlohmann::ordered_json::parse(nlohmann::json(tally_.summary()).dump());
  out["rejected"] = rejected_;
  return out.dump();
}

}  // namespace selfcrm::aggregates
