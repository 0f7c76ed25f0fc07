#include "selfcrm/scores/bgnbd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"
#include "selfcrm/scores/summary_groups.hpp"

namespace selfcrm::scores {
namespace {

using math::lgamma;
using math::log;

/// The parts of ln L that depend only on x (and the parameters).
struct FrequencyTerms {
  double constant;  ///< ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(b+x) − ln Γ(a+b+x) − ln Γ(b) + ln Γ(a+b)
  double logRatio;  ///< ln a − ln(b+x−1) for x > 0
};

FrequencyTerms frequencyTerms(const BgNbdParams& p, double x) {
  double c = lgamma(p.r + x) - lgamma(p.r) + p.r * log(p.alpha) + lgamma(p.b + x) - lgamma(p.a + p.b + x) -
             lgamma(p.b) + lgamma(p.a + p.b);
  return {c, x > 0 ? log(p.a) - log(p.b + x - 1) : 0.0};
}

double customerTerm(const BgNbdParams& p, const FrequencyTerms& f, const CustomerSummary& c) {
  double rx = p.r + c.frequency;
  double stillAlive = -rx * log(p.alpha + c.age);
  if (c.frequency == 0) return f.constant + stillAlive;
  double droppedOut = f.logRatio - rx * log(p.alpha + c.recency);
  return f.constant + math::logSumExp(stillAlive, droppedOut);
}

}  // namespace

void validate(const BgNbdParams& params, const std::string& path) {
  const std::pair<const char*, double> fields[] = {
      {"r", params.r}, {"alpha", params.alpha}, {"a", params.a}, {"b", params.b}};
  for (const auto& [name, value] : fields) {
    if (!(std::isfinite(value) && value > 0)) {
      throw Error(ErrorCode::Range, path + "/" + name, std::string("BG/NBD ") + name + " must be a finite number > 0");
    }
  }
}

double bgnbdLogLikelihood(const BgNbdParams& params, const CustomerSummary& customer) {
  validate(params, "");
  validate(customer, "");
  return customerTerm(params, frequencyTerms(params, customer.frequency), customer);
}

double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<CustomerSummary>& customers) {
  validate(params, "");
  for (std::size_t i = 0; i < customers.size(); ++i) validate(customers[i], pointerAppend("", i));
  // Customers sorted by frequency share their Γ terms; the sum runs in input order for stability.
  std::vector<std::size_t> order(customers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto l, auto r) { return customers[l].frequency < customers[r].frequency; });
  std::vector<double> terms(customers.size());
  double lastX = -1;
  FrequencyTerms f{0, 0};
  for (auto i : order) {
    if (customers[i].frequency != lastX) {
      lastX = customers[i].frequency;
      f = frequencyTerms(params, lastX);
    }
    terms[i] = customerTerm(params, f, customers[i]);
  }
  double sum = 0;
  for (double t : terms) sum += t;
  return sum;
}

double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<SummaryGroup>& groups) {
  double sum = 0, lastX = -1;
  FrequencyTerms f{0, 0};
  for (const auto& g : groups) {  // sorted by frequency: Γ terms once per frequency
    if (g.frequency != lastX) lastX = g.frequency, f = frequencyTerms(params, lastX);
    sum += g.count * customerTerm(params, f, {g.frequency, g.recency, g.age, 0});
  }
  return sum;
}

double bgnbdLogLikelihood(const BgNbdParams& params, const std::vector<SummaryGroup>& groups, GroupLogTimes& times) {
  times.shift(params.alpha);
  double sum = 0, lastX = -1;
  FrequencyTerms f{0, 0};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const SummaryGroup& g = groups[i];
    if (g.frequency != lastX) lastX = g.frequency, f = frequencyTerms(params, lastX);
    // customerTerm with the logarithms from the table.
    const double rx = params.r + g.frequency;
    const double stillAlive = -rx * times.age(i);
    const double term = g.frequency == 0 ? f.constant + stillAlive
                                         : f.constant + math::logSumExp(stillAlive, f.logRatio - rx * times.recency(i));
    sum += g.count * term;
  }
  return sum;
}

namespace {

/// Customers grouped by frequency once, so each likelihood evaluation computes Γ terms per group;
/// ages and recencies are mapped to a table of distinct times (day-granular data has few), so
/// ln(α + time) is computed once per distinct time rather than twice per customer.
struct GroupedCustomers {
  struct Entry {
    double frequency;
    std::size_t age, recency;  ///< indexes into times
  };
  std::vector<double> times;                  ///< distinct ages and recencies, ascending
  std::vector<double> frequencies;            ///< distinct, ascending
  std::vector<std::vector<Entry>> groups;
  mutable std::vector<double> logTimes;       ///< ln(α + times[i]) for the current α

  explicit GroupedCustomers(const std::vector<CustomerSummary>& customers) {
    for (const auto& c : customers) {
      times.push_back(c.age);
      times.push_back(c.recency);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    logTimes.resize(times.size());
    auto indexOf = [&](double t) {
      return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), t) - times.begin());
    };
    std::vector<CustomerSummary> sorted = customers;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& l, const auto& r) { return l.frequency < r.frequency; });
    for (const auto& c : sorted) {
      if (frequencies.empty() || frequencies.back() != c.frequency) {
        frequencies.push_back(c.frequency);
        groups.emplace_back();
      }
      groups.back().push_back({c.frequency, indexOf(c.age), indexOf(c.recency)});
    }
  }

  double logLikelihood(const BgNbdParams& p) const {
    for (std::size_t i = 0; i < times.size(); ++i) logTimes[i] = log(p.alpha + times[i]);
    double sum = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const FrequencyTerms f = frequencyTerms(p, frequencies[g]);
      const double rx = p.r + frequencies[g];
      for (const auto& e : groups[g]) {
        const double stillAlive = -rx * logTimes[e.age];
        sum += e.frequency == 0 ? f.constant + stillAlive
                                : f.constant + math::logSumExp(stillAlive, f.logRatio - rx * logTimes[e.recency]);
      }
    }
    return sum;
  }
};

BgNbdParams fromLog(const std::vector<double>& theta) {
  return {math::exp(theta[0]), math::exp(theta[1]), math::exp(theta[2]), math::exp(theta[3])};
}

}  // namespace

BgNbdFit fitBgNbd(const std::vector<CustomerSummary>& customers) {
  double repeaters = 0, totalX = 0, totalT = 0;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    validate(customers[i], pointerAppend("", i));
    repeaters += customers[i].frequency > 0 ? 1 : 0;
    totalX += customers[i].frequency;
    totalT += customers[i].age;
  }
  if (repeaters == 0) throw Error(ErrorCode::Empty, "", "BG/NBD needs at least one customer with a repeat purchase");
  const GroupedCustomers data(customers);
  const double n = static_cast<double>(customers.size());
  auto objective = [&](const std::vector<double>& theta) { return -data.logLikelihood(fromLog(theta)) / n; };

  // α is a time scale: start it where r/α matches the observed purchase rate.
  const double rate = totalX / totalT;
  const double starts[][4] = {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {2, 2 / rate, 2, 5},
                              {0.25, 0.25 / rate, 1, 4}};
  BgNbdFit fit;
  fit.customers = customers.size();
  bool any = false;
  std::vector<double> values;
  for (const auto& s : starts) {
    std::vector<double> theta{log(s[0]), log(s[1]), log(s[2]), log(s[3])};
    math::MinimizeReport report = math::nelderMead(objective, theta);
    ++fit.starts;
    values.push_back(report.converged ? report.value : std::numeric_limits<double>::infinity());
    if (report.converged && (!any || report.value < fit.report.value)) {
      fit.report = report;
      any = true;
    }
  }
  if (!any) throw Error(ErrorCode::Convergence, "", "the BG/NBD fit did not converge from any start");
  for (double v : values) fit.startsAgreeing += std::fabs(v - fit.report.value) * n <= 1e-6 * n + 1e-4 ? 1 : 0;
  fit.params = fromLog(fit.report.x);
  fit.logLikelihood = -fit.report.value * n;
  return fit;
}

double probabilityAlive(const BgNbdParams& p, const CustomerSummary& c) {
  validate(p, "/bgnbd");
  validate(c, "");
  if (c.frequency == 0) return 1.0;
  double rx = p.r + c.frequency;
  return 1.0 / (1.0 + p.a / (p.b + c.frequency - 1) * math::exp(rx * (log(p.alpha + c.age) - log(p.alpha + c.recency))));
}

namespace {

/// The parts of E[Y(t) | x, t_x, T] that do not depend on t.
struct PredictionTerms {
  double rx, logAgeScale, scale, denominator;
};

PredictionTerms predictionTerms(const BgNbdParams& p, const CustomerSummary& c) {
  // (a+b+x−1)/(a−1) has a removable singularity at a = 1 that the closed form cannot evaluate.
  if (p.a == 1.0) throw Error(ErrorCode::Range, "/bgnbd/a", "predictions need a != 1");
  const double x = c.frequency;
  PredictionTerms terms{p.r + x, log(p.alpha + c.age), (p.a + p.b + x - 1) / (p.a - 1), 1.0};
  if (x > 0) terms.denominator += p.a / (p.b + x - 1) * math::exp(terms.rx * (terms.logAgeScale - log(p.alpha + c.recency)));
  return terms;
}

double expectedPurchasesAt(const BgNbdParams& p, const CustomerSummary& c, const PredictionTerms& k, double t) {
  const double x = c.frequency;
  const double z = t / (p.alpha + c.age + t);
  const double shrink = math::exp(k.rx * (k.logAgeScale - log(p.alpha + c.age + t)));
  return k.scale * (1.0 - shrink * math::hyp2f1(k.rx, p.b + x, p.a + p.b + x - 1, z)) / k.denominator;
}

}  // namespace

double expectedPurchases(const BgNbdParams& p, const CustomerSummary& c, double t) {
  validate(p, "/bgnbd");
  validate(c, "");
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "the prediction horizon must be >= 0");
  return expectedPurchasesAt(p, c, predictionTerms(p, c), t);
}

std::vector<double> expectedPurchasesCurve(const BgNbdParams& p, const CustomerSummary& c, std::size_t periods) {
  validate(p, "/bgnbd");
  validate(c, "");
  const PredictionTerms terms = predictionTerms(p, c);
  std::vector<double> out(periods);
  for (std::size_t i = 0; i < periods; ++i) out[i] = expectedPurchasesAt(p, c, terms, static_cast<double>(i + 1));
  return out;
}

double expectedPurchasesNewCustomer(const BgNbdParams& p, double t) {
  validate(p, "/bgnbd");
  if (!(std::isfinite(t) && t >= 0)) throw Error(ErrorCode::Range, "/t", "the prediction horizon must be >= 0");
  if (p.a == 1.0) throw Error(ErrorCode::Range, "/bgnbd/a", "predictions need a != 1");
  const double shrink = math::exp(p.r * (log(p.alpha) - log(p.alpha + t)));
  return (p.a + p.b - 1) / (p.a - 1) * (1.0 - shrink * math::hyp2f1(p.r, p.b, p.a + p.b - 1, t / (p.alpha + t)));
}

void to_json(nlohmann::json& out, const BgNbdParams& p) {
  out = {{"r", p.r}, {"alpha", p.alpha}, {"a", p.a}, {"b", p.b}};
}

void to_json(nlohmann::json& out, const BgNbdFit& fit) {
  out = {{"params", fit.params},   {"logLikelihood", fit.logLikelihood}, {"customers", fit.customers},
         {"starts", fit.starts},   {"startsAgreeing", fit.startsAgreeing}, {"optimizer", fit.report}};
}

}  // namespace selfcrm::scores
