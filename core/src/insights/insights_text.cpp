// Insights as JSON text, byte for byte `nlohmann::json(insights).dump()`: a full result line is
// written per profile, and building the trees of its feedback, persona and segments only to write
// them out cost more than computing them (most of all in wasm, where each node is a malloc and a
// free). Keys go in nlohmann's (sorted) order; tests/native/insights_test.cpp compares the two.
#include <numeric>

#include "selfcrm/insights/insights.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/text/cues.hpp"

namespace selfcrm::insights {
namespace {

void write(JsonWriter& w, const std::vector<segments::Reason>& because) {
  w.openArray();
  for (const auto& r : because) w.open().key("at").value(r.at).key("condition").value(r.text).close();
  w.closeArray();
}

void write(JsonWriter& w, const segments::PersonaMatch& m) {
  w.open().key("because");
  write(w, m.because);
  w.key("description").value(m.description).key("name").value(m.name).key("priority").value(m.priority);
  if (!m.tier.empty()) w.key("tier").value(m.tier);
  if (!m.useCase.empty()) w.key("useCase").value(m.useCase);
  w.close();
}

void write(JsonWriter& w, const segments::PersonaAssignment& a) {
  w.open().key("matches").openArray();
  for (const auto& m : a.matches) write(w, m);
  w.closeArray().key("persona");
  if (a.persona) {
    write(w, *a.persona);
  } else {
    w.null();
  }
  w.close();
}

void write(JsonWriter& w, const segments::SegmentResult& result) {
  w.open().key("plans").openArray();
  for (const auto& plan : result.plans) {
    w.open().key("name").value(plan.plan).key("points").value(plan.points).key("rules").openArray();
    for (const auto& rule : plan.rules) {
      w.open().key("at").value(rule.at).key("matches").value(rule.matches).key("points").value(rule.points);
      w.key("rule").value(rule.rule).close();
    }
    w.closeArray().key("segments").array(plan.segments).close();
  }
  w.closeArray().key("segments").openArray();
  for (const auto& m : result.segments) {
    w.open().key("because");
    write(w, m.because);
    w.key("name").value(m.segment).close();
  }
  w.closeArray().close();
}

void writeSide(JsonWriter& w, const std::array<std::size_t, 6>& counts) {
  const std::size_t total = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  w.open().key("counts").array(counts).key("n").value(total).key("shares").openArray();
  for (const std::size_t c : counts) w.value(total == 0 ? 0.0 : static_cast<double>(c) / static_cast<double>(total));
  w.closeArray().close();
}

void writeSociability(JsonWriter& w, const text::DegreeProfile& p) {
  w.key("sociability");
  if (p.hasSociability) {
    w.value(p.sociability);
  } else {
    w.null();
  }
}

void write(JsonWriter& w, const text::DegreeProfile& p) {
  w.open().key("business");
  writeSide(w, p.business);
  w.key("customer");
  writeSide(w, p.customer);
  w.key("interactions").openArray();
  for (const auto& d : p.interactions) {
    w.open().key("compound").value(d.compound).key("cues").openArray();
    for (std::uint32_t bit = 0; bit < text::kCueCount; ++bit) {
      if (d.cues & (1u << bit)) w.value(text::cueName(bit));
    }
    w.closeArray().key("degree").value(d.degree).key("index").value(d.index);
    w.key("side").value(d.side == text::DegreeSide::Customer ? "customer" : "business").close();
  }
  w.closeArray();
  writeSociability(w, p);
  w.close();
}

void write(JsonWriter& w, const Feedback& f) {
  w.open().key("degrees");
  write(w, f.degrees);
  w.key("intents").open();
  for (const auto& [name, count] : f.intents) w.anyKey(name).value(count);
  w.close().key("sentiment").open().key("mean").value(f.sentiment.mean).key("texts").value(f.sentiment.texts);
  w.key("trend").value(f.sentiment.trend).close();
  writeSociability(w, f.degrees);
  w.close();
}

}  // namespace

void appendInsights(std::string& out, const ProfileInsights& in) {
  JsonWriter w(out);
  w.open().key("feedback");
  write(w, in.feedback);
  w.key("id").value(in.facts.value("id", "")).key("persona");
  write(w, in.persona);
  w.key("scores").valueBy([&](std::string& text) { scores::appendScoreCard(text, in.scores); });
  w.key("segments");
  write(w, in.segments);
  w.close();
}

}  // namespace selfcrm::insights
