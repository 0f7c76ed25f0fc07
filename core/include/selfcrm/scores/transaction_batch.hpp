#pragma once
/// @file
/// Batch jobs over NDJSON transaction lines (see transaction_line.hpp): per-customer RFM summaries
/// and fitting a Model. Bad lines become LineRejects; lines in = lines used + rejects (+ blank).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/ndjson.hpp"
#include "selfcrm/scores/customer_summary.hpp"
#include "selfcrm/scores/model.hpp"

namespace selfcrm::scores {

/// Per customer, in order of first appearance: recency in whole days (asOf's day − last purchase
/// day), frequency (transactions) and monetary (mean or total amount).
struct RfmSummary {
  std::vector<std::string> customerIds;
  std::vector<double> recencyDays, frequency, monetary;
  std::size_t linesUsed = 0;
  std::vector<LineReject> rejects;  ///< a line dated after asOf is rejected with E_RANGE at "/at"
};

RfmSummary rfmSummary(std::string_view ndjson, Timestamp asOf, MonetaryKind monetary);

/// Per-customer purchase histories and BG/NBD summaries (lifetimes' summary_data_from_transaction_
/// data), in order of first appearance.
struct CustomerHistories {
  std::vector<std::string> customerIds;
  std::vector<PurchaseHistory> histories;
  std::vector<CustomerSummary> summaries;  ///< times in periods of `periodDays`
  Timestamp asOf = 0;                      ///< the end of observation used
  std::size_t linesUsed = 0;
  std::vector<LineReject> rejects;
};

/// Groups transactions by customer. `asOf` defaults to the latest transaction; a line after it is
/// rejected with E_RANGE at "/at". Throws E_EMPTY when no line is usable.
CustomerHistories summarizeTransactions(std::string_view ndjson, std::optional<Timestamp> asOf, double periodDays);

struct FitOptions {
  std::optional<Timestamp> asOf;  ///< end of observation; default: the latest transaction
  Model base = Model::defaults(); ///< settings kept as they are (period, horizon, weights…)
  /// The repeat-purchase model to fit and store; default: the base model's (BG/NBD).
  std::optional<RepeatModel> repeatModel;
  /// Start of a holdout period: the comparison also fits every model on the transactions before
  /// it and reports how well each predicts the purchases after it. The stored model is fitted
  /// on all transactions.
  std::optional<Timestamp> holdoutFrom;
  bool compare = true;  ///< fit the other repeat models too, for fit.comparison
};

/// The fitted model and what it was fitted from.
struct FitResult {
  Model model;
  std::size_t linesUsed = 0, customers = 0;
  std::vector<LineReject> rejects;
};

/// Everything the fit reads, free of the order of the input: the customers' summaries sorted by
/// (x, t_x, T, monetary), their RFM figures (quintiles sort them) and exact sums of amount and
/// margin. So a fit from the inputs of parts merged (aggregates/fit_aggregate.hpp) is the fit of
/// the whole, bit for bit.
struct FitInputs {
  Timestamp asOf = 0;
  std::size_t linesUsed = 0, rejected = 0;
  std::vector<CustomerSummary> summaries;             ///< one per customer, sorted
  std::vector<double> recencyDays, transactions, monetary;  ///< RFM inputs, one per customer
  std::vector<double> amountTerms, marginTerms;       ///< exact sums as canonical expansions
};

/// The inputs of the customers in `histories` (RFM monetary per `base.rfm.monetary`).
FitInputs fitInputs(const CustomerHistories& histories, const Model& base);
/// Sorts summaries into the canonical order FitInputs holds.
void sortSummaries(std::vector<CustomerSummary>& summaries);

/// The fit (see fitModel) from inputs; `holdout` only from fitModel, which has the lines.
struct HoldoutSplit;
FitResult fitFromInputs(const FitInputs& inputs, const FitOptions& options, const HoldoutSplit* holdout = nullptr);

/// Builds per-customer summaries (purchases on one UTC day count once), RFM quintile cut points,
/// the chosen repeat model's and Gamma-Gamma parameters (left null, with the reason in model.fit,
/// when the data cannot identify them, e.g. nobody bought twice) and the margin rate
/// Σmargin/Σamount. model.fit holds each fit with standard errors, "comparison" (every repeat
/// model's log-likelihood, AIC and holdout error) and "diagnostics" (each reason to distrust the
/// stored parameters: {model, code, message, meaning, action}); a fit with diagnostics is stored
/// but never silently: the CLI prints them and scores name them in their explanation.
/// Throws E_EMPTY when no line is usable.
FitResult fitModel(std::string_view ndjson, const FitOptions& options);

void to_json(nlohmann::json& out, const RfmSummary& summary);
/// Columns: {"customerIds","asOf","frequency","recency","age","monetary","linesUsed","rejects"}.
void to_json(nlohmann::json& out, const CustomerHistories& histories);
void to_json(nlohmann::json& out, const FitResult& result);

}  // namespace selfcrm::scores
