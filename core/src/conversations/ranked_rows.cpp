#include "selfcrm/conversations/ranked_rows.hpp"

#include <algorithm>

#include "selfcrm/detail/json_text.hpp"
#include "tape_records.hpp"

namespace selfcrm::conversations {

bool rankedBefore(const RankedEntry& a, const RankedEntry& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.subject < b.subject;
}

void to_json(nlohmann::json& out, const RankedOutput& r) { out = {{"ndjson", r.ndjson}, {"summary", r.summary}}; }

RankedRows::RankedRows(EntryOf entryOf, std::size_t budget, ClaimBands bands)
    : entryOf_(std::move(entryOf)), budget_(budget), bands_(bands) {}

std::vector<LineReject> RankedRows::addNdjson(std::string_view text, std::size_t firstLine) {
  return forEachTapeRecord(text, firstLine, [&](std::size_t line, JsonView record) {
    CustomerClaims claims = readCustomerClaims(record, bands_);
    auto seen = seen_.find(claims.subject);
    if (seen != seen_.end()) {
      throw Error(ErrorCode::Conflict, "/subject", "this subject was already read on line " + std::to_string(seen->second));
    }
    RankedEntry entry;
    const bool placed = entryOf_(claims, entry, false);
    // Nothing above may have changed this object: a throw leaves it as it was.
    seen_.emplace(claims.subject, line);
    ++rows_;
    if (!placed) return;
    ++entries_;
    total_ += entry.score;
    entry.subject = claims.subject;
    entry.line = line;
    const bool full = budget_ != 0 && kept_.size() >= budget_;
    if (full && !rankedBefore(entry, kept_.front())) return;
    entryOf_(claims, entry, true);
    if (budget_ == 0) {
      kept_.push_back(std::move(entry));
      return;
    }
    if (full) {
      std::pop_heap(kept_.begin(), kept_.end(), rankedBefore);
      kept_.back() = std::move(entry);
    } else {
      kept_.push_back(std::move(entry));
    }
    std::push_heap(kept_.begin(), kept_.end(), rankedBefore);
  });
}

double RankedRows::keptScore() const {
  std::vector<double> scores;
  for (const auto& e : kept_) scores.push_back(e.score);
  // Summed in one order whatever the heap's layout, so the total reads the same on every build.
  std::sort(scores.begin(), scores.end());
  double sum = 0;
  for (double x : scores) sum += x;
  return sum;
}

std::string RankedRows::ndjson(const char* positionKey) const {
  std::vector<const RankedEntry*> order;
  order.reserve(kept_.size());
  for (const auto& e : kept_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const RankedEntry* a, const RankedEntry* b) { return rankedBefore(*a, *b); });
  std::string out;
  std::size_t position = 0;
  for (const RankedEntry* e : order) {
    nlohmann::json line = e->body;
    line[positionKey] = ++position;
    line["line"] = e->line;
    appendJson(out, line);
    out += '\n';
  }
  return out;
}

}  // namespace selfcrm::conversations
