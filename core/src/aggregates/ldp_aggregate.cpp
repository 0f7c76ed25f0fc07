#include "selfcrm/aggregates/ldp_aggregate.hpp"

#include <algorithm>
#include <utility>

#include "selfcrm/error.hpp"
#include "tape_records.hpp"

namespace selfcrm::aggregates {

LdpAggregate::LdpAggregate(PartialHeader header, std::vector<std::string> categories)
    : gate_([&] {
        header.format = kLdpPartialFormat;
        header.version = kLdpPartialVersion;
        return std::move(header);
      }()),
      categories_(std::move(categories)),
      counts_(categories_.size(), 0) {
  if (categories_.size() < 2) throw Error(ErrorCode::Range, "/categories", "at least two categories");
}

std::vector<LineReject> LdpAggregate::addNdjson(std::string_view text, std::size_t firstLine) {
  auto rejects = forEachRecord(text, firstLine, [&](std::size_t, const nlohmann::json& record) {
    const auto report = record.is_object() ? record.find("report") : record.end();
    if (!record.is_object() || report == record.end() || !report->is_string()) {
      throw Error(ErrorCode::Schema, "/report", "expected {\"report\": CATEGORY}, a randomized report");
    }
    const auto at = std::find(categories_.begin(), categories_.end(), report->get<std::string>());
    if (at == categories_.end()) throw Error(ErrorCode::Range, "/report", "not one of the categories");
    ++counts_[static_cast<std::size_t>(at - categories_.begin())];
  });
  rejected_ += rejects.size();
  return rejects;
}

std::string LdpAggregate::partialText() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  writeHeader(out, gate_.header());
  out["lines"] = lines_;
  out["rejected"] = rejected_;
  out["categories"] = categories_;
  out["counts"] = counts_;
  return out.dump();
}

void LdpAggregate::mergePartial(const std::string& text) {
  const nlohmann::json part = parsePartial(text);
  PartGate gate = gate_;
  gate.admit(part);
  const std::uint64_t lines = countMember(part, "lines"), rejected = countMember(part, "rejected");
  const auto categories = part.find("categories");
  if (categories == part.end() || *categories != nlohmann::json(categories_)) {
    throw Error(ErrorCode::Conflict, "/categories", "the part's categories are not this run's");
  }
  const auto counts = part.find("counts");
  if (counts == part.end() || !counts->is_array() || counts->size() != counts_.size()) {
    throw Error(ErrorCode::Schema, "/counts", "expected one count per category");
  }
  std::vector<std::uint64_t> add;
  for (std::size_t i = 0; i < counts->size(); ++i) {
    if (!(*counts)[i].is_number_unsigned()) throw Error(ErrorCode::Schema, pointerAppend("/counts", i), "expected a whole count");
    add.push_back((*counts)[i].get<std::uint64_t>());
  }
  gate_ = std::move(gate);
  lines_ += lines;
  rejected_ += rejected;
  for (std::size_t i = 0; i < add.size(); ++i) counts_[i] += add[i];
}

nlohmann::json LdpAggregate::totals() const {
  nlohmann::json counts = nlohmann::json::object();
  std::uint64_t reports = 0;
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    counts[categories_[i]] = counts_[i];
    reports += counts_[i];
  }
  return {{"lines", lines_}, {"rejected", rejected_}, {"reports", reports}, {"counts", counts}};
}

}  // namespace selfcrm::aggregates
