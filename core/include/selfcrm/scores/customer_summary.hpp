#pragma once
/// @file
/// Per-customer purchase summaries, as lifetimes' summary_data_from_transaction_data builds them:
/// purchases on the same UTC day count as one; the first purchase day is not a repeat.

#include <cstdint>
#include <string>
#include <vector>

#include "selfcrm/profile.hpp"

namespace selfcrm::scores {

/// What the BG/NBD and Gamma-Gamma models read about one customer (times in model periods).
struct CustomerSummary {
  double frequency = 0;  ///< x: repeat purchase days (distinct purchase days − 1)
  double recency = 0;    ///< t_x: from the first to the last purchase day
  double age = 0;        ///< T: from the first purchase day to asOf
  double monetary = 0;   ///< mean amount per repeat purchase day (0 when x = 0)
};

/// Everything RFM and the CLV models need about one customer's transactions.
struct PurchaseHistory {
  std::int64_t firstDay = 0;   ///< epoch day of the first purchase
  std::int64_t lastDay = 0;    ///< epoch day of the last purchase
  std::int64_t purchaseDays = 0;
  std::int64_t transactions = 0;
  double totalAmount = 0;
  double totalMargin = 0;
  double firstDayAmount = 0;   ///< amount spent on the first purchase day (excluded from monetary)
};

/// Summarises a profile's transactions. Throws Error(E_RANGE, "/history/transactions/i/at") for a
/// transaction after `asOf`, and E_RANGE for a non-finite amount or margin. E_EMPTY when there are
/// no transactions.
PurchaseHistory purchaseHistory(const std::vector<Transaction>& transactions, Timestamp asOf);

/// One transaction reduced to what the histories need.
struct DatedAmount {
  std::int64_t day = 0;  ///< epoch day
  double amount = 0;
  double margin = 0;
};

/// The history of one customer from transactions already sorted by day (stable, so equal days
/// keep their input order); `count` > 0.
PurchaseHistory historyFromSorted(const DatedAmount* sorted, std::size_t count);

/// A purchase history seen through the BG/NBD lens with periods of `periodDays` days.
CustomerSummary customerSummary(const PurchaseHistory& history, Timestamp asOf, double periodDays);

/// Throws Error(E_RANGE, path + "/frequency" …) unless x is a non-negative integer,
/// 0 ≤ t_x ≤ T, T ≥ 0 (a first purchase on the asOf day), t_x = 0 when x = 0, and monetary ≥ 0 is finite.
void validate(const CustomerSummary& customer, const std::string& path);

}  // namespace selfcrm::scores
