// A score card as JSON text without building the card's JSON tree: batch scoring writes one card
// per profile, and the tree of the fields around the explanations cost as much as the scores.
// Keys go in nlohmann::json's order (sorted) and values as dump() writes them, explanations as
// the scores wrote them, so the text is byte for byte `nlohmann::json(card).dump()`
// (tests/native/score_card_text_test.cpp checks it).
#include "selfcrm/scores/score_card.hpp"

#include "selfcrm/json_text.hpp"

namespace selfcrm::scores {
namespace {
using Writer = JsonWriter;

template <class T>
void optional(Writer& w, const std::optional<T>& v) {
  if (v) {
    w.value(*v);
  } else {
    w.null();
  }
}

void write(Writer& w, const ClvScore& s) {
  const auto fitted = [&](double ProbabilisticClv::*field) {
    return s.bgnbd ? std::optional<double>((*s.bgnbd).*field) : std::nullopt;
  };
  w.open().key("bgnbd");
  optional(w, fitted(&ProbabilisticClv::value));
  w.key("expectedPurchases");
  optional(w, fitted(&ProbabilisticClv::expectedPurchases));
  w.key("expectedSpend");
  optional(w, fitted(&ProbabilisticClv::expectedSpend));
  w.key("explain").raw(s.explain.text);
  w.key("method").value(s.bgnbd ? repeatModelName(s.bgnbd->model) : s.simple ? "simple" : "none");
  w.key("probabilityAlive");
  optional(w, fitted(&ProbabilisticClv::probabilityAlive));
  w.key("simple");
  optional(w, s.simple ? std::optional<double>(s.simple->value) : std::nullopt);
  w.key("value").value(s.bgnbd ? s.bgnbd->value : s.simple ? s.simple->value : 0.0);
  w.close();
}

void write(Writer& w, const ReferralValue& v) {
  w.open().key("acquisitionSavedPart").value(v.acquisitionSavedPart);
  w.key("converted").value(v.converted).key("explain").raw(v.explain.text).key("marginPart").value(v.marginPart);
  w.key("referrals").value(v.referrals).key("value").value(v.value).close();
}

void write(Writer& w, const Engagement& e) {
  w.open().key("explain").raw(e.explain.text).key("interactions").value(e.interactions).key("value").value(e.value).close();
}

void write(Writer& w, const Influence& i) {
  w.open().key("amplification").value(i.amplification).key("engagementRate").value(i.engagementRate);
  w.key("explain").raw(i.explain.text).key("reach").value(i.reach).key("value").value(i.value).close();
}

void write(Writer& w, const CustomerNps& c) {
  w.open().key("category");
  if (c.category) {
    w.value(categoryName(*c.category));
  } else {
    w.null();
  }
  w.key("explain").raw(c.explain.text).key("referred").value(c.referrals > 0);
  w.key("silentAdvocate").value(c.silentAdvocate).key("value");
  optional(w, c.latestScore);
  w.close();
}

void write(Writer& w, const RfmScore& s) {
  w.open().key("explain").raw(s.explain.text).key("frequency").value(s.frequency).key("monetary").value(s.monetary);
  w.key("recencyDays").value(s.recencyDays);
  w.key("scores").open().key("f").value(s.f).key("m").value(s.m).key("r").value(s.r).close();
  w.key("segment").value(s.segment);
  w.key("value");
  if (s.hasPurchases) {
    const char code[] = {static_cast<char>('0' + s.r), static_cast<char>('0' + s.f), static_cast<char>('0' + s.m), '\0'};
    w.value(code);
  } else {
    w.null();
  }
  w.close();
}

}  // namespace

void appendScoreCard(std::string& out, const ScoreCard& c) {
  Writer w(out);
  w.open();
  write(w.key("clv"), c.clv);
  write(w.key("crv"), c.crv);
  write(w.key("engagement"), c.engagement);
  write(w.key("influence"), c.influence);
  write(w.key("nps"), c.nps);
  write(w.key("rfm"), c.rfm);
  w.close();
}

void appendScoreLine(std::string& out, const std::string& id, const ScoreCard& card) {
  Writer w(out);
  w.open().key("id").value(id);
  w.key("scores").valueBy([&](std::string& text) { appendScoreCard(text, card); });
  w.close();
}

}  // namespace selfcrm::scores
