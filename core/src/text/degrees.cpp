#include "selfcrm/text/degrees.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <numeric>

#include "selfcrm/error.hpp"
#include "selfcrm/text/analysis.hpp"

namespace selfcrm::text {
namespace {

int customerDegree(const Interaction& r, const DegreeContext& c) {
  const bool thread = !r.threadId.empty();
  if (r.isPublic && thread && r.participants >= 3) return 6;
  const bool asking = (c.cues & (CueQuestion | CueComplaint | CueChurnThreat)) != 0;
  if (r.replyExpected && !r.replyReceived && asking && (r.isPublic || c.followsUnanswered)) return 4;
  if (r.isPublic && thread) return 5;
  if (r.replyExpected || thread) return 3;
  if ((c.cues & CueComplaint) != 0 || c.compound <= -0.05) return 2;
  return 1;
}

int businessDegree(const Interaction& r, const DegreeContext& c) {
  const bool thread = !r.threadId.empty();
  if (r.isPublic && thread && r.participants >= 3) return r.replyReceived ? 6 : 5;
  if (r.isPublic && thread) return 4;
  if (thread) return 3;
  if (r.replyExpected || (c.cues & CueQuestion) != 0) return 2;
  return 1;
}

nlohmann::json sideJson(const std::array<std::size_t, 6>& counts) {
  const std::size_t total = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  nlohmann::json shares = nlohmann::json::array();
  for (std::size_t c : counts) shares.push_back(total == 0 ? 0.0 : static_cast<double>(c) / static_cast<double>(total));
  return {{"counts", counts}, {"shares", std::move(shares)}, {"n", total}};
}

}  // namespace

int classifyDegree(const Interaction& r, const DegreeContext& c) {
  return r.direction == Direction::CustomerToBusiness ? customerDegree(r, c) : businessDegree(r, c);
}

DegreeProfile classifyInteractions(const std::vector<Interaction>& interactions, const Lexicon& lexicon) {
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    if (interactions[i].participants < 1) {
      throw Error(ErrorCode::Range, pointerAppend(pointerAppend("", i), "participants"),
                  "an interaction has at least one participant");
    }
  }
  std::vector<std::size_t> order(interactions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return interactions[a].at < interactions[b].at; });

  DegreeProfile out;
  out.interactions.resize(interactions.size());
  std::map<std::string, bool> unansweredInThread;
  for (std::size_t i : order) {
    const Interaction& r = interactions[i];
    const TextAnalysis a = analyzeText(r.text, lexicon, false);
    DegreeContext c{a.cues, a.sentiment.compound, false};
    const bool customer = r.direction == Direction::CustomerToBusiness;
    if (!r.threadId.empty()) {
      auto it = unansweredInThread.find(r.threadId);
      c.followsUnanswered = customer && it != unansweredInThread.end() && it->second;
      // A business message in the thread answers whatever came before it.
      unansweredInThread[r.threadId] = customer ? (r.replyExpected && !r.replyReceived) : false;
    }
    InteractionDegree& d = out.interactions[i];
    d.index = i;
    d.side = customer ? DegreeSide::Customer : DegreeSide::Business;
    d.degree = classifyDegree(r, c);
    d.compound = a.sentiment.compound;
    d.cues = a.cues;
    (customer ? out.customer : out.business)[static_cast<std::size_t>(d.degree - 1)] += 1;
  }
  std::size_t n = 0, weighted = 0;
  for (std::size_t k = 0; k < 6; ++k) {
    n += out.customer[k];
    weighted += out.customer[k] * (k + 1);
  }
  out.hasSociability = n > 0;
  out.sociability = n == 0 ? 0.0 : (static_cast<double>(weighted) / static_cast<double>(n) - 1.0) / 5.0;
  return out;
}

void to_json(nlohmann::json& out, const DegreeProfile& p) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : p.interactions) {
    list.push_back({{"index", d.index},
                    {"side", d.side == DegreeSide::Customer ? "customer" : "business"},
                    {"degree", d.degree},
                    {"compound", d.compound},
                    {"cues", cueNames(d.cues)}});
  }
  out = {{"interactions", std::move(list)},
         {"customer", sideJson(p.customer)},
         {"business", sideJson(p.business)},
         {"sociability", p.hasSociability ? nlohmann::json(p.sociability) : nlohmann::json(nullptr)}};
}

}  // namespace selfcrm::text
