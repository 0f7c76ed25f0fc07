#pragma once
/// @file
/// `selfcrm rank`: customer rows in, the `budget` conversations worth most out (ConversationValue
/// per row, best first, ties by subject), with what the plan captures of the population's total.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/conversations/conversation_value.hpp"
#include "selfcrm/conversations/ranked_rows.hpp"

namespace selfcrm::conversations {

class ConversationPlan {
 public:
  /// `budget`: conversations to pick (0: rank every customer whose conversation has value).
  explicit ConversationPlan(std::size_t budget, ConversationParams params = {}, ClaimBands bands = {});
  // The ranking reads this object's parameters: a copy would read the original's.
  ConversationPlan(const ConversationPlan&) = delete;
  ConversationPlan& operator=(const ConversationPlan&) = delete;

  /// Reads one chunk of rows (whole lines numbered from `firstLine`); returns the bad lines.
  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);

  /// The picked conversations, best first: {"rank","line","subject","value","channel","reason","parts","unknown"}.
  std::string ndjson() const;
  /// {"customers": rows read, "withValue": rows whose conversation is worth more than 0,
  ///  "picked", "pickedValue", "totalValue", "share": pickedValue / totalValue (0 when none)}.
  nlohmann::json summary() const;
  /// ndjson() and summary() together.
  RankedOutput output() const { return {ndjson(), summary()}; }
  std::size_t customers() const { return rows_.rows(); }

 private:
  ConversationParams params_;
  RankedRows rows_;
};

}  // namespace selfcrm::conversations
