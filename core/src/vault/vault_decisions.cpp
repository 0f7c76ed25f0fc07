// The customer's "same person" / "never merge" answers, kept in the vault document so that later
// imports and merges of other copies respect them.
#include <algorithm>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/identity_match.hpp"
#include "selfcrm/vault/vault.hpp"
#include "vault/identity_match_read.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"

namespace selfcrm {

bool Vault::decideIdentities(const nlohmann::json& request, Timestamp now) {
  if (now < fromCivil(1000, 1, 1) || now >= fromCivil(10000, 1, 1)) {
    throw Error(ErrorCode::Range, "", "the current time is outside the years 1000–9999");
  }
  detail::requireObject(request, "");
  for (const auto& item : request.items()) {
    if (item.key() != "a" && item.key() != "b" && item.key() != "decision") {
      throw Error(ErrorCode::Schema, pointerAppend("", item.key()), "unknown field \"" + item.key() + "\"");
    }
  }
  const auto label = [&](const char* side) {
    if (!request.contains(side)) throw Error(ErrorCode::Schema, std::string("/") + side, "missing identity");
    const Identity id = detail::readIdentityKey(request.at(side), std::string("/") + side);
    return identityLabel(id.kind, id.value, id.network, std::string("/") + side + "/value");
  };
  IdentityDecisionEntry entry;
  entry.a = label("a");
  entry.b = label("b");
  if (entry.a == entry.b) throw Error(ErrorCode::Range, "/b", "a decision is about two different identities");
  if (entry.b < entry.a) std::swap(entry.a, entry.b);
  if (!request.contains("decision") || !request.at("decision").is_string()) {
    throw Error(ErrorCode::Schema, "/decision", "expected \"same\" or \"never\"");
  }
  entry.decision = request.at("decision").get<std::string>();
  if (entry.decision != "same" && entry.decision != "never") throw Error(ErrorCode::Range, "/decision", "expected \"same\" or \"never\"");
  entry.at = now;

  auto& list = doc_.identityDecisions;
  const auto at = std::lower_bound(list.begin(), list.end(), entry, detail::decisionBefore);
  const bool samePair = at != list.end() && detail::decisionKey(*at) == detail::decisionKey(entry);
  if (samePair && at->decision == entry.decision) return false;
  doc_.journal.reserve(doc_.journal.size() + 1);
  const std::string detail = entry.decision == "same" ? "the customer says " + entry.a + " and " + entry.b + " are one person's"
                                                      : "the customer says never to merge " + entry.a + " with " + entry.b;
  if (samePair) {
    *at = entry;
  } else {
    list.insert(at, entry);
  }
  journal(now, "identity.decide", entry.a, detail);
  return true;
}

}  // namespace selfcrm
