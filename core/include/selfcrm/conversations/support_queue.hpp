#pragma once
/// @file
/// `selfcrm export support`: the customers whose shared feedback needs an answer, most urgent
/// first, each with the points that put it there. Points (README "Support queue"):
///   latest message's degree: social pressure 40 (asked or complained, publicly or again, no
///   answer), venting 30 (a complaint wanting acknowledgment), skewed 15 (a reply expected),
///   objective or community 5, monologue 0;
///   churn-threat cue 30; open complaint 20; negative tone: 20 × −sentiment (a "negative" label: 10);
///   and, to order customers with the same feedback, lifetime value: high 6, medium 3.
/// A customer with no feedback points is not queued. Priority: urgent ≥ 40, high ≥ 20, else normal.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/conversations/conversation_value.hpp"
#include "selfcrm/conversations/ranked_rows.hpp"

namespace selfcrm::conversations {

struct SupportEntry {
  double points = 0;      ///< 0: nothing to answer
  std::string priority;   ///< urgent, high, normal
  std::string why;        ///< each point's cause, largest first
  std::string channel;    ///< where to answer (the conversation model's channel choice)
};

/// The support entry of one customer. Pure.
SupportEntry supportEntry(const CustomerClaims& c, const ConversationParams& p = {});

class SupportQueue {
 public:
  /// `limit`: entries to keep (0: all).
  explicit SupportQueue(std::size_t limit = 0, ConversationParams params = {}, ClaimBands bands = {});
  SupportQueue(const SupportQueue&) = delete;
  SupportQueue& operator=(const SupportQueue&) = delete;

  std::vector<LineReject> addNdjson(std::string_view text, std::size_t firstLine);
  /// {"position","line","subject","priority","points","why","channel"} per queued customer, most urgent first.
  std::string ndjson() const;
  /// {"customers": rows read, "queued": rows with feedback points, "kept"}.
  nlohmann::json summary() const;
  std::size_t customers() const { return rows_.rows(); }
  /// ndjson() and summary() together.
  RankedOutput output() const { return {ndjson(), summary()}; }

 private:
  ConversationParams params_;
  RankedRows rows_;
};

}  // namespace selfcrm::conversations
