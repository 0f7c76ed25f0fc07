// A score card as JSON text without building the card's JSON tree: batch scoring writes one card
// per profile, and the tree of the fields around the explanations cost as much as the scores.
// Keys go in nlohmann::json's order (sorted) and values through appendJson, so the text is
// byte for byte `nlohmann::json(card).dump()` (tests/native/score_card_text_test.cpp checks it).
#include "selfcrm/scores/score_card.hpp"

#include "selfcrm/json_text.hpp"

namespace selfcrm::scores {
namespace {
using nlohmann::json;

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  Writer& open() {
    out_ += '{';
    first_ = true;
    return *this;
  }
  Writer& close() {
    out_ += '}';
    first_ = false;
    return *this;
  }
  /// `key` is a plain identifier: no escaping needed.
  Writer& key(const char* key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
    return *this;
  }
  Writer& value(const json& v) {
    appendJson(out_, v);
    return *this;
  }
  template <class T>
  Writer& optional(const std::optional<T>& v) {
    return v ? value(json(*v)) : value(json(nullptr));
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void write(Writer& w, const ClvScore& s) {
  w.open().key("bgnbd").value(s.bgnbd ? json(s.bgnbd->value) : json(nullptr));
  w.key("expectedPurchases").value(s.bgnbd ? json(s.bgnbd->expectedPurchases) : json(nullptr));
  w.key("expectedSpend").value(s.bgnbd ? json(s.bgnbd->expectedSpend) : json(nullptr));
  w.key("explain").value(s.explain);
  w.key("method").value(s.bgnbd ? "bgnbd" : s.simple ? "simple" : "none");
  w.key("probabilityAlive").value(s.bgnbd ? json(s.bgnbd->probabilityAlive) : json(nullptr));
  w.key("simple").value(s.simple ? json(s.simple->value) : json(nullptr));
  w.key("value").value(s.bgnbd ? s.bgnbd->value : s.simple ? s.simple->value : 0.0);
  w.close();
}

void write(Writer& w, const ReferralValue& v) {
  w.open().key("acquisitionSavedPart").value(v.acquisitionSavedPart);
  w.key("converted").value(v.converted).key("explain").value(v.explain).key("marginPart").value(v.marginPart);
  w.key("referrals").value(v.referrals).key("value").value(v.value).close();
}

void write(Writer& w, const Engagement& e) {
  w.open().key("explain").value(e.explain).key("interactions").value(e.interactions).key("value").value(e.value).close();
}

void write(Writer& w, const Influence& i) {
  w.open().key("amplification").value(i.amplification).key("engagementRate").value(i.engagementRate);
  w.key("explain").value(i.explain).key("reach").value(i.reach).key("value").value(i.value).close();
}

void write(Writer& w, const CustomerNps& c) {
  w.open().key("category").value(c.category ? json(categoryName(*c.category)) : json(nullptr));
  w.key("explain").value(c.explain).key("referred").value(c.referrals > 0);
  w.key("silentAdvocate").value(c.silentAdvocate).key("value").optional(c.latestScore).close();
}

void write(Writer& w, const RfmScore& s) {
  w.open().key("explain").value(s.explain).key("frequency").value(s.frequency).key("monetary").value(s.monetary);
  w.key("recencyDays").value(s.recencyDays);
  w.key("scores").open().key("f").value(s.f).key("m").value(s.m).key("r").value(s.r).close();
  w.key("segment").value(s.segment);
  w.key("value").value(s.hasPurchases ? json(std::to_string(s.r) + std::to_string(s.f) + std::to_string(s.m))
                                      : json(nullptr));
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
  w.key("scores");
  appendScoreCard(out, card);
  w.close();
}

}  // namespace selfcrm::scores
