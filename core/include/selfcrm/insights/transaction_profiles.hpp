#pragma once
/// @file
/// Transaction lines as a company exports them (transaction_line.hpp: one {"customerId", "at",
/// "amount", "margin"} per line, in any order) turned into one profile per customer, so every
/// per-profile computation (scores, insights, segments) runs on a transaction export as it runs on
/// what customers shared.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/ndjson.hpp"

namespace selfcrm::insights {

struct TransactionProfiles {
  /// One bare profile per customer, in order of first appearance, one per line:
  /// {"id": customerId, "history": {"transactions": [{"id": "line-N", "at", "amount", "margin"}…]}}
  /// (a purchase's id names its input line, so a later reject can be traced back to it).
  std::string ndjson;
  /// The input line of each profile's first transaction.
  std::vector<std::size_t> firstLines;
  std::size_t linesUsed = 0;
  std::vector<LineReject> rejects;
};

/// Groups transaction lines by customerId (numbered from `firstLine`); bad lines become rejects.
TransactionProfiles profilesFromTransactions(std::string_view ndjson, std::size_t firstLine);

/// {"ndjson","firstLines","linesUsed","rejects"}.
void to_json(nlohmann::json& out, const TransactionProfiles& profiles);

}  // namespace selfcrm::insights
