// Merge proposals: identifiers linked by evidence, clustered with union-find under the customer's
// "never merge" decisions, strongest evidence first.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/identity_match.hpp"
#include "vault/identity_match_read.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

// How much each kind of evidence says two identifiers are one person's. A platform profile or a
// contact card lists one person's identifiers (shared family addresses are the exception the
// customer's "never" is for); a provider's own addressing rule is near-certain; one handle on two
// networks is common but not proof (short ones collide), nor is a name with a full birthdate.
constexpr double kConfirmed = 1.0;
constexpr double kProviderRule = 0.95;
constexpr double kSameRecord = 0.9;
constexpr double kNameBirthdate = 0.85;
constexpr double kSameHandle = 0.6;
constexpr double kShortHandle = 0.3;
constexpr std::size_t kDistinctiveHandle = 6;
/// The identities of the record with this id are the vault's own: one person already.
constexpr const char* kVaultRecord = "vault";

struct Edge {
  std::size_t u, v;
  MatchEvidence evidence;
};

bool edgeBefore(const Edge& x, const Edge& y) {
  return std::make_tuple(-x.evidence.weight, x.evidence.rule, x.evidence.a, x.evidence.b) <
         std::make_tuple(-y.evidence.weight, y.evidence.rule, y.evidence.a, y.evidence.b);
}

class Components {
 public:
  explicit Components(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent_[std::max(a, b)] = std::min(a, b); }

 private:
  std::vector<std::size_t> parent_;
};

bool isFullDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}

// A name as compared: ASCII-lowercased, runs of spaces as one.
std::string nameKey(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<MergeProposal> proposeMerges(const std::vector<MatchRecord>& records,
                                         const std::vector<IdentityDecision>& decisions, double threshold) {
  std::vector<detail::MatchIdentity> nodes;
  std::map<std::string, std::size_t> byLabel;
  std::vector<std::set<std::string>> recordsOf;
  std::vector<std::vector<std::size_t>> members(records.size());
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (std::size_t i = 0; i < records[r].identities.size(); ++i) {
      const std::string path = "/records/" + std::to_string(r) + "/identities/" + std::to_string(i) + "/value";
      detail::MatchIdentity m = detail::matchIdentity(records[r].identities[i], path);
      auto [it, added] = byLabel.emplace(m.label, nodes.size());
      if (added) {
        nodes.push_back(std::move(m));
        recordsOf.emplace_back();
      }
      recordsOf[it->second].insert(records[r].id);
      if (std::find(members[r].begin(), members[r].end(), it->second) == members[r].end()) members[r].push_back(it->second);
    }
  }
  std::vector<Edge> edges;
  const auto link = [&](std::size_t u, std::size_t v, const char* rule, double weight, std::string detail) {
    if (u == v) return;
    const std::string& a = std::min(nodes[u].label, nodes[v].label);
    const std::string& b = std::max(nodes[u].label, nodes[v].label);
    edges.push_back({u, v, {rule, a, b, weight, std::move(detail)}});
  };
  for (std::size_t r = 0; r < records.size(); ++r) {
    const bool vault = records[r].id == kVaultRecord;
    for (std::size_t k = 1; k < members[r].size(); ++k) {
      link(members[r][0], members[r][k], vault ? "in-vault" : "same-record", vault ? kConfirmed : kSameRecord,
           "both in " + records[r].id);
    }
  }
  std::map<std::string, std::vector<std::size_t>> byKey;
  std::map<std::string, std::vector<std::size_t>> byHandle;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    byKey[nodes[n].key].push_back(n);
    if (nodes[n].kind != IdentityKind::Email && nodes[n].kind != IdentityKind::Phone) byHandle[nodes[n].normalized].push_back(n);
  }
  for (const auto& [key, group] : byKey) {
    for (std::size_t k = 1; k < group.size(); ++k) {
      link(group[0], group[k], "provider-rule", kProviderRule, "one mailbox under its provider's addressing rule: " + key);
    }
  }
  for (const auto& [handle, group] : byHandle) {
    const double weight = handle.size() >= kDistinctiveHandle ? kSameHandle : kShortHandle;
    for (std::size_t k = 1; k < group.size(); ++k) {
      link(group[0], group[k], "same-handle", weight, "the handle \"" + handle + "\" on two networks");
    }
  }
  std::map<std::string, std::size_t> firstWithNameDate;
  for (std::size_t r = 0; r < records.size(); ++r) {
    if (members[r].empty() || records[r].name.empty() || !isFullDate(records[r].birthdate)) continue;
    const std::string key = nameKey(records[r].name) + "|" + records[r].birthdate;
    const auto [it, first] = firstWithNameDate.emplace(key, r);
    if (!first) {
      link(members[it->second][0], members[r][0], "name-birthdate", kNameBirthdate,
           "the same name and birthdate in " + records[it->second].id + " and " + records[r].id);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> never;
  for (const auto& d : decisions) {
    const auto a = byLabel.find(d.a);
    const auto b = byLabel.find(d.b);
    if (a == byLabel.end() || b == byLabel.end()) continue;
    if (d.decision == LinkDecision::Never) {
      never.emplace_back(a->second, b->second);
    } else {
      link(a->second, b->second, "confirmed", kConfirmed, "the customer confirmed these are one person's");
    }
  }
  std::sort(edges.begin(), edges.end(), edgeBefore);

  Components c(nodes.size());
  // used: evidence shown; joined: the links that made the cluster (its score, and whether the
  // customer has anything left to confirm).
  std::vector<bool> used(edges.size(), false);
  std::vector<bool> joined(edges.size(), false);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (edges[e].evidence.weight < threshold) continue;
    const std::size_t ru = c.find(edges[e].u);
    const std::size_t rv = c.find(edges[e].v);
    if (ru == rv) {
      used[e] = true;  // supporting evidence inside one cluster
      continue;
    }
    bool blocked = false;
    for (const auto& [a, b] : never) {
      const std::size_t fa = c.find(a);
      const std::size_t fb = c.find(b);
      blocked = blocked || (fa == ru && fb == rv) || (fa == rv && fb == ru);
    }
    if (blocked) continue;
    c.join(ru, rv);
    used[e] = joined[e] = true;
  }
  std::map<std::size_t, MergeProposal> byRoot;
  std::map<std::size_t, bool> open;  // a cluster holding a link the customer has not confirmed
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    MergeProposal& p = byRoot[c.find(n)];
    p.identities.push_back(nodes[n].label);
    for (const auto& r : recordsOf[n]) p.records.push_back(r);
  }
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (!used[e]) continue;
    const std::size_t root = c.find(edges[e].u);
    MergeProposal& p = byRoot[root];
    if (joined[e] && edges[e].evidence.weight < kConfirmed) {
      open[root] = true;
      p.score = p.score == 0 ? edges[e].evidence.weight : std::min(p.score, edges[e].evidence.weight);
    }
    p.evidence.push_back(edges[e].evidence);
  }
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (recordsOf[n].size() < 2) continue;
    std::string where;
    for (const auto& r : recordsOf[n]) where += (where.empty() ? "" : ", ") + r;
    byRoot[c.find(n)].evidence.push_back({"shared-identifier", nodes[n].label, nodes[n].label, kConfirmed, "listed in " + where});
  }
  std::vector<MergeProposal> out;
  for (auto& [root, p] : byRoot) {
    if (p.identities.size() < 2 || !open[root]) continue;
    std::sort(p.identities.begin(), p.identities.end());
    std::sort(p.records.begin(), p.records.end());
    p.records.erase(std::unique(p.records.begin(), p.records.end()), p.records.end());
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const MergeProposal& a, const MergeProposal& b) { return a.identities < b.identities; });
  return out;
}

json toJson(const MergeProposal& p) {
  json evidence = json::array();
  for (const auto& e : p.evidence) {
    evidence.push_back({{"rule", e.rule}, {"a", e.a}, {"b", e.b}, {"weight", e.weight}, {"detail", e.detail}});
  }
  return {{"identities", p.identities}, {"records", p.records}, {"score", p.score}, {"evidence", evidence}};
}

json proposeMergesJson(const json& input) {
  JsonTape tape;
  tape.assign(input);
  return proposeMergesTape(tape.root());
}

json proposeMergesTape(const JsonView& input) {
  const detail::MatchInput in = detail::readMatchInput(input, false);
  json out = json::array();
  for (const auto& p : proposeMerges(in.records, in.decisions, in.threshold)) out.push_back(toJson(p));
  return out;
}

}  // namespace selfcrm
