#include "selfcrm/scores/customer_base.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "selfcrm/error.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/scores/transaction_line.hpp"

namespace selfcrm::scores {

HoldoutSplit splitHoldout(std::string_view ndjson, Timestamp from, Timestamp asOf, double periodDays) {
  if (!(from < asOf)) throw Error(ErrorCode::Range, "/holdoutFrom", "the holdout must start before asOf");
  struct Dated {
    std::size_t customer;
    Timestamp at;
    DatedAmount amount;
  };
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Dated> records;
  forEachLine(ndjson, 1, [&](std::size_t, std::string_view line) {
    try {
      TransactionLine t = parseTransactionLine(line);
      if (t.at > asOf) return;
      const auto [it, added] = index.emplace(std::move(t.customerId), index.size());
      records.push_back({it->second, t.at, {epochDay(t.at), t.amount, t.margin}});
    } catch (const Error&) {
      // Rejected lines are counted and reported by the fit itself.
    }
  });
  std::stable_sort(records.begin(), records.end(), [](const Dated& l, const Dated& r) {
    return l.customer != r.customer ? l.customer < r.customer : l.at < r.at;
  });
  HoldoutSplit out;
  out.from = from;
  out.asOf = asOf;
  out.periods = static_cast<double>(epochDay(asOf) - epochDay(from)) / periodDays;
  std::vector<DatedAmount> days;
  for (std::size_t begin = 0; begin < records.size();) {
    std::size_t end = begin;
    days.clear();
    double later = 0;
    std::int64_t lastDay = 0;
    while (end < records.size() && records[end].customer == records[begin].customer) {
      const Dated& d = records[end++];
      if (d.at <= from) {
        days.push_back(d.amount);
      } else if (!days.empty() && d.amount.day != lastDay && d.amount.day != days.back().day) {
        later += 1;
        lastDay = d.amount.day;
      }
    }
    if (!days.empty()) {
      std::stable_sort(days.begin(), days.end(), [](const auto& l, const auto& r) { return l.day < r.day; });
      out.calibration.push_back(customerSummary(historyFromSorted(days.data(), days.size()), from, periodDays));
      out.actual.push_back(later);
    }
    begin = end;
  }
  if (out.calibration.empty()) throw Error(ErrorCode::Range, "/holdoutFrom", "no customer bought before the holdout starts");
  return out;
}

std::vector<ModelComparisonRow> compareRepeatModels(const std::vector<CustomerSummary>& customers,
                                                    const HoldoutSplit* holdout) {
  std::vector<ModelComparisonRow> rows;
  for (RepeatModel m : kRepeatModels) {
    ModelComparisonRow row;
    row.model = m;
    try {
      row.fit = fitRepeatModel(m, customers);
      if (holdout) {
        const MlFit calibrated = fitRepeatModel(m, holdout->calibration);
        double predicted = 0, actual = 0, absolute = 0;
        for (std::size_t i = 0; i < holdout->calibration.size(); ++i) {
          const double p = repeatExpectedPurchases(m, calibrated.params, holdout->calibration[i], holdout->periods);
          predicted += p;
          actual += holdout->actual[i];
          absolute += std::fabs(p - holdout->actual[i]);
        }
        row.predicted = predicted;
        row.actual = actual;
        if (actual > 0) row.relativeError = (predicted - actual) / actual;
        row.meanAbsoluteError = absolute / static_cast<double>(holdout->calibration.size());
      }
    } catch (const Error& e) {
      if (e.code() != ErrorCode::Empty && e.code() != ErrorCode::Convergence && e.code() != ErrorCode::Range) throw;
      row.error = std::string(codeName(e.code())) + ": " + e.what();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void to_json(nlohmann::json& out, const ModelComparisonRow& row) {
  using json = nlohmann::json;
  out = {{"model", repeatModelName(row.model)}};
  if (!row.fit) {
    out["error"] = row.error;
    return;
  }
  json codes = json::array();
  for (const auto& d : row.fit->diagnostics) codes.push_back(d.code);
  out["logLikelihood"] = row.fit->logLikelihood;
  out["aic"] = row.fit->aic;
  out["parameters"] = row.fit->names.size();
  out["diagnostics"] = codes;
  auto maybe = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  out["holdout"] = row.predicted ? json{{"predicted", maybe(row.predicted)}, {"actual", maybe(row.actual)},
                                        {"relativeError", maybe(row.relativeError)},
                                        {"meanAbsoluteError", maybe(row.meanAbsoluteError)}}
                                 : json(nullptr);
  if (!row.error.empty()) out["error"] = row.error;
}

}  // namespace selfcrm::scores
