#include "selfcrm/insights/transaction_profiles.hpp"
#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>

#include "selfcrm/error.hpp"
#include "selfcrm/profile.hpp"
#include "selfcrm/scores/transaction_line.hpp"
#include "selfcrm/vault/profile_json.hpp"

namespace selfcrm::insights {

TransactionProfiles profilesFromTransactions(std::string_view ndjson, std::size_t firstLine) {
  TransactionProfiles out;
  std::vector<Profile> profiles;
  std::unordered_map<std::string, std::size_t> index;
  forEachLine(ndjson, firstLine, [&](std::size_t lineNo, std::string_view line) {
    scores::TransactionLine t;
    try {
      t = scores::parseTransactionLine(line);
    } catch (const Error& e) {
      out.rejects.push_back({lineNo, e.code(), e.path(), e.what()});
      return;
    }
    auto [it, added] = index.try_emplace(t.customerId, profiles.size());
    if (added) {
      profiles.emplace_back().id = t.customerId;
      out.firstLines.push_back(lineNo);
    }
    Transaction record;
    record.id = "line-" + std::to_string(lineNo);
    record.at = t.at;
    record.amount = t.amount;
    record.margin = t.margin;
    profiles[it->second].history.transactions.push_back(std::move(record));
    ++out.linesUsed;
  });
  for (const Profile& profile : profiles) {
    out.ndjson += profileToJson(profile).dump();
    out.ndjson += '\n';
  }
  return out;
}

void to_json(nlohmann::json& out, const TransactionProfiles& profiles) {
  out = {{"ndjson", profiles.ndjson},
         {"firstLines", profiles.firstLines},
         {"linesUsed", profiles.linesUsed},
         {"rejects", profiles.rejects}};
}

}  // namespace selfcrm::insights
