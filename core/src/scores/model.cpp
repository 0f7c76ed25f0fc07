#include "selfcrm/scores/model.hpp"

#include <cmath>
#include <functional>
#include <map>

#include "selfcrm/error.hpp"
#include "selfcrm/json_tape.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {
namespace {

using json = nlohmann::json;

/// Reads the members of one JSON object: each known key has a reader; any other key is an error.
void readObject(const json& j, const std::string& path,
                const std::map<std::string, std::function<void(const json&, const std::string&)>>& readers) {
  if (!j.is_object()) throw Error(ErrorCode::Schema, path, "expected an object");
  for (const auto& [key, value] : j.items()) {
    auto reader = readers.find(key);
    const std::string at = pointerAppend(path, key);
    if (reader == readers.end()) throw Error(ErrorCode::Schema, at, "unknown field \"" + key + "\"");
    reader->second(value, at);
  }
}

double number(const json& j, const std::string& path, double lo, double hi, bool openLow = false) {
  if (!j.is_number()) throw Error(ErrorCode::Schema, path, "expected a number");
  double v = j.get<double>();
  if (!(v <= hi) || !(openLow ? v > lo : v >= lo)) {
    throw Error(ErrorCode::Range, path, "must lie in " + std::string(openLow ? "(" : "[") + json(lo).dump() + ", " +
                                            json(hi).dump() + "]");
  }
  return v;
}

auto into(double& target, double lo, double hi, bool openLow = false) {
  return [&target, lo, hi, openLow](const json& j, const std::string& p) { target = number(j, p, lo, hi, openLow); };
}

Quintiles quintiles(const json& j, const std::string& path) {
  if (!j.is_array() || j.size() != 4) throw Error(ErrorCode::Schema, path, "expected 4 ascending cut points");
  Quintiles q{};
  for (std::size_t i = 0; i < 4; ++i) {
    q[i] = number(j[i], pointerAppend(path, i), -1e300, 1e300);
    if (i > 0 && q[i] < q[i - 1]) throw Error(ErrorCode::Range, pointerAppend(path, i), "cut points must not decrease");
  }
  return q;
}

constexpr double kBig = 1e300;

void bgNbdInto(std::optional<BgNbdParams>& target, const json& j, const std::string& p) {
  if (j.is_null()) return target.reset();
  BgNbdParams b;
  readObject(j, p, {{"r", into(b.r, 0, kBig, true)}, {"alpha", into(b.alpha, 0, kBig, true)},
                    {"a", into(b.a, 0, kBig, true)}, {"b", into(b.b, 0, kBig, true)}});
  validate(b, p);
  target = b;
}

}  // namespace

Model Model::defaults() { return Model{}; }

double Model::periodDiscountRate() const {
  return math::pow(1.0 + clv.annualDiscountRate, periodDays / 365.25) - 1.0;
}

std::optional<std::vector<double>> Model::repeatParams() const {
  switch (repeatModel) {
    case RepeatModel::BgNbd:
      if (bgnbd) return std::vector<double>{bgnbd->r, bgnbd->alpha, bgnbd->a, bgnbd->b};
      break;
    case RepeatModel::ModifiedBgNbd:
      if (modifiedBgnbd) return std::vector<double>{modifiedBgnbd->r, modifiedBgnbd->alpha, modifiedBgnbd->a, modifiedBgnbd->b};
      break;
    case RepeatModel::ParetoNbd:
      if (paretoNbd) return std::vector<double>{paretoNbd->r, paretoNbd->alpha, paretoNbd->s, paretoNbd->beta};
      break;
  }
  return std::nullopt;
}

Model Model::fromJson(const json& doc) {
  if (!doc.is_object()) throw Error(ErrorCode::Schema, "", "a model must be a JSON object");
  auto version = doc.find("schemaVersion");
  if (version == doc.end()) throw Error(ErrorCode::Schema, "/schemaVersion", "schemaVersion is required");
  if (!version->is_number_integer()) throw Error(ErrorCode::Schema, "/schemaVersion", "schemaVersion must be an integer");
  if (version->get<std::int64_t>() > kSchemaVersion) {
    throw Error(ErrorCode::Version, "/schemaVersion", "this model needs a newer SelfCRM (schema " + version->dump() + ")");
  }
  if (version->get<std::int64_t>() < 1) throw Error(ErrorCode::Range, "/schemaVersion", "schemaVersion starts at 1");
  Model m;
  readObject(doc, "", {
    {"schemaVersion", [](const json&, const std::string&) {}},
    {"periodDays", into(m.periodDays, 0, 3660, true)},
    {"rfm", [&](const json& j, const std::string& p) {
       readObject(j, p, {
         {"monetary", [&](const json& v, const std::string& q) {
            if (v == "mean") m.rfm.monetary = MonetaryKind::Mean;
            else if (v == "total") m.rfm.monetary = MonetaryKind::Total;
            else throw Error(ErrorCode::Schema, q, "monetary must be \"mean\" or \"total\"");
          }},
         {"recencyDays", [&](const json& v, const std::string& q) { m.rfm.recencyDays = quintiles(v, q); }},
         {"frequency", [&](const json& v, const std::string& q) { m.rfm.frequency = quintiles(v, q); }},
         {"monetaryValue", [&](const json& v, const std::string& q) { m.rfm.monetaryValue = quintiles(v, q); }},
       });
     }},
    {"clv", [&](const json& j, const std::string& p) {
       readObject(j, p, {
         {"horizonPeriods", into(m.clv.horizonPeriods, 0, 10000)},
         {"annualDiscountRate", into(m.clv.annualDiscountRate, 0, 10)},
         {"marginRate", into(m.clv.marginRate, 0, 1)},
         {"retentionPerPeriod", into(m.clv.retentionPerPeriod, 0, 1)},
       });
       if (m.clv.horizonPeriods != math::floor(m.clv.horizonPeriods)) {
         throw Error(ErrorCode::Range, p + "/horizonPeriods", "horizonPeriods must be a whole number");
       }
     }},
    {"bgnbd", [&](const json& j, const std::string& p) { bgNbdInto(m.bgnbd, j, p); }},
    {"modifiedBgnbd", [&](const json& j, const std::string& p) { bgNbdInto(m.modifiedBgnbd, j, p); }},
    {"paretoNbd", [&](const json& j, const std::string& p) {
       if (j.is_null()) return m.paretoNbd.reset();
       ParetoNbdParams q;
       readObject(j, p, {{"r", into(q.r, 0, kBig, true)}, {"alpha", into(q.alpha, 0, kBig, true)},
                         {"s", into(q.s, 0, kBig, true)}, {"beta", into(q.beta, 0, kBig, true)}});
       validate(q, p);
       m.paretoNbd = q;
     }},
    {"repeatModel", [&](const json& j, const std::string& p) {
       if (!j.is_string()) throw Error(ErrorCode::Schema, p, "repeatModel must be a string");
       m.repeatModel = parseRepeatModel(j.get<std::string>(), p);
     }},
    {"gammaGamma", [&](const json& j, const std::string& p) {
       if (j.is_null()) return m.gammaGamma.reset();
       GammaGammaParams g;
       readObject(j, p, {{"p", into(g.p, 0, kBig, true)}, {"q", into(g.q, 1, kBig, true)},
                         {"gamma", into(g.gamma, 0, kBig, true)}});
       validate(g, p);
       m.gammaGamma = g;
     }},
    {"referral", [&](const json& j, const std::string& p) {
       readObject(j, p, {{"wouldHaveComeAnyway", into(m.referral.wouldHaveComeAnyway, 0, 1)},
                         {"acquisitionCost", into(m.referral.acquisitionCost, 0, kBig)}});
     }},
    {"influence", [&](const json& j, const std::string& p) {
       auto& f = m.influence;
       readObject(j, p, {{"reachScale", into(f.reachScale, 1, kBig)},
                         {"amplificationHalf", into(f.amplificationHalf, 0, kBig, true)},
                         {"engagementHalf", into(f.engagementHalf, 0, kBig, true)},
                         {"reachWeight", into(f.reachWeight, 0, 1)},
                         {"amplificationWeight", into(f.amplificationWeight, 0, 1)},
                         {"engagementWeight", into(f.engagementWeight, 0, 1)}});
       if (std::fabs(f.reachWeight + f.amplificationWeight + f.engagementWeight - 1.0) > 1e-9) {
         throw Error(ErrorCode::Range, p, "influence weights must sum to 1");
       }
     }},
    {"engagement", [&](const json& j, const std::string& p) {
       readObject(j, p, {{"halfLifeDays", into(m.engagementHalfLifeDays, 0, kBig, true)}});
     }},
    {"fit", [&](const json& j, const std::string&) { m.fit = j; }},
  });
  return m;
}

Model Model::parse(const std::string& text) {
  return fromJson(parseJson(text, "the model"));
}

void to_json(nlohmann::json& out, const Model& m) {
  out = json::object();
  out["schemaVersion"] = Model::kSchemaVersion;
  out["periodDays"] = m.periodDays;
  out["rfm"] = {{"monetary", m.rfm.monetary == MonetaryKind::Mean ? "mean" : "total"},
                {"recencyDays", m.rfm.recencyDays},
                {"frequency", m.rfm.frequency},
                {"monetaryValue", m.rfm.monetaryValue}};
  out["clv"] = {{"horizonPeriods", m.clv.horizonPeriods},
                {"annualDiscountRate", m.clv.annualDiscountRate},
                {"marginRate", m.clv.marginRate},
                {"retentionPerPeriod", m.clv.retentionPerPeriod}};
  out["bgnbd"] = m.bgnbd ? json(*m.bgnbd) : json(nullptr);
  out["gammaGamma"] = m.gammaGamma ? json(*m.gammaGamma) : json(nullptr);
  if (m.repeatModel != RepeatModel::BgNbd) out["repeatModel"] = repeatModelName(m.repeatModel);
  if (m.modifiedBgnbd) out["modifiedBgnbd"] = *m.modifiedBgnbd;
  if (m.paretoNbd) out["paretoNbd"] = *m.paretoNbd;
  out["referral"] = {{"wouldHaveComeAnyway", m.referral.wouldHaveComeAnyway},
                     {"acquisitionCost", m.referral.acquisitionCost}};
  const auto& f = m.influence;
  out["influence"] = {{"reachScale", f.reachScale},         {"amplificationHalf", f.amplificationHalf},
                      {"engagementHalf", f.engagementHalf}, {"reachWeight", f.reachWeight},
                      {"amplificationWeight", f.amplificationWeight}, {"engagementWeight", f.engagementWeight}};
  out["engagement"] = {{"halfLifeDays", m.engagementHalfLifeDays}};
  out["fit"] = m.fit;
}

}  // namespace selfcrm::scores
