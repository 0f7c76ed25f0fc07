#include "selfcrm/scores/transaction_batch.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "selfcrm/aggregates/exact_sum.hpp"

#include "selfcrm/error.hpp"
#include "selfcrm/scores/customer_base.hpp"
#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/rfm.hpp"  // quintileCutPoints
#include "selfcrm/scores/transaction_line.hpp"

namespace selfcrm::scores {
namespace {

/// Customer ids → dense indexes in order of first appearance. Open addressing over one flat array
/// (hash tag + index per slot): a lookup touches one slot and one id, which keeps batch RFM on
/// millions of lines bound by parsing rather than by cache misses.
class CustomerIndex {
 public:
  std::size_t indexOf(std::string_view id) {
    if ((ids_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint32_t h = hash(id);
    for (std::size_t at = h & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
      const std::uint64_t slot = slots_[at];
      if (slot == 0) {
        slots_[at] = (static_cast<std::uint64_t>(h) << 32) | (ids_.size() + 1);
        ids_.emplace_back(id);
        return ids_.size() - 1;
      }
      const std::size_t index = (slot & 0xffffffffu) - 1;
      if ((slot >> 32) == h && ids_[index] == id) return index;
    }
  }
  std::vector<std::string>& ids() { return ids_; }

 private:
  static std::uint32_t hash(std::string_view s) {  // FNV-1a
    std::uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
  }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    for (std::uint64_t slot : old) {
      if (slot == 0) continue;
      std::size_t at = (slot >> 32) & (slots_.size() - 1);
      while (slots_[at] != 0) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = slot;
    }
  }
  std::vector<std::uint64_t> slots_;
  std::vector<std::string> ids_;
};

/// Calls fn(lineNo, transaction) for each parsable line; collects the rest as rejects.
template <class Fn>
std::vector<LineReject> eachTransaction(std::string_view text, Fn&& fn) {
  std::vector<LineReject> rejects;
  forEachLine(text, 1, [&](std::size_t lineNo, std::string_view line) {
    try {
      fn(parseTransactionLine(line));
    } catch (const Error& e) {
      rejects.push_back({lineNo, e.code(), e.path(), e.what()});
    }
  });
  return rejects;
}

}  // namespace

RfmSummary rfmSummary(std::string_view ndjson, Timestamp asOf, MonetaryKind monetary) {
  struct Running {
    Timestamp last;
    double count, sum;
  };
  RfmSummary out;
  CustomerIndex customers;
  std::vector<Running> running;
  out.rejects = eachTransaction(ndjson, [&](const TransactionLine& t) {
    if (t.at > asOf) throw Error(ErrorCode::Range, "/at", "transaction dated after asOf");
    const std::size_t i = customers.indexOf(t.customerId);
    if (i == running.size()) running.push_back({t.at, 0, 0});
    Running& r = running[i];
    r.last = std::max(r.last, t.at);
    r.count += 1;
    r.sum += t.amount;
    ++out.linesUsed;
  });
  out.customerIds = std::move(customers.ids());
  const std::int64_t today = epochDay(asOf);
  for (const Running& r : running) {
    out.recencyDays.push_back(static_cast<double>(today - epochDay(r.last)));
    out.frequency.push_back(r.count);
    out.monetary.push_back(monetary == MonetaryKind::Mean ? r.sum / r.count : r.sum);
  }
  return out;
}

CustomerHistories summarizeTransactions(std::string_view ndjson, std::optional<Timestamp> asOf, double periodDays) {
  struct Record {
    std::size_t customer;
    Timestamp at;
    DatedAmount amount;
  };
  CustomerHistories out;
  CustomerIndex customers;
  std::vector<Record> records;
  out.rejects = eachTransaction(ndjson, [&](const TransactionLine& t) {
    if (asOf && t.at > *asOf) throw Error(ErrorCode::Range, "/at", "transaction dated after asOf");
    records.push_back({customers.indexOf(t.customerId), t.at, {epochDay(t.at), t.amount, t.margin}});
  });
  if (records.empty()) throw Error(ErrorCode::Empty, "", "no usable transaction line");
  out.linesUsed = records.size();
  out.customerIds = std::move(customers.ids());
  out.asOf = records.front().at;
  for (const auto& r : records) out.asOf = std::max(out.asOf, r.at);
  if (asOf) out.asOf = *asOf;
  // Customer indexes follow first appearance, so sorting by them keeps that order. Within a day,
  // by amount and margin: a customer's sums then add in one order, whatever the order of the lines
  // (so parts of a split input give the one-run sums, bit for bit).
  std::stable_sort(records.begin(), records.end(), [](const Record& l, const Record& r) {
    if (l.customer != r.customer) return l.customer < r.customer;
    return std::tie(l.amount.day, l.amount.amount, l.amount.margin) < std::tie(r.amount.day, r.amount.amount, r.amount.margin);
  });
  std::vector<DatedAmount> days;
  for (std::size_t begin = 0; begin < records.size();) {
    std::size_t end = begin;
    days.clear();
    while (end < records.size() && records[end].customer == records[begin].customer) days.push_back(records[end++].amount);
    out.histories.push_back(historyFromSorted(days.data(), days.size()));
    out.summaries.push_back(customerSummary(out.histories.back(), out.asOf, periodDays));
    begin = end;
  }
  return out;
}

void sortSummaries(std::vector<CustomerSummary>& summaries) {
  std::sort(summaries.begin(), summaries.end(), [](const CustomerSummary& l, const CustomerSummary& r) {
    return std::tie(l.frequency, l.recency, l.age, l.monetary) < std::tie(r.frequency, r.recency, r.age, r.monetary);
  });
}

FitInputs fitInputs(const CustomerHistories& data, const Model& base) {
  FitInputs in;
  in.asOf = data.asOf;
  in.linesUsed = data.linesUsed;
  in.rejected = data.rejects.size();
  in.summaries = data.summaries;
  sortSummaries(in.summaries);
  aggregates::ExactSum amount, margin;
  for (const PurchaseHistory& h : data.histories) {
    const double transactions = static_cast<double>(h.transactions);
    in.recencyDays.push_back(static_cast<double>(epochDay(data.asOf) - h.lastDay));
    in.transactions.push_back(transactions);
    in.monetary.push_back(base.rfm.monetary == MonetaryKind::Total ? h.totalAmount : h.totalAmount / transactions);
    amount.add(h.totalAmount);
    margin.add(h.totalMargin);
  }
  in.amountTerms = amount.canonical();
  in.marginTerms = margin.canonical();
  return in;
}

FitResult fitModel(std::string_view ndjson, const FitOptions& options) {
  const CustomerHistories data = summarizeTransactions(ndjson, options.asOf, options.base.periodDays);
  std::optional<HoldoutSplit> holdout;
  if (options.holdoutFrom) holdout = splitHoldout(ndjson, *options.holdoutFrom, data.asOf, options.base.periodDays);
  FitResult out = fitFromInputs(fitInputs(data, options.base), options, holdout ? &*holdout : nullptr);
  out.rejects = data.rejects;
  return out;
}

FitResult fitFromInputs(const FitInputs& in, const FitOptions& options, const HoldoutSplit* holdout) {
  FitResult out;
  Model& m = out.model = options.base;
  out.linesUsed = in.linesUsed;
  out.customers = in.summaries.size();
  const Timestamp asOf = in.asOf;
  const auto& summaries = in.summaries;
  m.rfm.recencyDays = quintileCutPoints(in.recencyDays);
  m.rfm.frequency = quintileCutPoints(in.transactions);
  m.rfm.monetaryValue = quintileCutPoints(in.monetary);
  const double amount = aggregates::ExactSum::fromTerms(in.amountTerms).value();
  const double margin = aggregates::ExactSum::fromTerms(in.marginTerms).value();
  if (amount > 0) m.clv.marginRate = std::min(1.0, std::max(0.0, margin / amount));

  nlohmann::json report = {{"asOf", formatIsoTime(asOf)}, {"customers", out.customers},
                           {"transactions", out.linesUsed}, {"rejected", in.rejected}};
  nlohmann::json diagnostics = nlohmann::json::array();
  auto note = [&](const MlFit& fit) {
    for (const auto& d : fit.diagnostics) {
      nlohmann::json j = d;
      j["model"] = fit.model;
      diagnostics.push_back(j);
    }
  };
  auto failed = [](const Error& e) {
    if (e.code() != ErrorCode::Empty && e.code() != ErrorCode::Convergence) throw e;
    return nlohmann::json{{"error", {{"code", codeName(e.code())}, {"message", e.what()}}}};
  };
  const RepeatModel chosen = options.repeatModel.value_or(m.repeatModel);
  m.repeatModel = chosen;
  m.bgnbd.reset();
  m.modifiedBgnbd.reset();
  m.paretoNbd.reset();
  report["repeatModel"] = repeatModelName(chosen);
  std::vector<ModelComparisonRow> rows;
  if (options.compare || holdout) {
    if (holdout) {
      report["holdout"] = {{"from", formatIsoTime(holdout->from)}, {"periods", holdout->periods},
                           {"customers", holdout->calibration.size()}};
    }
    rows = compareRepeatModels(summaries, holdout);
    report["comparison"] = rows;
  }
  try {
    // The comparison already fitted the chosen model on the same summaries.
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.model == chosen && r.fit; });
    const MlFit fit = row != rows.end() ? *row->fit : fitRepeatModel(chosen, summaries);
    const auto& q = fit.params;
    if (chosen == RepeatModel::BgNbd) m.bgnbd = BgNbdParams{q[0], q[1], q[2], q[3]};
    if (chosen == RepeatModel::ModifiedBgNbd) m.modifiedBgnbd = BgNbdParams{q[0], q[1], q[2], q[3]};
    if (chosen == RepeatModel::ParetoNbd) m.paretoNbd = ParetoNbdParams{q[0], q[1], q[2], q[3]};
    report[repeatModelKey(chosen)] = fit;
    note(fit);
  } catch (const Error& e) {
    report[repeatModelKey(chosen)] = failed(e);
  }
  try {
    const MlFit fit = fitGammaGammaModel(summaries);
    report["gammaGamma"] = fit;
    if (fit.params[1] > 1) {
      m.gammaGamma = GammaGammaParams{fit.params[0], fit.params[1], fit.params[2]};
      note(fit);
    } else {
      m.gammaGamma.reset();
      report["gammaGamma"]["error"] = {{"code", "E_RANGE"}, {"message", "fitted q <= 1: mean spend undefined"}};
    }
  } catch (const Error& e) {
    m.gammaGamma.reset();
    report["gammaGamma"] = failed(e);
  }
  report["diagnostics"] = diagnostics;
  m.fit = report;
  return out;
}

void to_json(nlohmann::json& out, const RfmSummary& s) {
  out = {{"customerIds", s.customerIds}, {"recencyDays", s.recencyDays}, {"frequency", s.frequency},
         {"monetary", s.monetary},       {"linesUsed", s.linesUsed},     {"rejects", s.rejects}};
}

void to_json(nlohmann::json& out, const CustomerHistories& h) {
  std::vector<double> frequency, recency, age, monetary;
  for (const auto& c : h.summaries) {
    frequency.push_back(c.frequency);
    recency.push_back(c.recency);
    age.push_back(c.age);
    monetary.push_back(c.monetary);
  }
  out = {{"customerIds", h.customerIds}, {"asOf", formatIsoTime(h.asOf)}, {"frequency", frequency},
         {"recency", recency},           {"age", age},                    {"monetary", monetary},
         {"linesUsed", h.linesUsed},     {"rejects", h.rejects}};
}

void to_json(nlohmann::json& out, const FitResult& r) {
  out = {{"model", r.model}, {"linesUsed", r.linesUsed}, {"customers", r.customers}, {"rejects", r.rejects}};
}

}  // namespace selfcrm::scores
