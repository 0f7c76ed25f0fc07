// Bit-identity of every numeric output of the scores area: the portable math over a spread of
// arguments, BG/NBD and Gamma-Gamma likelihoods, fits and predictions, and whole score cards.
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "transaction_lines.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/math/random.hpp"
#include "selfcrm/scores/fit_profiles.hpp"
#include "selfcrm/scores/predict.hpp"
#include "selfcrm/scores/score_card.hpp"
#include "selfcrm/scores/simulate.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;
using nlohmann::json;
using golden::transactionLines;

namespace {
const BgNbdParams kBg{0.243, 4.414, 0.793, 2.426};
const GammaGammaParams kGg{6.25, 3.74, 15.44};

/// Arguments spread over many binades, drawn from the portable generator.
std::vector<double> spread(std::size_t n, double lo, double hi, std::uint64_t seed) {
  math::Random rng(seed);
  std::vector<double> out(n);
  for (auto& x : out) x = lo + (hi - lo) * rng.uniform();
  return out;
}

}  // namespace

SELFCRM_GOLDEN("scores/math-log-exp") {
  return guarded([] {
    json out = json::array();
    for (double x : spread(400, -40, 40, 1)) out.push_back({math::exp(x), math::log(math::exp(x) + 1e-3)});
    for (double x : spread(100, -740, 705, 2)) out.push_back(math::exp(x));
    return out;
  });
}
SELFCRM_GOLDEN("scores/math-lgamma-pow") {
  return guarded([] {
    json out = json::array();
    for (double x : spread(300, 1e-6, 60, 3)) out.push_back({math::lgamma(x), math::pow(x, 2.243)});
    for (double x : spread(50, 60, 1e6, 4)) out.push_back(math::lgamma(x));
    return out;
  });
}
SELFCRM_GOLDEN("scores/math-hyp2f1") {
  return guarded([] {
    json out = json::array();
    const auto z = spread(100, 0, 0.95, 5);
    for (std::size_t i = 0; i < z.size(); ++i) out.push_back(math::hyp2f1(0.243 + i % 7, 2.426 + i % 5, 2.219 + i % 9, z[i]));
    return out;
  });
}
SELFCRM_GOLDEN("scores/bgnbd-likelihood-predictions") {
  return guarded([] {
    const auto sim = simulateCustomers(kBg, kGg, 300, 26, 78, 6);
    json out = {{"sumLogLikelihood", bgnbdLogLikelihood(kBg, sim)}};
    for (std::size_t i = 0; i < 60; ++i) {
      const auto& c = sim[i];
      json row = {bgnbdLogLikelihood(kBg, c), probabilityAlive(kBg, c), expectedPurchases(kBg, c, 39)};
      if (c.frequency > 0) row.push_back({gammaGammaLogLikelihood(kGg, c.frequency, c.monetary), expectedSpend(kGg, c.frequency, c.monetary)});
      out["customers"].push_back(row);
    }
    out["newCustomer"] = expectedPurchasesNewCustomer(kBg, 52);
    return out;
  });
}
SELFCRM_GOLDEN("scores/bgnbd-gammagamma-fit") {
  return guarded([] {
    const auto sim = simulateCustomers(kBg, kGg, 2000, 26, 78, 7);
    return json{{"bgnbd", fitBgNbd(sim)}, {"gammaGamma", fitGammaGamma(sim)}};
  });
}
SELFCRM_GOLDEN("scores/fit-model-ndjson") {
  return guarded([] {
    FitOptions options;
    options.asOf = fromCivil(2025, 1, 1);
    return fitModel(transactionLines(400, 8) + "bad line\n", options);
  });
}
SELFCRM_GOLDEN("scores/rfm-summary-ndjson") {
  return guarded([] { return rfmSummary(transactionLines(200, 9), fromCivil(2025, 1, 1), MonetaryKind::Mean); });
}
SELFCRM_GOLDEN("scores/score-card") {
  return guarded([] {
    Model model = Model::defaults();
    model.bgnbd = kBg;
    model.gammaGamma = kGg;
    Profile p;
    p.id = "p1";
    const Timestamp t0 = fromCivil(2024, 1, 3) + 4000;
    for (int k = 0; k < 9; ++k) {
      Transaction t;
      t.at = t0 + k * 11 * kSecondsPerDay + k * 977;
      t.amount = 12.5 + 3.1 * k;
      t.margin = 0.3 * t.amount;
      p.history.transactions.push_back(t);
    }
    const auto survey = [](const char* id, Timestamp at, int score, bool intent) {
      SurveyAnswer s;
      s.id = id, s.at = at, s.score = score, s.statedIntentToRecommend = intent;
      return s;
    };
    p.history.surveys = {survey("s1", t0, 6, false), survey("s2", t0 + 50 * kSecondsPerDay, 10, true)};
    const auto referral = [](const char* id, Timestamp at, const char* who, bool converted, double value) {
      Referral f;
      f.id = id, f.at = at, f.referredCustomerId = who, f.converted = converted, f.value = value;
      return f;
    };
    p.history.referrals = {referral("r1", t0 + 9 * kSecondsPerDay, "q", true, 120.0),
                           referral("r2", t0 + 99 * kSecondsPerDay, "z", false, 0)};
    const auto reach = [t0](const char* network, std::int64_t followers, std::int64_t posts, std::int64_t reshares,
                            std::int64_t mentions) {
      SocialReach s;
      s.network = network, s.at = t0, s.followers = followers, s.posts = posts, s.reshares = reshares,
      s.mentions = mentions;
      return s;
    };
    p.history.reach = {reach("twitter", 1234, 17, 40, 9), reach("linkedin", 300, 3, 1, 0)};
    for (int k = 0; k < 12; ++k) {
      Interaction i;
      i.at = t0 + k * 7 * kSecondsPerDay + 333 * k;
      i.channel = k % 2 ? "email" : "forum";
      p.history.interactions.push_back(i);
    }
    return scoreProfile(p, model, fromCivil(2024, 6, 30) + 1234);
  });
}
SELFCRM_GOLDEN("scores/score-card-future") {
  return guarded([] {
    Profile p;
    Transaction t;
    t.id = "t", t.at = fromCivil(2030, 1, 1), t.amount = 1, t.margin = 1, t.currency = "EUR";
    p.history.transactions.push_back(t);
    return scoreProfile(p, Model::defaults(), fromCivil(2024, 1, 1));
  });
}
SELFCRM_GOLDEN("scores/model-defaults") {
  return guarded([] { return Model::defaults(); });
}
SELFCRM_GOLDEN("scores/customer-summaries-ndjson") {
  return guarded([] { return summarizeTransactions(transactionLines(150, 10), std::nullopt, 7); });
}
SELFCRM_GOLDEN("scores/predict-columns") {
  return guarded([] {
    Model model = Model::defaults();
    model.bgnbd = kBg;
    model.gammaGamma = kGg;
    const auto f = spread(30, 0, 12, 21), age = spread(30, 10, 80, 22), m = spread(30, 1, 300, 23);
    std::vector<double> rows, out(4 * f.size());
    for (std::size_t i = 0; i < f.size(); ++i) {
      const double x = std::floor(f[i]);
      rows.insert(rows.end(), {x, x > 0 ? age[i] * 0.7 : 0, age[i], x > 0 ? m[i] : 0});
    }
    predictColumns(model, rows.data(), f.size(), 39, out.data());
    return out;
  });
}
SELFCRM_GOLDEN("scores/predict-columns-bad-row") {
  return guarded([] {
    Model model = Model::defaults();
    model.bgnbd = kBg;
    model.gammaGamma = kGg;
    const double rows[] = {1, 2, 10, 5, 3, 20, 10, 5};  // row 1: recency after age
    double out[8] = {};
    predictColumns(model, rows, 2, 39, out);
    return std::vector<double>(out, out + 8);
  });
}
SELFCRM_GOLDEN("scores/fit-model-from-profiles") {
  return guarded([] {
    std::string profiles;
    std::size_t c = 0;
    const std::string lines = transactionLines(120, 31);
    // Regroups the simulated transactions into one profile per customer.
    json current;
    std::string currentId;
    for (std::size_t start = 0; start < lines.size();) {
      const std::size_t end = lines.find('\n', start);
      json t = json::parse(lines.substr(start, end - start));
      start = end + 1;
      if (t["customerId"] != currentId) {
        if (!currentId.empty()) profiles += current.dump() + "\n";
        currentId = t["customerId"];
        current = {{"id", currentId}, {"history", {{"transactions", json::array()}}}};
        ++c;
      }
      t.erase("customerId");
      current["history"]["transactions"].push_back(t);
    }
    profiles += current.dump() + "\nnot json\n{\"id\":4}\n{\"id\":\"x\",\"history\":{\"transactions\":[{\"at\":\"2099-01-01\",\"amount\":1}]}}\n";
    FitOptions options;
    options.asOf = fromCivil(2025, 1, 1);
    return fitModelFromProfiles(profiles, 1, options);
  });
}
